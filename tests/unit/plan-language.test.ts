/**
 * The person's language as a code: reading it from the free text plans of version 1 hold, the move of a
 * plan's data to version 2, and the job that moves stored plans (in-memory stores, the real form catalogue
 * and validators; needs `npm run build:forms`).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RepoForm, ValidatorModule } from '../../forms/types.ts';
import { MemoryDirectory } from '../../functions/adapters/memory/directory.ts';
import { MemoryFormStore } from '../../functions/adapters/memory/form-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import type { JsonObject, Status, Submission } from '../../functions/core/model.ts';
import { languageCode, migratePlanLanguage, PERSON_LANGUAGES } from '../../functions/core/plan-language.ts';
import { scopesOf } from '../../functions/core/scopes.ts';
import { FormCatalog } from '../../functions/services/form-catalog.ts';
import { PlanLanguageMigration } from '../../functions/services/plan-language-migration.ts';
import { SubmissionService } from '../../functions/services/submission-service.ts';
import { repoFormContent } from '../helpers/memory.ts';

describe('languageCode', () => {
  it.each([
    ['Arabisch', 'ar'],
    ['arabic', 'ar'],
    ['ar', 'ar'],
    ['  ARABISCH ', 'ar'],
    ['العربية', 'ar'],
    ['Ukrainisch', 'uk'],
    ['українська', 'uk'],
    ['Dari', 'fa'],
    ['Farsi/Persisch', 'fa'],
    ['Persisch (Farsi)', 'fa'],
    ['fa-AF', 'fa'],
    ['prs', 'fa'],
    ['Türkisch', 'tr'],
    ['Turkish', 'tr'],
    ['Türkçe', 'tr'],
    ['Russisch', 'ru'],
    ['русский', 'ru'],
    ['Englisch', 'en'],
    ['Deutsch', 'de'],
    ['deutsch', 'de'],
    ['Paschtu', 'ps'],
    ['Kurmandschi', 'kmr'],
    ['Sorani', 'ckb'],
    ['Tigrinya', 'ti'],
    ['Albanisch', 'sq'],
    ['Somali', 'so'],
    ['Französisch', 'fr'],
    ['Dari mit Dolmetscher', 'fa'],
    ['Deutsch und Arabisch', 'ar'],
    ['Arabisch, etwas Deutsch', 'ar'],
  ])('%j → %s', (text, code) => {
    expect(languageCode(text)).toBe(code);
  });

  it.each([
    'Kurdisch',
    'Afghanisch',
    'Muttersprache',
    'mit Sprachmittlung',
    '',
    '   ',
    'xx',
    'so gut es ging',
    'en passant',
  ])('%j names no language it can be sure of', (text) => {
    expect(languageCode(text)).toBeUndefined();
  });

  it('reads only strings', () => {
    expect(languageCode(undefined)).toBeUndefined();
    expect(languageCode(7)).toBeUndefined();
  });

  it('gives only codes the schema allows', () => {
    for (const text of ['Arabisch', 'Dari', 'Sorani', 'Somali', 'fre'])
      expect(PERSON_LANGUAGES).toContain(languageCode(text));
  });
});

describe('migratePlanLanguage', () => {
  const plan = (consent: JsonObject, person: JsonObject = { name: 'A. Beispiel' }): JsonObject => ({
    header: { caseId: 'KT-1', counsellingStart: '2024-01-01' },
    consent,
    person,
  });

  it('records the code of the storage consent’s language and its interpreter, keeping the free text', () => {
    const data = plan({
      storage: { given: true, date: '2024-01-01', language: 'Arabisch', interpreter: true },
    });
    const result = migratePlanLanguage(data);
    expect(result).toMatchObject({ changed: true, language: 'ar', source: 'Arabisch' });
    expect(result.data.person).toEqual({ name: 'A. Beispiel', language: 'ar', interpreter: true });
    expect(result.data.consent).toEqual(data.consent);
    expect(data.person).toEqual({ name: 'A. Beispiel' });
  });

  it('falls back to the health consent, then to each sharing consent', () => {
    const health = plan({ storage: { given: true }, health: { given: true, language: 'Farsi/Persisch' } });
    expect(migratePlanLanguage(health).language).toBe('fa');
    const sharing = plan({
      storage: { given: true, language: 'Kurdisch' },
      sharing: [{ body: 'Jobcenter', given: true, language: 'ukrainian' }],
    });
    expect(migratePlanLanguage(sharing)).toMatchObject({ language: 'uk', source: 'ukrainian' });
  });

  it('leaves the language empty and the text where it was when no code can be told', () => {
    const data = plan({ storage: { given: true, language: 'Kurdisch', interpreter: false } });
    const result = migratePlanLanguage(data);
    expect(result.language).toBeUndefined();
    expect(result.data.person).toEqual({ name: 'A. Beispiel', interpreter: false });
    expect((result.data.consent as JsonObject).storage).toMatchObject({ language: 'Kurdisch' });
  });

  it('keeps a language or interpreter already recorded, and changes nothing then', () => {
    const data = plan(
      { storage: { given: true, language: 'Arabisch', interpreter: true } },
      { name: 'A', language: 'de', interpreter: false },
    );
    expect(migratePlanLanguage(data)).toEqual({ data, changed: false });
  });

  it('changes nothing when the consents name no language and no interpreter', () => {
    const data = plan({ storage: { given: true, date: '2024-01-01' } });
    expect(migratePlanLanguage(data)).toEqual({ data, changed: false });
  });
});

describe('the migration of stored plans', async () => {
  const { forms: repo } = (await import('../../forms/generated/catalog.js')) as { forms: RepoForm[] };
  // The generated validator modules, loaded by file as the functions load them.
  const generated = join(import.meta.dirname, '..', '..', 'forms', 'generated');
  const validators: Record<string, () => Promise<ValidatorModule>> = Object.fromEntries(
    [1, 2].map((v) => [
      `integration-plan@${v}`,
      () => import(pathToFileURL(join(generated, `integration-plan.v${v}.js`)).href),
    ]),
  );
  const planForm = repo.find((f) => f.id === 'integration-plan') as RepoForm;

  async function setup() {
    const submissions = new MemorySubmissionStore();
    const directory = new MemoryDirectory();
    await directory.putOrganisation({ id: 'kirchheim', name: 'Kirchheim unter Teck', type: 'municipality' });
    await directory.putOrganisation({ id: 'plochingen', name: 'Plochingen', type: 'municipality' });
    const forms = new FormCatalog(
      repo,
      validators,
      new MemoryFormStore(),
      async () => {
        throw new Error('no published versions here');
      },
      repoFormContent,
    );
    let n = 0;
    const store = async (
      data: JsonObject,
      options: { status?: Status; formVersion?: number; org?: string; locked?: boolean } = {},
    ) => {
      n += 1;
      const sub: Submission = {
        id: `P${n}`,
        formId: 'integration-plan',
        formVersion: options.formVersion ?? 1,
        kind: 'case',
        status: options.status ?? 'draft',
        version: 3,
        revision: options.status === 'approved' ? 1 : 0,
        approvedRevision: options.status === 'approved' ? 1 : null,
        amending: false,
        data,
        org: options.org ?? 'kirchheim',
        createdBy: 'u-im1',
        assignedTo: 'u-im1',
        createdAt: `2024-01-0${n}T00:00:00.000Z`,
        updatedAt: `2024-01-0${n}T00:00:00.000Z`,
        indexed: { caseId: `KT-${n}` },
        ...(options.locked ? { locked: true } : {}),
      };
      await submissions.write({
        submission: sub,
        expectedVersion: null,
        event: {
          submissionId: sub.id,
          version: sub.version,
          type: 'created',
          at: sub.createdAt,
          actor: { sub: 'u-im1', name: 'IM 1' },
          role: 'manager',
        },
        scopes: scopesOf(sub, planForm.workflow),
        ...(sub.revision
          ? {
              revision: {
                submissionId: sub.id,
                n: 1,
                formVersion: sub.formVersion,
                data,
                dataSha256: 'x',
                attachments: [],
                createdAt: sub.createdAt,
                createdBy: 'u-im1',
              },
            }
          : {}),
      });
      return sub.id;
    };
    const data = (language: string, caseId: string): JsonObject => ({
      header: { caseId, counsellingStart: '2024-01-01' },
      consent: { storage: { given: true, date: '2024-01-01', language, interpreter: true } },
      person: { name: 'A. Beispiel' },
    });
    const job = new PlanLanguageMigration({
      submissions,
      forms,
      directory,
      now: () => new Date('2026-11-29T10:00:00.000Z'),
    });
    return { submissions, forms, directory, store, data, job };
  }

  it('moves drafts, returned and agreed plans of every organisation to version 2 with the code', async () => {
    const { submissions, store, data, job } = await setup();
    const arabic = await store(data('Arabisch', 'KT-A'));
    const dari = await store(data('Dari', 'PL-D'), { org: 'plochingen', status: 'revised' });
    const agreed = await store(data('Ukrainisch', 'KT-U'), { status: 'approved' });
    const kurdish = await store(data('Kurdisch', 'KT-K'));

    const result = await job.run();
    expect(result.skipped).toEqual([]);
    expect(result.migrated.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: arabic, language: 'ar' },
      { id: dari, language: 'fa' },
      { id: agreed, language: 'uk' },
      { id: kurdish },
    ]);
    const moved = (await submissions.get(arabic)) as Submission;
    expect(moved).toMatchObject({
      formVersion: 2,
      version: 4,
      status: 'draft',
      updatedAt: '2026-11-29T10:00:00.000Z',
    });
    expect(moved.data.person).toEqual({ name: 'A. Beispiel', language: 'ar', interpreter: true });
    expect((moved.data.consent as JsonObject).storage).toMatchObject({ language: 'Arabisch' });
    expect((await submissions.get(kurdish))?.data.person).toEqual({ name: 'A. Beispiel', interpreter: true });
    expect((await submissions.history(arabic)).at(-1)).toMatchObject({
      type: 'migrated',
      version: 4,
      actor: { sub: 'platform' },
      migration: { fromVersion: 1, toVersion: 2, language: 'ar' },
    });
  });

  it('never changes what was agreed: the revision keeps its version and data', async () => {
    const { submissions, store, data, job } = await setup();
    const agreed = await store(data('Arabisch', 'KT-R'), { status: 'approved' });
    await job.run();
    const revision = await submissions.getRevision(agreed, 1);
    expect(revision).toMatchObject({ formVersion: 1, data: data('Arabisch', 'KT-R') });
    expect((await submissions.get(agreed))?.formVersion).toBe(2);
  });

  it('leaves plans in review and locked plans on version 1, and v2 plans alone', async () => {
    const { submissions, store, data, job } = await setup();
    const inReview = await store(data('Arabisch', 'KT-1'), { status: 'review' });
    const locked = await store(data('Arabisch', 'KT-2'), { locked: true });
    const current = await store(data('Arabisch', 'KT-3'), { formVersion: 2 });
    const result = await job.run();
    expect(result).toEqual({
      migrated: [],
      skipped: expect.arrayContaining([
        { id: inReview, reason: 'review' },
        { id: locked, reason: 'locked' },
      ]),
    });
    expect(result.skipped).toHaveLength(2);
    for (const id of [inReview, locked]) expect((await submissions.get(id))?.formVersion).toBe(1);
    expect((await submissions.get(current))?.version).toBe(3);
  });

  it('changes nothing when run again', async () => {
    const { submissions, store, data, job } = await setup();
    const id = await store(data('Türkisch', 'KT-T'));
    expect((await job.run()).migrated).toEqual([{ id, language: 'tr' }]);
    const after = await submissions.get(id);
    expect(await job.run()).toEqual({ migrated: [], skipped: [] });
    expect(await submissions.get(id)).toEqual(after);
  });

  it('records the code too when an agreed v1 plan is continued before the job ran', async () => {
    const { submissions, forms, directory, store, data } = await setup();
    const id = await store(data('Dari', 'KT-AM'), { status: 'approved' });
    const service = new SubmissionService({
      submissions,
      forms,
      directory,
      now: () => new Date('2026-11-29T11:00:00.000Z'),
      newId: () => 'ID',
    });
    const manager = { sub: 'u-im1', name: 'IM 1', roles: ['manager' as const], org: 'kirchheim' };
    const amended = await service.transition(manager, id, '"3"', { action: 'amend' });
    expect(amended).toMatchObject({ status: 'draft', amending: true, formVersion: 2 });
    expect(amended.data.person).toEqual({ name: 'A. Beispiel', language: 'fa', interpreter: true });
    expect((await submissions.getRevision(id, 1))?.formVersion).toBe(1);
  });

  it('leaves a plan on version 1 whose data version 2 would refuse', async () => {
    const { submissions, store, job } = await setup();
    const id = await store({
      header: { caseId: 'KT-X', counsellingStart: 20180301 },
      consent: { storage: { given: true, language: 'Arabisch' } },
      person: { name: 'A' },
    });
    expect((await job.run()).skipped).toEqual([{ id, reason: 'invalid' }]);
    expect((await submissions.get(id))?.formVersion).toBe(1);
  });
});
