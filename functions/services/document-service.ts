import { assertReadable, isOwnerSide } from '#core/access';
import { buildExportDocument } from '#core/documents/export-print';
import { isLanguageTag } from '#core/documents/locale';
import type { DocumentModel } from '#core/documents/model';
import { buildPlanDocument, type PlanSource, type PlanTexts } from '#core/documents/plan-print';
import { badRequest, forbidden, notFound } from '#core/errors';
import type { Actor, HistoryEvent, JsonObject, Submission } from '#core/model';
import { berlinDate } from '#core/retention';
import type { Translations } from '#core/translations';
import type { AccessLogStore } from '#ports/access-log';
import type { DocumentRenderer } from '#ports/document-renderer';
import type { SubmissionStore } from '#ports/submission-store';
import type { AccessRecorder } from './access-recorder.ts';
import type { FormCatalog } from './form-catalog.ts';

export interface DocumentDeps {
  submissions: SubmissionStore;
  forms: FormCatalog;
  recorder: AccessRecorder;
  accessLog: AccessLogStore;
  renderer: DocumentRenderer;
  now: () => Date;
}

export interface PlanPdfQuery {
  lang?: string;
  revision?: string;
}

export interface RenderedDocument {
  pdf: Uint8Array;
  filename: string;
}

/** Where a plan records the person's language (a BCP 47 code). */
const PERSON_LANGUAGE = ['person', 'language'] as const;

/** The language recorded in a plan's data, if it is a well-formed code. */
export function personLanguage(data: JsonObject): string | undefined {
  const person = data[PERSON_LANGUAGE[0]];
  if (typeof person !== 'object' || person === null || Array.isArray(person)) return undefined;
  const lang = (person as JsonObject)[PERSON_LANGUAGE[1]];
  return isLanguageTag(lang) ? lang : undefined;
}

/** The day (Europe/Berlin) revision `n` was agreed, from the history; null if it never was. */
export function agreedOn(history: HistoryEvent[], n: number): string | null {
  let current = 0;
  let day: string | null = null;
  for (const event of [...history].sort((a, b) => a.version - b.version)) {
    if (event.revision !== undefined) current = event.revision;
    if (event.type === 'transition' && event.to === 'approved' && current === n)
      day = berlinDate(new Date(event.at));
  }
  return day;
}

/**
 * Documents made from a case: the integration plan as a PDF for the person to read and sign. Only for the
 * plan's manager and the organisation's coordinators; everyone else who cannot read the plan gets 404.
 * Every print is a logged read of the plan.
 */
export class DocumentService {
  constructor(private readonly deps: DocumentDeps) {}

  private async loadPlan(actor: Actor, id: string) {
    const sub = await this.deps.submissions.get(id);
    if (!sub) throw notFound('submission.not_found', 'Submission not found.');
    const form = await this.deps.forms.get(sub.formId, sub.formVersion);
    assertReadable(actor, form.workflow, sub);
    if (sub.kind !== 'case') throw notFound('document.not_found', 'Only integration plans are printed here.');
    const coordinator = actor.roles.includes('coordinator') && actor.org === sub.org;
    if (!coordinator && !isOwnerSide(actor, form.workflow, sub)) {
      throw forbidden('document.forbidden', "Only the plan's manager or a coordinator prints it.");
    }
    return sub;
  }

  /**
   * The plan as a PDF: German beside the person's language (`lang`, default the language the plan records,
   * else German only), of revision `revision` (a number or `working`; default the latest agreed revision,
   * else the working copy, which is marked as a draft).
   */
  async planPdf(actor: Actor, id: string, query: PlanPdfQuery): Promise<RenderedDocument> {
    const { document, printed, lang } = await this.planDocument(actor, id, query, 'print');
    const pdf = await this.deps.renderer.render(document, this.deps.now());
    return { pdf, filename: `integrationsplan-${printed}-${lang}.pdf` };
  }

  /**
   * The same plan document as data, for the browser's print view: the blocks the PDF is made of, so both
   * follow the same rules (no technical data, empty fields left out, signature lines). Logged as a read.
   */
  async planPrint(actor: Actor, id: string, query: PlanPdfQuery): Promise<DocumentModel> {
    return (await this.planDocument(actor, id, query, 'print-view')).document;
  }

  private async planDocument(actor: Actor, id: string, query: PlanPdfQuery, purpose: 'print' | 'print-view') {
    const sub = await this.loadPlan(actor, id);
    const { data, formVersion, source, translations } = await this.state(sub, query.revision);
    const form = await this.deps.forms.get(sub.formId, formVersion);
    const texts = form.i18n as Partial<Record<string, PlanTexts>>;

    const { lang, other } = chooseLanguage(query.lang, data, texts);

    const printed = source.kind === 'revision' ? String(source.n) : 'working';
    await this.deps.recorder.read(
      actor,
      sub,
      'print',
      `${printed} ${lang}${purpose === 'print-view' ? ' browser' : ''}`,
    );
    const document = buildPlanDocument({
      schema: form.schema,
      uiSchema: form.uiSchema,
      german: texts.de ?? {},
      ...(other ? { other: { lang, texts: other } } : {}),
      data,
      ...(translations ? { translations } : {}),
      source,
    });
    return { document, printed, lang };
  }

  /**
   * The subject-access export (Art. 15 GDPR) as a readable PDF: the plan's stored data with labels, its
   * revisions, history and access log in plain words. For the organisation's coordinators; logged as an
   * export.
   */
  async exportPdf(actor: Actor, id: string, query: Pick<PlanPdfQuery, 'lang'>): Promise<RenderedDocument> {
    const sub = await this.loadPlan(actor, id);
    if (!(actor.roles.includes('coordinator') && actor.org === sub.org)) {
      throw forbidden('export.forbidden', "Only a coordinator of the plan's organisation exports it.");
    }
    const form = await this.deps.forms.get(sub.formId, sub.formVersion);
    const texts = form.i18n as Partial<Record<string, PlanTexts>>;
    const { lang, other } = chooseLanguage(query.lang, sub.data, texts);
    await this.deps.recorder.read(actor, sub, 'export', `pdf ${lang}`);
    const history = await this.deps.submissions.history(id);
    const revisions = [];
    for (let n = 1; n <= sub.revision; n++) {
      const revision = await this.deps.submissions.getRevision(id, n);
      if (revision)
        revisions.push({
          n,
          createdAt: revision.createdAt,
          sha256: revision.dataSha256,
          agreedOn: agreedOn(history, n),
        });
    }
    const document = buildExportDocument(
      {
        schema: form.schema,
        uiSchema: form.uiSchema,
        german: texts.de ?? {},
        ...(other ? { other: { lang, texts: other } } : {}),
        data: sub.data,
        ...(sub.translations ? { translations: sub.translations } : {}),
      },
      {
        exportedAt: this.deps.now().toISOString(),
        status: sub.status,
        revisions,
        history,
        accessLog: await this.deps.accessLog.list(id),
      },
    );
    const pdf = await this.deps.renderer.render(document, this.deps.now());
    return { pdf, filename: `auskunft-${lang}.pdf` };
  }

  private async state(
    sub: Submission,
    requested: string | undefined,
  ): Promise<{ data: JsonObject; formVersion: number; source: PlanSource; translations?: Translations }> {
    const working = {
      data: sub.data,
      formVersion: sub.formVersion,
      source: { kind: 'working' } as const,
      ...(sub.translations ? { translations: sub.translations } : {}),
    };
    let n: number;
    if (requested === undefined) {
      if (sub.approvedRevision === null) return working;
      n = sub.approvedRevision;
    } else if (requested === 'working') {
      return working;
    } else if (/^[1-9]\d{0,5}$/.test(requested)) {
      n = Number(requested);
    } else {
      throw badRequest('document.bad_revision', 'revision must be a revision number or "working".', [
        { pointer: '/revision', message: 'not a revision' },
      ]);
    }
    const revision = n <= sub.revision ? await this.deps.submissions.getRevision(sub.id, n) : undefined;
    if (!revision) throw notFound('revision.not_found', 'Revision not found.');
    const day = agreedOn(await this.deps.submissions.history(sub.id), n);
    return {
      data: revision.data,
      formVersion: revision.formVersion,
      source: { kind: 'revision', n, sha256: revision.dataSha256, agreedOn: day },
      ...(revision.translations ? { translations: revision.translations } : {}),
    };
  }
}

/**
 * The language printed beside German: the one asked for, else the one the plan records (if its texts exist),
 * else none. An unknown or malformed code is refused.
 */
function chooseLanguage(
  requested: string | undefined,
  data: JsonObject,
  texts: Partial<Record<string, PlanTexts>>,
): { lang: string; other: PlanTexts | undefined } {
  if (requested !== undefined && !isLanguageTag(requested)) {
    throw badRequest('document.bad_language', 'lang must be a language code such as de, ar or uk.', [
      { pointer: '/lang', message: 'not a language code' },
    ]);
  }
  let lang = requested;
  if (lang === undefined) {
    const recorded = personLanguage(data);
    lang = recorded && Object.hasOwn(texts, recorded) ? recorded : 'de';
  }
  const other = lang === 'de' ? undefined : texts[lang];
  if (lang !== 'de' && !other) {
    throw badRequest('document.language_unavailable', `The plan's texts do not exist in ${lang}.`, [
      { pointer: '/lang', message: 'no texts in this language' },
    ]);
  }
  return { lang, other };
}
