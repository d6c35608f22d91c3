import { createHash } from 'node:crypto';
import { type CaseDocument, DECISION_KINDS, type DocumentKind, FINALITY_KINDS } from '#core/documents/issue';
import { letterTexts } from '#core/documents/letter-texts';
import { buildLetter, PRINTED_KINDS } from '#core/documents/letters';
import { conflict, notFound } from '#core/errors';
import { notifiedOnRetrieval, withinRetrievalWindow } from '#core/finality';
import type { Actor, Submission } from '#core/model';
import { berlinDate } from '#core/retention';
import type { RoundVersion } from '#core/rounds';
import type { CaseFileStore } from '#ports/case-file-store';
import type { Directory } from '#ports/directory';
import type { DocumentRenderer } from '#ports/document-renderer';
import type { ObjectStorage } from '#ports/object-storage';
import type { SubmissionStore } from '#ports/submission-store';
import type { AccessRecorder } from './access-recorder.ts';
import type { FormCatalog } from './form-catalog.ts';
import { loadSubmission } from './load-submission.ts';

export interface CaseFileDeps {
  submissions: SubmissionStore;
  caseFiles: CaseFileStore;
  forms: FormCatalog;
  directory: Pick<Directory, 'getOrganisation'>;
  rounds: {
    current(roundId: string): Promise<RoundVersion | undefined>;
    version(roundId: string, version: number): Promise<RoundVersion | undefined>;
  };
  objects: Pick<ObjectStorage, 'put' | 'read'>;
  renderer: DocumentRenderer;
  recorder: Pick<AccessRecorder, 'read'>;
  now: () => Date;
  /**
   * Called when an applicant-side user (of the owning organisation) fetches the decision or the refusal: the
   * decision counts as notified by retrieval (§ 41 (2a) LVwVfG). Wired where the decision rules live. The
   * other decision-type letters (amended decision, revocation, repayment claim) record it on themselves.
   */
  onRetrieved?: (submission: Submission, document: CaseDocument, actor: Actor, at: Date) => Promise<void>;
}

/** A document as the case file lists it. */
export interface DocumentEntry {
  id: string;
  kind: DocumentKind;
  title: string;
  issuedAt: string;
  revision: number;
  state: CaseDocument['state'];
  sha256?: string;
  size?: number;
  /** Letters other than the decision: the day the applicant's retrieval notified it (§ 41 (2a) LVwVfG). */
  notifiedOn?: string;
}

/** The largest PDF read back for a download (a letter is tens of kilobytes). */
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const DOCUMENT_ID = /^[0-9A-Za-z-]{1,64}$/;

const entryOf = (d: CaseDocument): DocumentEntry => ({
  id: d.id,
  kind: d.kind,
  title: d.title,
  issuedAt: d.issuedAt,
  revision: d.revision,
  state: d.state,
  ...(d.sha256 ? { sha256: d.sha256 } : {}),
  ...(d.size !== undefined ? { size: d.size } : {}),
  ...(d.notifiedOn ? { notifiedOn: d.notifiedOn } : {}),
});

/**
 * The case file ("Förderakte") of an application: the documents its changes issued. Each is written pending
 * with the change, rendered here after the commit (from the table's stream), stored under the submission and
 * marked ready with its hash; it never changes afterwards and is erased with the case.
 */
export class CaseFileService {
  constructor(private readonly deps: CaseFileDeps) {}

  /** The documents of an application, for whoever may read it (owner organisation, members, reviewers). */
  async list(actor: Actor, id: string): Promise<{ items: DocumentEntry[] }> {
    const { sub } = await loadSubmission(this.deps, actor, id);
    const documents = await this.deps.caseFiles.documents(sub.id);
    return { items: documents.map(entryOf) };
  }

  /** The PDF of a ready document; 409 while it is still rendered, 404 if the case file holds no such one. */
  async download(
    actor: Actor,
    id: string,
    documentId: string,
  ): Promise<{ pdf: Uint8Array; filename: string }> {
    const { sub, form } = await loadSubmission(this.deps, actor, id);
    const document = DOCUMENT_ID.test(documentId)
      ? await this.deps.caseFiles.document(sub.id, documentId)
      : undefined;
    if (!document) throw notFound('case_document.not_found', 'The case file holds no such document.');
    if (document.state !== 'ready')
      throw conflict('case_document.pending', 'The document is still being rendered; try again shortly.');
    const read = await this.deps.objects.read('attachments', document.key, MAX_DOCUMENT_BYTES);
    if (read === undefined || read === 'too_large')
      throw notFound('case_document.not_found', 'The case file holds no such document.');
    await this.deps.recorder.read(actor, sub, 'print', `document ${document.id}`);
    const at = this.deps.now();
    // The owning organisation's retrieval of a decision counts for its notification; a member's or a
    // reviewer's does not.
    const applicantSide = actor.org === sub.org && form.workflow.submit.some((r) => actor.roles.includes(r));
    if (applicantSide && FINALITY_KINDS.includes(document.kind))
      await this.deps.onRetrieved?.(sub, document, actor, at);
    else if (applicantSide && DECISION_KINDS.includes(document.kind) && !document.retrievedAt) {
      // Each further letter is its own decision: notified the day after its first retrieval, if that came
      // within ten days of the notice that it was ready (it was sent with the change that issued it).
      const day = berlinDate(at);
      const inTime = withinRetrievalWindow(berlinDate(new Date(document.issuedAt)), day);
      await this.deps.caseFiles.markRetrieved(sub.id, document.id, {
        retrievedAt: at.toISOString(),
        ...(inTime ? { notifiedOn: notifiedOnRetrieval(day) } : {}),
      });
    }
    const name = (sub.fileNumber ?? sub.id).replace(/[^0-9A-Za-z-]/g, '_');
    return { pdf: read.content, filename: `${document.kind}-${name}.pdf` };
  }

  /**
   * The round version whose texts a letter uses: the later correction the decision applied, else the version
   * the application is pinned to, else (older applications) the round's latest published version.
   */
  private async letterRound(sub: Submission, roundId: string): Promise<RoundVersion | undefined> {
    const version =
      sub.decision?.roundVersion ?? (sub.roundPin?.round === roundId ? sub.roundPin.version : undefined);
    const record = version !== undefined ? await this.deps.rounds.version(roundId, version) : undefined;
    return record ?? this.deps.rounds.current(roundId);
  }

  /**
   * Renders a pending document, stores its PDF and marks it ready. Idempotent: a ready or unknown document (or
   * one of an erased case) is left alone; a second render of the same document gives the same bytes.
   */
  async render(submissionId: string, documentId: string): Promise<'rendered' | 'skipped'> {
    const document = await this.deps.caseFiles.document(submissionId, documentId);
    if (!document || document.state === 'ready') return 'skipped';
    const sub = await this.deps.submissions.get(submissionId);
    if (!sub) return 'skipped';
    if (!PRINTED_KINDS.includes(document.kind))
      throw new Error(`documents of kind ${document.kind} are not printed by this version`);
    const revision = await this.deps.submissions.getRevision(sub.id, document.revision);
    if (!revision) throw new Error('the revision of a document is missing');
    const roundId = typeof revision.data.round === 'string' ? revision.data.round : '';
    const [round, org] = await Promise.all([
      roundId ? this.letterRound(sub, roundId) : Promise.resolve(undefined),
      this.deps.directory.getOrganisation(sub.org),
    ]);
    const form = await this.deps.forms.get(sub.formId, revision.formVersion);
    const title = round?.title ?? form.rounds?.[roundId]?.title ?? roundId;
    const issuedAt = new Date(document.issuedAt);
    const model = buildLetter({
      kind: document.kind,
      fileNumber: sub.fileNumber ?? sub.decision?.fileNumber ?? sub.id,
      issuedOn: berlinDate(issuedAt),
      submittedOn: berlinDate(new Date(sub.submittedAt ?? revision.createdAt)),
      revision: { n: revision.n, data: revision.data, sha256: revision.dataSha256 },
      ...(org ? { recipientType: org.type } : {}),
      round: { id: roundId, title, ...(round?.legalBasis ? { legalBasis: round.legalBasis } : {}) },
      ...(sub.decision ? { decision: sub.decision } : {}),
      ...(document.content ? { content: document.content } : {}),
      texts: letterTexts(round?.decisionTexts),
    });
    // The issue time as the PDF's creation time: the same document renders to the same bytes.
    const pdf = await this.deps.renderer.render(model, issuedAt);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await this.deps.objects.put('attachments', document.key, pdf, {
      contentType: 'application/pdf',
      contentDisposition: `attachment; filename="${document.kind}.pdf"`,
      sha256,
    });
    const marked = await this.deps.caseFiles.markReady(sub.id, document.id, {
      sha256,
      size: pdf.byteLength,
      readyAt: this.deps.now().toISOString(),
    });
    return marked ? 'rendered' : 'skipped';
  }
}
