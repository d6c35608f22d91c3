import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fundingSample from '../../forms/funding-application/samples/valid-minimal.json' with { type: 'json' };
import planSample from '../../forms/integration-plan/samples/valid-minimal.json' with { type: 'json' };
import { isAppError } from '../../functions/core/errors.ts';
import type { Actor, Submission } from '../../functions/core/model.ts';
import { actor, memoryServices } from '../helpers/services.ts';

/**
 * Model-based test of the workflow: random sequences of actions by random actors (roles and organisations)
 * run through the services on the in-memory stores and, side by side, through a model of the rules written
 * down here on their own (README: who starts, submits, reviews; what each action does to state, revisions,
 * the approved revision and the planning frames). After every step the answer (done, or which refusal) and
 * the stored state, history and frames must agree with the model.
 */

const A = 'kirchheim-unter-teck';
const B = 'plochingen';
const ROUND = '2017-2018';
const ACTORS: Actor[] = [
  actor('kommune-a', 'municipality', A),
  actor('kommune-b', 'municipality', B),
  actor('pruefer', 'reviewer', 'rp-stuttgart'),
  actor('im-a1', 'manager', A),
  actor('im-a2', 'manager', A),
  actor('im-b', 'manager', B),
  actor('koordination-a', 'coordinator', A),
  actor('admin', 'admin', 'rp-stuttgart'),
  actor('koordination-b', 'coordinator', B),
];
const role = (a: Actor) => a.roles[0];

type Kind = 'funding' | 'case';
interface ModelSub {
  id: string;
  kind: Kind;
  org: string;
  status: 'draft' | 'review' | 'approved' | 'revised';
  version: number;
  revision: number;
  approvedRevision: number | null;
  amending: boolean;
  events: number;
  assignedTo?: string;
  requested: number;
}
interface Model {
  subs: ModelSub[];
  approved: Record<string, number>;
  inReview: Record<string, number>;
}

// The rules, restated.
const visible = (a: Actor, s: ModelSub): boolean => {
  if (role(a) === 'admin') return false;
  if (s.kind === 'funding')
    return (role(a) === 'municipality' && a.org === s.org) || (role(a) === 'reviewer' && s.revision > 0);
  return (
    (role(a) === 'manager' && a.org === s.org && s.assignedTo === a.sub) ||
    (role(a) === 'coordinator' && a.org === s.org)
  );
};
const owner = (a: Actor, s: ModelSub) =>
  s.kind === 'funding'
    ? role(a) === 'municipality' && a.org === s.org
    : role(a) === 'manager' && a.org === s.org && s.assignedTo === a.sub;
const reviewer = (a: Actor, s: ModelSub) =>
  s.kind === 'funding' ? role(a) === 'reviewer' : role(a) === 'coordinator' && a.org === s.org;

type Op = 'create' | 'save' | 'submit' | 'approve' | 'return' | 'amend' | 'read' | 'assign';
interface Step {
  op: Op;
  /** Most steps are taken by someone entitled to them (else few sequences would get far). */
  fit: boolean;
  actor: number;
  target: number;
  kind: Kind;
  to: number;
}

/** What the model says a step does: the outcome (`ok` or a status) and, if ok, the change. */
function decide(model: Model, step: Step, a: Actor, s: ModelSub | undefined): number | 'ok' {
  if (step.op === 'create') {
    const starters = step.kind === 'funding' ? 'municipality' : 'manager';
    return role(a) === starters ? 'ok' : 403;
  }
  if (!s) return 'ok';
  if (!visible(a, s)) return 404;
  switch (step.op) {
    case 'read':
      return 'ok';
    case 'assign': {
      if (s.kind !== 'case' || role(a) !== 'coordinator' || a.org !== s.org) return 403;
      const target = ACTORS[3 + (step.to % 3)]!;
      return role(target) === 'manager' && target.org === s.org ? 'ok' : 400;
    }
    case 'save':
    case 'submit':
      if (!owner(a, s)) return 403;
      return s.status === 'draft' || s.status === 'revised' ? 'ok' : 409;
    case 'amend':
      if (!owner(a, s)) return 403;
      return s.status === 'approved' && s.kind === 'case' ? 'ok' : 409;
    case 'approve':
    case 'return':
      if (!reviewer(a, s)) return 403;
      return s.status === 'review' ? 'ok' : 409;
  }
  return model.subs.length;
}

function apply(model: Model, step: Step, a: Actor, s: ModelSub | undefined, created?: Submission) {
  if (step.op === 'create' && created) {
    model.subs.push({
      id: created.id,
      kind: step.kind,
      org: a.org,
      status: 'draft',
      version: 1,
      revision: 0,
      approvedRevision: null,
      amending: false,
      events: 1,
      ...(step.kind === 'case' ? { assignedTo: a.sub } : {}),
      requested: step.kind === 'funding' ? Number(created.indexed.requestedTotal) : 0,
    });
    return;
  }
  if (!s || step.op === 'read') return;
  s.version++;
  s.events++;
  const add = (table: Record<string, number>, n: number) => {
    table[s.org] = (table[s.org] ?? 0) + n;
  };
  switch (step.op) {
    case 'assign':
      s.assignedTo = ACTORS[3 + (step.to % 3)]!.sub;
      break;
    case 'submit':
      s.revision++;
      if (s.kind === 'case' && s.amending) {
        s.status = 'approved';
        s.approvedRevision = s.revision;
      } else s.status = 'review';
      s.amending = false;
      if (s.kind === 'funding') add(model.inReview, s.requested);
      break;
    case 'approve':
      s.status = 'approved';
      s.approvedRevision = s.revision;
      if (s.kind === 'funding') {
        add(model.inReview, -s.requested);
        add(model.approved, s.requested);
      }
      break;
    case 'return':
      s.status = 'revised';
      if (s.kind === 'funding') add(model.inReview, -s.requested);
      break;
    case 'amend':
      s.status = 'draft';
      s.amending = true;
      break;
  }
}

function fundingData() {
  const data = structuredClone(fundingSample) as Record<string, any>;
  data.positions = data.positions.map((p: Record<string, unknown>) => ({ ...p, fte: 0.25, months: 6 }));
  return data;
}

async function run(
  services: ReturnType<typeof memoryServices>,
  step: Step,
  a: Actor,
  s: ModelSub | undefined,
) {
  const svc = services.submissionService;
  const ifMatch = s ? `"${s.version}"` : undefined;
  switch (step.op) {
    case 'create': {
      const created = await svc.create(a, {
        formId: step.kind === 'funding' ? 'funding-application' : 'integration-plan',
        data: step.kind === 'funding' ? fundingData() : planSample,
      });
      // A funding application gets its signed application at once (the model is about the workflow).
      if (step.kind === 'funding') await services.attachSigned(a, created);
      return created;
    }
    case 'read':
      return svc.get(a, s!.id);
    case 'save': {
      const current = await services.submissions.get(s!.id);
      return svc.save(a, s!.id, ifMatch, { data: current!.data });
    }
    case 'assign':
      return svc.assign(a, s!.id, ifMatch, { userId: ACTORS[3 + (step.to % 3)]!.sub });
    default:
      return svc.transition(a, s!.id, ifMatch, {
        action: step.op,
        ...(step.op === 'return' ? { comment: 'Bitte ergänzen' } : {}),
      });
  }
}

/** Someone entitled to take the step (by the model), or undefined if no one is. */
function fitActor(step: Step, s: ModelSub | undefined): Actor | undefined {
  const find = (p: (a: Actor) => boolean) => ACTORS.filter(p)[step.to % Math.max(1, ACTORS.filter(p).length)];
  if (step.op === 'create')
    return find((a) => role(a) === (step.kind === 'funding' ? 'municipality' : 'manager'));
  if (!s) return undefined;
  if (step.op === 'approve' || step.op === 'return') return find((a) => reviewer(a, s));
  if (step.op === 'assign') return find((a) => role(a) === 'coordinator' && a.org === s.org);
  return find((a) => owner(a, s));
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  op: fc.constantFrom<Op>('create', 'save', 'submit', 'approve', 'return', 'amend', 'read', 'assign'),
  fit: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  actor: fc.nat({ max: ACTORS.length - 1 }),
  target: fc.nat({ max: 20 }),
  kind: fc.constantFrom<Kind>('funding', 'case'),
  to: fc.nat({ max: 2 }),
});

describe('the workflow agrees with its model under random actions by random actors', () => {
  it('state, history and planning frames', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 40 }), async (steps) => {
        const services = memoryServices(ACTORS);
        for (const org of [A, B])
          await services.allocations.importFrame({ round: ROUND, org, name: org, frame: 10_000_000 });
        const model: Model = { subs: [], approved: {}, inReview: {} };
        for (const step of steps) {
          const s =
            step.op === 'create' || model.subs.length === 0
              ? undefined
              : model.subs[step.target % model.subs.length];
          const effective: Step = s || step.op === 'create' ? step : { ...step, op: 'create' };
          const a = (effective.fit ? fitActor(effective, s) : undefined) ?? ACTORS[step.actor]!;
          const expected = decide(model, effective, a, s);
          let actual: number | 'ok';
          let created: Submission | undefined;
          try {
            const out = await run(services, effective, a, s);
            if (effective.op === 'create') created = out as Submission;
            actual = 'ok';
          } catch (error) {
            if (!isAppError(error)) throw error;
            actual = error.status;
          }
          expect({ step: effective, actor: a.name, outcome: actual }).toEqual({
            step: effective,
            actor: a.name,
            outcome: expected,
          });
          if (actual === 'ok') apply(model, effective, a, s, created);
          for (const m of model.subs) {
            const stored = await services.submissions.get(m.id);
            expect(stored).toMatchObject({
              status: m.status,
              version: m.version,
              revision: m.revision,
              approvedRevision: m.approvedRevision,
              amending: m.amending,
              ...(m.assignedTo ? { assignedTo: m.assignedTo } : {}),
            });
            expect((await services.submissions.history(m.id)).length).toBe(m.events);
            for (let n = 1; n <= m.revision; n++)
              expect(await services.submissions.getRevision(m.id, n)).toBeDefined();
            expect(await services.submissions.getRevision(m.id, m.revision + 1)).toBeUndefined();
          }
          for (const org of [A, B]) {
            const frame = await services.allocations.get(ROUND, org);
            expect({ org, approved: frame?.approved, inReview: frame?.inReview }).toEqual({
              org,
              approved: model.approved[org] ?? 0,
              inReview: model.inReview[org] ?? 0,
            });
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
