/**
 * Translations of free text in a plan, on the in-memory adapters: saved with the draft, refused where they
 * do not fit, dropped with their text, frozen with the agreed revision, removed with withdrawn health data,
 * and part of the print model and of the subject-access export.
 */
import { describe, expect, it } from 'vitest';
import type { Block } from '../../functions/core/documents/model.ts';
import type { Submission } from '../../functions/core/model.ts';
import { textFingerprint } from '../../functions/core/translations.ts';
import { documentService } from '../../functions/lib/services.ts';
import { etag } from '../../functions/services/submission-service.ts';
import { PLAN, planData, uniqueCaseId } from '../helpers/factories.ts';
import { type MemoryWorld, memoryWorld } from '../helpers/memory.ts';

type Json = Record<string, any>;

function arabicPlan(): Json {
  const data = planData({ caseId: uniqueCaseId() });
  data.person = { ...data.person, language: 'ar', familySituation: 'verheiratet, zwei Kinder' };
  data.consent.health = { given: true, date: '2026-01-05' };
  data.health = { notes: 'Rückenschmerzen, kein schweres Heben' };
  return data;
}

async function start(world: MemoryWorld) {
  const manager = world.actor('kirchheim.im1');
  const data = arabicPlan();
  const plan = await world.services.submissions.create(manager, { formId: PLAN, data });
  const saved = await world.services.submissions.save(manager, plan.id, etag(plan.version), {
    data: plan.data,
    translations: {
      '/person/familySituation': { lang: 'ar', text: 'متزوج، طفلان' },
      '/health/notes': { lang: 'ar', text: 'آلام في الظهر' },
    },
  });
  return { manager, plan: saved };
}

async function agree(world: MemoryWorld, plan: Submission): Promise<Submission> {
  const { submissions } = world.services;
  const submitted = await submissions.transition(world.actor('kirchheim.im1'), plan.id, etag(plan.version), {
    action: 'submit',
  });
  return submissions.transition(world.actor('kirchheim.koordination'), plan.id, etag(submitted.version), {
    action: 'approve',
  });
}

describe('translations of free text in a plan', () => {
  it('are saved with the draft, with who wrote them and when, and read back', async () => {
    const world = await memoryWorld();
    const { manager, plan } = await start(world);
    expect(plan.translations?.['/person/familySituation']).toEqual({
      lang: 'ar',
      text: 'متزوج، طفلان',
      sourceHash: textFingerprint('verheiratet, zwei Kinder'),
      by: { sub: manager.sub, name: manager.name },
      at: plan.updatedAt,
    });
    const read = await world.services.submissions.get(manager, plan.id);
    expect(Object.keys(read.translations ?? {})).toEqual(['/person/familySituation', '/health/notes']);
  });

  it('are refused with a clear code where they do not fit; a save without them keeps them', async () => {
    const world = await memoryWorld();
    const { manager, plan } = await start(world);
    const refused = world.services.submissions.save(manager, plan.id, etag(plan.version), {
      data: plan.data,
      translations: { '/header/counsellingStart': { lang: 'ar', text: 'x' } },
    });
    await expect(refused).rejects.toMatchObject({
      status: 400,
      code: 'submission.invalid_translation',
      details: [{ pointer: '/translations/~1header~1counsellingStart', code: 'translation.not_free_text' }],
    });
    const wrongLanguage = world.services.submissions.save(manager, plan.id, etag(plan.version), {
      data: plan.data,
      translations: { '/person/familySituation': { lang: 'uk', text: 'одружений' } },
    });
    await expect(wrongLanguage).rejects.toMatchObject({ code: 'submission.invalid_translation' });
    const bidi = world.services.submissions.save(manager, plan.id, etag(plan.version), {
      data: plan.data,
      translations: { '/person/familySituation': { lang: 'ar', text: 'متزوج\u202E' } },
    });
    await expect(bidi).rejects.toMatchObject({ code: 'submission.invalid_text' });
    const kept = await world.services.submissions.save(manager, plan.id, etag(plan.version), {
      data: plan.data,
    });
    expect(kept.translations).toEqual(plan.translations);
  });

  it('go when their text goes or is replaced by another, also on a save that sends none', async () => {
    const world = await memoryWorld();
    const { manager, plan } = await start(world);
    const data = structuredClone(plan.data) as Json;
    delete data.person.familySituation;
    const saved = await world.services.submissions.save(manager, plan.id, etag(plan.version), {
      data,
      translations: plan.translations,
    });
    expect(Object.keys(saved.translations ?? {})).toEqual(['/health/notes']);
    const other = structuredClone(saved.data) as Json;
    other.health.notes = 'Keine Einschränkungen mehr';
    const changed = await world.services.submissions.save(manager, plan.id, etag(saved.version), {
      data: other,
    });
    expect(changed.translations).toBeUndefined();
  });

  it('are frozen with the agreed revision; a later change stays in the working copy', async () => {
    const world = await memoryWorld();
    const { manager, plan } = await start(world);
    const agreed = await agree(world, plan);
    const amended = await world.services.submissions.transition(manager, plan.id, etag(agreed.version), {
      action: 'amend',
    });
    const changed = await world.services.submissions.save(manager, plan.id, etag(amended.version), {
      data: amended.data,
      translations: { '/person/familySituation': { lang: 'ar', text: 'متزوج، ثلاثة أطفال' } },
    });
    expect(Object.keys(changed.translations ?? {})).toEqual(['/person/familySituation']);
    const revision = await world.services.submissions.revision(manager, plan.id, 1);
    expect(revision.translations?.['/person/familySituation']?.text).toBe('متزوج، طفلان');
    expect(revision.translations?.['/health/notes']?.text).toBe('آلام في الظهر');

    // The print of the agreed revision carries its own translation, beneath the text as written.
    const documents = documentService({
      ...world.adapters,
      renderer: { render: () => Promise.reject(new Error('not rendered here')) },
    });
    const model = await documents.planPrint(manager, plan.id, {});
    const family = model.blocks.find(
      (b): b is Extract<Block, { kind: 'field' }> => b.kind === 'field' && b.label[0] === 'Familiensituation',
    );
    expect(family?.translation).toMatchObject({ text: 'متزوج، طفلان', lang: 'ar', dir: 'rtl' });
    expect(family?.translation?.label).toEqual(['Übersetzung (Arabisch)', 'ترجمة (العربية)']);
  });

  it('of health data are removed with it when the consent is withdrawn, and are in the export', async () => {
    const world = await memoryWorld();
    const { manager, plan } = await start(world);
    const agreed = await agree(world, plan);
    const withdrawn = await world.services.privacy.withdrawConsent(manager, plan.id, etag(agreed.version), {
      purpose: 'health',
      withdrawnAt: '2026-03-02',
    });
    expect(Object.keys(withdrawn.translations ?? {})).toEqual(['/person/familySituation']);
    const revision = await world.services.submissions.revision(manager, plan.id, 1);
    expect(JSON.stringify(revision)).not.toContain('آلام');
    const exported = await world.services.privacy.export(world.actor('kirchheim.koordination'), plan.id);
    expect(exported.submission.translations?.['/person/familySituation']?.text).toBe('متزوج، طفلان');
    expect(exported.revisions[0]?.translations?.['/person/familySituation']?.text).toBe('متزوج، طفلان');
  });
});
