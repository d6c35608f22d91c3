/**
 * Demo grants after the decision, created through the services at the dates they would have happened (each
 * step runs on the services with the clock of its day), so that the case file ("Förderakte") shows a real
 * history and real deadlines:
 * - Kirchheim: approved about half a year ago, retrieved, legal remedy waived (final), a payment request paid
 *   out, and a change notice waiting for the authority;
 * - Weilheim: an application refused a few days ago, its refusal ready for retrieval;
 * - Wendlingen: approved, its funding period ended last month: the proof of use is due within three months.
 * They are in the current demo round, whose application window must hold their submit dates (it closes at the
 * end of 2027: see `demo-rounds.ts`).
 */
import type { TransitionCommand } from '#api/schemas/submissions';
import { addDays } from '#core/finality';
import type { Actor, JsonObject, Submission, UserProfile } from '#core/model';
import { addMonths, berlinDate } from '#core/retention';
import { type Adapters, decisionService, followUpService, submissionService } from '#lib/services';
import { etag } from '#services/submission-service';
import { CURRENT_DEMO_ROUND } from './demo-rounds.ts';
import { application } from './demo-submissions.ts';
import { actorOf } from './demo-users.ts';
import { attachSignedApplication } from './signed-application.ts';

/** The first day of the current demo round's application window. */
const ROUND_OPENS = '2026-01-05';

const later = (a: string, b: string) => (a > b ? a : b);

export async function seedGrants(ctx: Adapters, users: UserProfile[]): Promise<void> {
  const user = (username: string): Actor => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`demo user ${username} missing`);
    return actorOf(u);
  };
  const today = berlinDate(ctx.now());
  // One set of adapters whose clock each step sets to its own day (their services are built once).
  let day = today;
  const past: Adapters = { ...ctx, now: () => new Date(`${day}T09:00:00.000Z`) };
  const on = (date: string): Adapters => {
    day = date;
    return past;
  };
  const act = (
    date: string,
    sub: Submission,
    username: string,
    action: TransitionCommand['action'],
    extra: Omit<TransitionCommand, 'action'> = {},
  ) =>
    submissionService(on(date)).transition(user(username), sub.id, etag(sub.version), { action, ...extra });
  /** Creates and submits a funding application on `date`, with its signed application attached. */
  const apply = async (date: string, username: string, data: JsonObject) => {
    const created = await submissionService(on(date)).create(user(username), {
      formId: 'funding-application',
      data,
    });
    await attachSignedApplication(on(date), user(username), created);
    return act(date, created, username, 'submit');
  };
  /** The applicant retrieves the decision on `date` (notified the day after) and waives legal remedy then. */
  const makeFinal = async (date: string, sub: Submission, username: string) => {
    await decisionService(on(date)).recordRetrieval(
      sub.id,
      user(username),
      new Date(`${date}T09:00:00.000Z`),
    );
    const current = await submissionService(on(date)).get(user(username), sub.id);
    const waiveOn = addDays(date, 1);
    return decisionService(on(waiveOn)).recordFinality(user(username), sub.id, etag(current.version), {
      step: 'remedy_waived',
    });
  };
  /** Starts, fills and submits a follow-up record of an application on `date`. */
  const followUp = async (
    date: string,
    parent: Submission,
    username: string,
    formId: string,
    data: JsonObject,
  ) => {
    const service = submissionService(on(date));
    const child = await service.create(user(username), { formId, parentId: parent.id });
    const saved = await service.save(user(username), child.id, etag(child.version), {
      data: { ...child.data, ...data },
    });
    return act(date, saved, username, 'submit');
  };
  /**
   * The authority releases a payment request. The one place to change when releases need a second reviewer.
   */
  // Payment releases are four-eyes: one reviewer proposes, another confirms.
  const releasePayment = async (date: string, request: Submission) =>
    act(date, await act(date, request, 'rp.pruefer1', 'approve'), 'rp.pruefer2', 'confirm');

  // Kirchheim: final, paid, a change notice in review.
  const t0 = addDays(today, -200);
  const start = addMonths(`${t0.slice(0, 8)}01`, 1);
  const kirchheim = await apply(
    t0,
    'kirchheim.kommune',
    application(
      {
        name: 'Kirchheim unter Teck',
        street: 'Marktstraße',
        postalCode: '73230',
        phone: '07021 502-0',
        domain: 'kirchheim.example',
      },
      [{ personName: 'Selin Arslan', fte: 1, startDate: start }],
      { round: CURRENT_DEMO_ROUND },
    ),
  );
  const approved = await act(addDays(t0, 7), kirchheim, 'rp.pruefer1', 'approve');
  const final = await makeFinal(addDays(t0, 9), approved, 'kirchheim.kommune');
  const request = await followUp(addDays(t0, 20), final, 'kirchheim.kommune', 'payment-request', {
    amount: 23_500,
    period: { from: start, to: addDays(addMonths(start, 2), -1) },
    declarations: { neededWithinTwoMonths: true },
  });
  const released = await releasePayment(addDays(t0, 22), request);
  const paidOn = addDays(t0, 25);
  await followUpService(on(paidOn)).recordPayout(user('rp.pruefer1'), released.id, released.version, paidOn);
  const positionId = (
    (await submissionService(ctx).get(user('kirchheim.kommune'), kirchheim.id)).data.positions as JsonObject[]
  )[0]?.id;
  await followUp(addDays(t0, 150), kirchheim, 'kirchheim.kommune', 'change-notice', {
    positions: [{ positionId, type: 'fte-change', effectiveFrom: addMonths(start, 8), fte: 0.75 }],
  });

  // Weilheim: refused a few days ago; the refusal waits for its retrieval.
  const refusedOn = addDays(today, -3);
  const weilheim = await apply(
    addDays(today, -30),
    'weilheim.kommune',
    application(
      {
        name: 'Weilheim an der Teck',
        street: 'Marktplatz',
        postalCode: '73235',
        phone: '07023 106-0',
        domain: 'weilheim.example',
      },
      [{ personName: 'Jonas Weber', fte: 0.5, startDate: addMonths(`${today.slice(0, 8)}01`, 2) }],
      { round: CURRENT_DEMO_ROUND },
    ),
  );
  await act(refusedOn, weilheim, 'rp.pruefer2', 'reject', {
    comment:
      'Die beantragte Stelle dient überwiegend der allgemeinen Sozialberatung; eine Förderung als Integrationsmanagement nach der VwV ist nicht möglich.',
  });

  // Wendlingen: the funding period ended at the end of last month; the proof of use is due in three months.
  const firstOfMonth = `${today.slice(0, 8)}01`;
  const periodStart = later(addMonths(firstOfMonth, -24), '2026-01-01');
  const months = Math.max(
    3,
    (Number(firstOfMonth.slice(0, 4)) - Number(periodStart.slice(0, 4))) * 12 +
      Number(firstOfMonth.slice(5, 7)) -
      Number(periodStart.slice(5, 7)),
  );
  const submittedOn = later(addDays(periodStart, -20), ROUND_OPENS);
  const wendlingen = await apply(
    submittedOn,
    'wendlingen.kommune',
    application(
      {
        name: 'Wendlingen am Neckar',
        street: 'Am Marktplatz',
        postalCode: '73240',
        phone: '07024 943-0',
        domain: 'wendlingen.example',
      },
      [{ personName: 'Nadia Karimi', fte: 0.5, startDate: periodStart, months }],
      { round: CURRENT_DEMO_ROUND },
    ),
  );
  const wendlingenApproved = await act(addDays(submittedOn, 10), wendlingen, 'rp.pruefer2', 'approve');
  await makeFinal(addDays(submittedOn, 12), wendlingenApproved, 'wendlingen.kommune');
}
