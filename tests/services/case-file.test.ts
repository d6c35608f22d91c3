/**
 * The case file on the in-memory adapters: file numbers assigned at the first submit, unique and gap-free per
 * authority and round (a failed submit leaves no gap, concurrent submits get distinct numbers), and the
 * documents a change issues, from pending to ready (rendered once, idempotently), listed and downloaded.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryCaseFileStore } from '../../functions/adapters/memory/case-file-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import { fontPaths, TypstRenderer } from '../../functions/adapters/pdf/typst-renderer.ts';
import { caseFileService, guardedSubmissions as guarded } from '../../functions/lib/services.ts';
import { readFileNumberAhead, writeWithFileNumber } from '../../functions/services/case-file.ts';
import { numberEarlierApplications } from '../../functions/services/file-number-migration.ts';
import { etag } from '../../functions/services/submission-service.ts';
import { submission } from '../contract/submission-store.contract.ts';
import { FUNDING, fundingData } from '../helpers/factories.ts';
import { memoryWorld } from '../helpers/memory.ts';

type Json = Record<string, any>;

const renderer = new TypstRenderer(fontPaths());

/** Half a position for 24 months: 51,000 EUR in round 2017-2018. */
const halfPosition = (overrides: Json = {}) =>
  fundingData({
    positions: [
      {
        personName: 'Sara Muster',
        qualification: 'secondary',
        fte: 0.5,
        employer: 'Gemeinde',
        startDate: '2017-11-01',
        months: 24,
        requestedAmount: 1,
      },
    ],
    ...overrides,
  });

async function world() {
  const w = await memoryWorld();
  const caseFiles = caseFileService({ ...w.adapters, renderer });
  return { ...w, caseFiles };
}

const pdfText = (pdf: Uint8Array) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', '-', '-'], { input: pdf }).toString('utf8');

describe('file numbers', () => {
  it('are assigned at the first submit, in order, and kept when resubmitted', async () => {
    const { services, actor, attachSigned } = await world();
    const numbers: string[] = [];
    for (const user of ['wendlingen.kommune', 'weilheim.kommune', 'kirchheim.kommune']) {
      const a = actor(user);
      const sub = await services.submissions.create(a, { formId: FUNDING, data: halfPosition() });
      expect(sub.fileNumber).toBeUndefined();
      await attachSigned(a, sub);
      const submitted = await services.submissions.transition(a, sub.id, etag(sub.version), {
        action: 'submit',
      });
      numbers.push(submitted.fileNumber as string);
    }
    expect(numbers).toEqual(['RPS-IM-2017-0001', 'RPS-IM-2017-0002', 'RPS-IM-2017-0003']);
  });

  it('leave no gap when a submit fails (its frame is too small), and the next one gets the next number', async () => {
    const { services, actor, attachSigned } = await world();
    const fails = actor('bissingen.kommune');
    const failing = await services.submissions.create(fails, { formId: FUNDING, data: halfPosition() });
    await attachSigned(fails, failing);
    await expect(
      services.submissions.transition(fails, failing.id, etag(failing.version), { action: 'submit' }),
    ).rejects.toMatchObject({ code: 'allocation.exceeded' });
    const ok = actor('wendlingen.kommune');
    const sub = await services.submissions.create(ok, { formId: FUNDING, data: halfPosition() });
    await attachSigned(ok, sub);
    const submitted = await services.submissions.transition(ok, sub.id, etag(sub.version), {
      action: 'submit',
    });
    expect(submitted.fileNumber).toBe('RPS-IM-2017-0001');
    // Returned and submitted again: the same number; the reviewer's search finds it by the number.
    const reviewer = actor('rp.pruefer1');
    const returned = await services.submissions.transition(reviewer, sub.id, etag(submitted.version), {
      action: 'return',
      comment: 'Bitte ergänzen',
    });
    await attachSigned(ok, sub);
    const again = await services.submissions.transition(ok, sub.id, etag(returned.version), {
      action: 'submit',
    });
    expect(again.fileNumber).toBe('RPS-IM-2017-0001');
    const found = await services.submissions.list(reviewer, { q: 'RPS-IM-2017-0001' } as never);
    expect(found.items.map((i) => i.id)).toEqual([sub.id]);
  });

  it('are distinct for concurrent first submits, with no gap', async () => {
    const { services, actor, attachSigned } = await world();
    const users = ['wendlingen.kommune', 'weilheim.kommune', 'kirchheim.kommune'];
    const drafts = await Promise.all(
      users.map(async (u) => ({
        user: actor(u),
        sub: await services.submissions.create(actor(u), { formId: FUNDING, data: halfPosition() }),
      })),
    );
    for (const { user, sub } of drafts) await attachSigned(user, sub);
    const submitted = await Promise.all(
      drafts.map(({ user, sub }) =>
        services.submissions.transition(user, sub.id, etag(sub.version), { action: 'submit' }),
      ),
    );
    expect(submitted.map((s) => s.fileNumber).sort()).toEqual([
      'RPS-IM-2017-0001',
      'RPS-IM-2017-0002',
      'RPS-IM-2017-0003',
    ]);
  });
});

describe('case documents', () => {
  it('go from pending to ready once, and the receipt holds the file number and hash', async () => {
    const { services, actor, caseFiles, adapters, attachSigned } = await world();
    const owner = actor('wendlingen.kommune');
    const sub = await services.submissions.create(owner, { formId: FUNDING, data: halfPosition() });
    await attachSigned(owner, sub);
    const submitted = await services.submissions.transition(owner, sub.id, etag(sub.version), {
      action: 'submit',
    });
    const [pending] = (await caseFiles.list(owner, sub.id)).items;
    expect(pending).toMatchObject({
      kind: 'receipt',
      title: 'Eingangsbestätigung (Fassung 1)',
      state: 'pending',
    });
    await expect(caseFiles.download(owner, sub.id, pending!.id)).rejects.toMatchObject({
      status: 409,
      code: 'case_document.pending',
    });
    expect(await caseFiles.render(sub.id, pending!.id)).toBe('rendered');
    // Processed again (the stream delivers at least once): nothing changes.
    expect(await caseFiles.render(sub.id, pending!.id)).toBe('skipped');
    const [ready] = (await caseFiles.list(owner, sub.id)).items;
    expect(ready).toMatchObject({ state: 'ready', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The reviewer and a stranger: the reviewer reads it, another municipality does not see the application.
    const { pdf } = await caseFiles.download(actor('rp.pruefer1'), sub.id, ready!.id);
    await expect(caseFiles.list(actor('weilheim.kommune'), sub.id)).rejects.toMatchObject({ status: 404 });
    const text = pdfText(pdf);
    writeFileSync('/tmp/docs-out/receipt.pdf', pdf);
    expect(text).toContain('Eingangsbestätigung');
    expect(text).toContain('RPS-IM-2017-0001');
    const revision = await adapters.submissions.getRevision(sub.id, submitted.revision);
    expect(text.replace(/\s+/g, '')).toContain(revision!.dataSha256);
    expect(text).toContain('51.000 EUR');
    await expect(caseFiles.download(owner, sub.id, '01NOTTHERE')).rejects.toMatchObject({
      status: 404,
      code: 'case_document.not_found',
    });
  });

  it('approve issues the decision letter with the amounts; the owner fetching it is reported as a retrieval', async () => {
    const { services, actor, adapters, clock, attachSigned } = await world();
    const retrievals: string[] = [];
    const caseFiles = caseFileService({
      ...adapters,
      renderer,
    });
    // The optional dependency, as the merge wires it (the decision rules record the notification).
    (caseFiles as unknown as { deps: Json }).deps.onRetrieved = async (_s: unknown, d: Json, a: Json) => {
      retrievals.push(`${d.kind}:${a.sub}`);
    };
    const owner = actor('weilheim.kommune');
    const reviewer = actor('rp.pruefer1');
    const sub = await services.submissions.create(owner, { formId: FUNDING, data: halfPosition() });
    await attachSigned(owner, sub);
    const submitted = await services.submissions.transition(owner, sub.id, etag(sub.version), {
      action: 'submit',
    });
    const approved = await services.submissions.transition(reviewer, sub.id, etag(submitted.version), {
      action: 'approve',
      decision: {
        approvedAmount: 40_000,
        reason: 'Die Stelle beginnt später als beantragt.',
        conditions: ['Die Stellenbesetzung ist binnen drei Monaten anzuzeigen.'],
        fundingStart: '2017-11-01',
        fundingEnd: '2019-10-31',
      },
    } as never);
    expect(approved.decision?.fileNumber).toBe(approved.fileNumber);
    const documents = (await caseFiles.list(owner, sub.id)).items;
    expect(documents.map((d) => [d.kind, d.state])).toEqual([
      ['receipt', 'pending'],
      ['decision', 'pending'],
    ]);
    for (const d of documents) await caseFiles.render(sub.id, d.id);
    const decision = documents[1]!;
    await caseFiles.download(reviewer, sub.id, decision.id);
    const { pdf } = await caseFiles.download(owner, sub.id, decision.id);
    await caseFiles.download(owner, sub.id, documents[0]!.id);
    expect(retrievals).toEqual([`decision:${owner.sub}`]);
    writeFileSync('/tmp/docs-out/decision.pdf', pdf);
    const text = pdfText(pdf);
    for (const expected of [
      'Zuwendungsbescheid',
      approved.fileNumber as string,
      '40.000 EUR',
      '51.000 EUR',
      'ANBest-K',
      'Festbetragsfinanzierung',
      '31. Januar 2020',
      'Verwaltungsgericht',
      'Die Stellenbesetzung ist binnen drei Monaten anzuzeigen.',
      'Die Stelle beginnt später als beantragt.',
    ])
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    // Erased with the case when its retention has run out: the PDFs go too.
    expect(approved.erasureDueAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const keyOf = (id: string) => `submissions/${sub.id}/documents/${id}.pdf`;
    expect(await adapters.objects.read('attachments', keyOf(decision.id), 1e7)).toMatchObject({
      content: expect.any(Uint8Array),
    });
    clock.now = new Date(`${approved.erasureDueAt}T12:00:00.000Z`);
    expect((await services.erasure.eraseDue()).erased).toContain(sub.id);
    for (const d of documents)
      expect(
        await adapters.objects.read('attachments', `submissions/${sub.id}/documents/${d.id}.pdf`, 1e7),
      ).toBeUndefined();
  });
});

describe('the file-number migration', () => {
  it('numbers applications submitted before file numbers existed, in submit order, once', async () => {
    const { adapters, services, actor, attachSigned } = await world();
    const { submissions } = adapters;
    const older = async (org: string, submittedAt: string | undefined, members?: string[]) => {
      const sub = submission({
        org,
        status: submittedAt ? 'review' : 'draft',
        ...(submittedAt ? { submittedAt, revision: 1 } : {}),
        ...(members ? { members } : {}),
      });
      await submissions.write({
        submission: sub,
        expectedVersion: null,
        event: {
          submissionId: sub.id,
          version: 1,
          type: 'created',
          at: sub.createdAt,
          actor: { sub: 'u1', name: 'U' },
          role: 'municipality',
        },
        scopes: {
          org: `O#${org}#funding`,
          ...(submittedAt ? { second: 'R#reviewer' } : {}),
          ...(members ? { members: members.map((m) => `O#${m}#funding`) } : {}),
        },
      });
      return sub;
    };
    const second = await older('kirchheim-unter-teck', '2017-10-05T10:00:00.000Z');
    const first = await older('plochingen', '2017-10-01T10:00:00.000Z', ['notzingen']);
    const draft = await older('wendlingen', undefined);
    const deps = {
      submissions: guarded(adapters),
      organisations: () => adapters.directory.listOrganisations(),
      now: () => new Date('2026-03-02T10:00:00.000Z'),
      caseFiles: adapters.caseFiles,
      forms: services.forms,
    };
    expect(await numberEarlierApplications(deps)).toEqual({ changed: 2 });
    expect((await submissions.get(first.id))?.fileNumber).toBe('RPS-IM-2017-0001');
    expect((await submissions.get(second.id))?.fileNumber).toBe('RPS-IM-2017-0002');
    expect((await submissions.get(draft.id))?.fileNumber).toBeUndefined();
    expect(await submissions.history(first.id)).toMatchObject([{ type: 'created' }, { type: 'migrated' }]);
    expect(await numberEarlierApplications(deps)).toEqual({ changed: 0 });
    // A later first submit continues the count.
    const owner = actor('wendlingen.kommune');
    const sub = await services.submissions.create(owner, { formId: FUNDING, data: halfPosition() });
    await attachSigned(owner, sub);
    const submitted = await services.submissions.transition(owner, sub.id, etag(sub.version), {
      action: 'submit',
    });
    expect(submitted.fileNumber).toBe('RPS-IM-2017-0003');
  });
});

describe('the file-number counter read ahead', () => {
  const numbering = { fileNumber: { authority: 'RPS', format: '{authority}-{round}-{n:4}' } };
  const firstSubmit = (sub: ReturnType<typeof submission>, round: string) => ({
    submission: { ...sub, data: { ...sub.data, round }, submittedAt: sub.createdAt },
    expectedVersion: null,
    event: {
      submissionId: sub.id,
      version: sub.version,
      type: 'transition' as const,
      action: 'submit' as const,
      at: sub.createdAt,
      actor: { sub: 'u1', name: 'U' },
      role: 'municipality' as const,
    },
    scopes: { org: `O#${sub.org}#funding` },
  });

  it('serves the first attempt; a counter moved since is read again, another round is not used', async () => {
    const submissions = new MemorySubmissionStore();
    const counters = new MemoryCaseFileStore(submissions);
    let reads = 0;
    const read = counters.lastFileNumber.bind(counters);
    counters.lastFileNumber = (authority, round) => {
      reads++;
      return read(authority, round);
    };
    const first = submission();
    const ahead = readFileNumberAhead(
      counters,
      numbering,
      firstSubmit(first, '2017-2018').submission,
      'submit',
    );
    expect(ahead?.round).toBe('2017-2018');
    const numbered = await writeWithFileNumber(
      submissions,
      counters,
      numbering,
      firstSubmit(first, '2017-2018'),
      ahead,
    );
    expect(numbered.fileNumber).toBe('RPS-2017-2018-0001');
    expect(reads).toBe(1);
    // Read ahead, then another submit takes the number: the write fails on the counter and reads it again.
    const second = submission();
    const stale = readFileNumberAhead(
      counters,
      numbering,
      firstSubmit(second, '2017-2018').submission,
      'submit',
    );
    await writeWithFileNumber(submissions, counters, numbering, firstSubmit(submission(), '2017-2018'));
    reads = 0;
    const again = await writeWithFileNumber(
      submissions,
      counters,
      numbering,
      firstSubmit(second, '2017-2018'),
      stale,
    );
    expect(again.fileNumber).toBe('RPS-2017-2018-0003');
    expect(reads).toBe(1);
    // A read ahead for another round than the one written is not used.
    const third = submission();
    const other = readFileNumberAhead(
      counters,
      numbering,
      firstSubmit(third, '2026-2027').submission,
      'submit',
    );
    const last = await writeWithFileNumber(
      submissions,
      counters,
      numbering,
      firstSubmit(third, '2017-2018'),
      other,
    );
    expect(last.fileNumber).toBe('RPS-2017-2018-0004');
    // Nothing is read ahead for a change that numbers no file.
    expect(readFileNumberAhead(counters, numbering, third, 'approve')).toBeUndefined();
    expect(readFileNumberAhead(counters, {}, third, 'submit')).toBeUndefined();
  });
});
