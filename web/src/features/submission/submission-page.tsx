import { lazy, type ReactNode, Suspense, useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { AllowedAction, Attachment, FormVersion, HistoryEvent, Submission } from '../../api/types.ts';
import { FormLanguageSwitch } from '../../forms/form-language.tsx';
import { loadValidatorModule } from '../../forms/validator.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { submissionPath } from '../../router.ts';
import { useSession } from '../../session/session.tsx';
import {
  Alert,
  announce,
  ErrorAlert,
  Facts,
  Loading,
  PageHeading,
  StatusBadge,
  statusLabel,
} from '../../ui/primitives.tsx';
import { BudgetCheck } from '../application/budget-check.tsx';
import { JointParticipation, jointMemberNames } from '../application/joint-participation.tsx';
import { LockBanner } from '../privacy/lock-banner.tsx';
import { markSeen } from '../review/seen.ts';
import { AttachmentsPanel } from './attachments-panel.tsx';
import { Changes } from './changes.tsx';
import { clearDraft } from './draft-store.ts';
import { EditForm } from './edit-form.tsx';
import { HistoryTimeline } from './history-timeline.tsx';
import { ReadOnlyData } from './read-only-data.tsx';

// The steps after a submit (decision, finality, case file, follow-up records) load when a page shows them:
// a form being filled in carries none of their code.
const FollowUpReview = lazy(() =>
  import('../follow-up/follow-up-review.tsx').then((m) => ({ default: m.FollowUpReview })),
);
const FollowUpSection = lazy(() =>
  import('../follow-up/follow-up-section.tsx').then((m) => ({ default: m.FollowUpSection })),
);
const CaseFileSection = lazy(() =>
  import('../follow-up/case-file-section.tsx').then((m) => ({ default: m.CaseFileSection })),
);
const DecisionStatus = lazy(() =>
  import('../review/decision-status.tsx').then((m) => ({ default: m.DecisionStatus })),
);
const Withdraw = lazy(() => import('../review/decision-status.tsx').then((m) => ({ default: m.Withdraw })));
const FundingDecision = lazy(() =>
  import('../review/funding-decision.tsx').then((m) => ({ default: m.FundingDecision })),
);
const Decision = lazy(() => import('../review/decision.tsx').then((m) => ({ default: m.Decision })));
const Amend = lazy(() => import('../plan/amend.tsx').then((m) => ({ default: m.Amend })));
const Reassign = lazy(() => import('../plan/reassign.tsx').then((m) => ({ default: m.Reassign })));
// Consent and access log of a plan: below the form and its attachments, never in the first screen.
const PrivacySection = lazy(() =>
  import('../privacy/privacy-section.tsx').then((m) => ({ default: m.PrivacySection })),
);
const DocumentsPanel = lazy(() =>
  import('./documents-panel.tsx').then((m) => ({ default: m.DocumentsPanel })),
);

export interface Loaded {
  sub: Submission;
  form: FormVersion;
  history: HistoryEvent[];
}

/** Whether the server's answer lets the caller take this action now (the browser keeps no copy of the rules). */
export const may = (sub: Pick<Submission, 'allowed'>, action: AllowedAction) => sub.allowed.includes(action);

/** The page count above which a narrative report is marked (the form's `narrativeReport` rule). */
const reportWarnAbove = (config: FormVersion['config']): number | undefined => {
  const rule = config.narrativeReport as { warnAbovePages?: unknown } | undefined;
  return typeof rule?.warnAbovePages === 'number' ? rule.warnAbovePages : undefined;
};

export default function SubmissionPage({ id }: { id: string }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const { role } = useSession();
  const [state, setState] = useState<Loaded>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [formKey, setFormKey] = useState(0);
  // The receipt after a submit: status, date and (once there is one) the file number.
  const [receipt, setReceipt] = useState<Submission>();
  // The language of the form's labels (the person's, while sitting with them); the app's own by default.
  const [labelLanguage, setLabelLanguage] = useState<string>();
  // The attachments as the panel last listed them: the check-your-answers page shows the required ones.
  const [attachments, setAttachments] = useState<Attachment[]>();

  const load = useCallback(async () => {
    try {
      const { data: sub, etag } = await api.get(id);
      if (etag && Number(etag) !== sub.version) sub.version = Number(etag);
      const [{ data: form }, { data: history }] = await Promise.all([
        api.form(sub.formId, sub.formVersion),
        api.history(id),
        // The form's validators arrive with its data, so the form is drawn at once (a failure shows there).
        may(sub, 'save')
          ? loadValidatorModule(sub.formId, sub.formVersion).catch(() => undefined)
          : undefined,
      ]);
      setState({ sub, form, history: history.items });
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  }, [id]);

  useEffect(() => {
    load();
    if (role === 'reviewer') markSeen(id);
  }, [load, id, role]);

  if (error && !state) return <ErrorAlert error={error} retry={load} />;
  if (!state) return <Loading />;
  const { sub, form, history } = state;
  const wf = form.workflow;
  const isPlan = wf.kind === 'case';
  // A locked plan (consent to storage withdrawn) is only kept until its erasure: nothing changes it any more.
  const locked = sub.locked === true;
  // What the caller may do is the server's answer alone (`allowed`), computed by the rules it enforces.
  const editable = may(sub, 'save');
  const reviewable = may(sub, 'approve') || may(sub, 'return');
  // Funding applications: the full decision (amounts, conditions, refusal, four-eyes proposal). Their follow-up
  // records (payment requests, change notices, proofs of use) are released or accepted, or returned.
  const followUp = sub.parentId !== undefined;
  const deciding =
    wf.kind === 'funding' &&
    !followUp &&
    (may(sub, 'approve') || may(sub, 'reject') || sub.proposal !== undefined);
  const approveText = !followUp
    ? undefined
    : sub.formId === 'payment-request'
      ? { label: t('followUp.release'), done: t('followUp.released') }
      : { label: t('followUp.accept'), done: t('followUp.accepted') };
  const amendable = may(sub, 'amend');
  const title = form.i18n[i18n.locale]?.title ?? form.title[i18n.locale] ?? form.title.de;
  const labels = labelLanguage && form.i18n[labelLanguage] ? labelLanguage : i18n.locale;
  const caseId = isPlan ? String(sub.indexed.caseId ?? '') : String(sub.indexed.applicantName ?? '');
  const onUpdated = (next: Submission, message?: string) => {
    setState((s) => (s ? { ...s, sub: next } : s));
    if (message) {
      setNotice(message);
      announce(message);
    }
    api.history(id).then(({ data }) => setState((s) => (s ? { ...s, history: data.items } : s)));
  };
  // Only the application's own answer carries its money and the follow-up records one may start now
  // (`finance`, `followUpForms`): after a decision or a step towards finality the page reads it again, or a
  // decision made final would show no way to call the funds until a reload.
  const onDecided = (next: Submission, message?: string) => {
    onUpdated(next, message);
    load();
  };
  // A withdrawal changes the data on the server (health fields removed, consent marked): the form starts
  // again from the new state instead of saving an old copy over it.
  const onWithdrawn = (next: Submission, message: string) => {
    clearDraft(id);
    onUpdated(next, message);
    setFormKey((k) => k + 1);
  };
  const reload = async () => {
    clearDraft(id);
    await load();
    setFormKey((k) => k + 1);
  };

  return (
    <article className="pakt-submission">
      <PageHeading sub={caseId || undefined}>{title}</PageHeading>
      <div className="pakt-meta">
        <Facts
          items={[
            [
              t('sub.status'),
              <StatusBadge
                key="s"
                status={sub.status}
                label={statusLabel(i18n, sub.status, form.i18n, sub)}
              />,
            ],
            ...(sub.fileNumber
              ? ([[t('docs.fileNumber'), <strong key="fn">{sub.fileNumber}</strong>]] as [
                  string,
                  ReactNode,
                ][])
              : []),
            [t('sub.meta', { id: '' }).trim(), <code key="id">{sub.id}</code>],
            [t('sub.updated'), dateTime(sub.updatedAt)],
            ...(sub.revision > 0 ? ([[t('sub.revision'), String(sub.revision)]] as [string, string][]) : []),
          ]}
        />
        <a className="kern-link pakt-noprint" href={`#${submissionPath(id)}/druck`}>
          {t('sub.print')}
        </a>
      </div>
      {isPlan && <LockBanner sub={sub} />}
      {notice && <Alert kind="success" title={notice} role="status" />}
      {receipt && (
        <Alert kind="success" title={t('receipt.title')} role="status" focus>
          <p className="kern-body">{t('sub.submitted')}</p>
          <Facts
            items={[
              [t('sub.status'), statusLabel(i18n, receipt.status, form.i18n, receipt)],
              [t('receipt.date'), dateTime(receipt.submittedAt ?? receipt.updatedAt)],
              ...((receipt.fileNumber ?? receipt.decision?.fileNumber)
                ? ([[t('receipt.fileNumber'), receipt.fileNumber ?? receipt.decision?.fileNumber]] as [
                    string,
                    string,
                  ][])
                : []),
              [t('sub.meta', { id: '' }).trim(), receipt.id],
            ]}
          />
        </Alert>
      )}
      {sub.status === 'revised' && sub.lastComment && (
        <Alert kind="warning" title={t('sub.returned')}>
          <p className="kern-body">{isPlan ? t('sub.returnedIntroPlan') : t('sub.returnedIntro')}</p>
          <blockquote className="pakt-quote kern-body" id="last-comment">
            {sub.lastComment}
          </blockquote>
        </Alert>
      )}
      {wf.kind === 'funding' &&
        !sub.parentId &&
        sub.status !== 'approved' &&
        (role === 'reviewer' || role === 'municipality') && <BudgetCheck sub={sub} />}
      {sub.finance && (
        <Suspense fallback={null}>
          <FollowUpSection sub={sub} />
        </Suspense>
      )}
      {wf.kind === 'funding' && !sub.parentId && sub.revision > 0 && (
        <Suspense fallback={null}>
          <CaseFileSection sub={sub} />
        </Suspense>
      )}
      {wf.kind === 'funding' && <JointParticipation sub={sub} onDone={onUpdated} />}
      <Changes sub={sub} form={form} />
      {isPlan && <FormLanguageSwitch texts={form.i18n} value={labels} onChange={setLabelLanguage} />}
      {editable ? (
        <EditForm
          key={`${formKey}-${i18n.locale}`}
          sub={sub}
          form={form}
          labels={labels}
          attachments={attachments}
          onSaved={(next) => setState((s) => (s ? { ...s, sub: next } : s))}
          onSubmitted={(next) => {
            onUpdated(next);
            setReceipt(next);
            announce(t('sub.submitted'));
          }}
          onReload={reload}
        />
      ) : (
        <section aria-labelledby="data-title">
          <h2 className="kern-heading-medium" id="data-title">
            {t('sub.data')}
          </h2>
          {!reviewable && !amendable && !locked && (
            <p className="kern-body pakt-muted">{t('sub.readOnly')}</p>
          )}
          <ReadOnlyData
            form={form}
            data={sub.data}
            labels={labels}
            {...(sub.translations ? { translations: sub.translations } : {})}
          />
        </section>
      )}
      <Suspense fallback={null}>
        {sub.decision && <DecisionStatus sub={sub} onDone={onDecided} />}
        {deciding && <FundingDecision sub={sub} onDone={onDecided} />}
      </Suspense>
      <Suspense fallback={null}>
        {reviewable && (
          <Decision
            sub={sub}
            plan={isPlan}
            onDone={onUpdated}
            // A payment request to another bank account is released with its confirmation (FollowUpReview).
            approve={!deciding && !sub.bankAccountChanged}
            {...(approveText ? { approveText } : {})}
          />
        )}
        {may(sub, 'withdraw') && <Withdraw sub={sub} onDone={onUpdated} />}
        {sub.parentId && <FollowUpReview sub={sub} onDone={onUpdated} />}
        {amendable && <Amend sub={sub} onDone={onUpdated} />}
        {may(sub, 'assign') && <Reassign sub={sub} onDone={onUpdated} />}
      </Suspense>
      {wf.kind === 'funding' && !followUp && sub.revision > 0 && (
        <Suspense fallback={null}>
          <DocumentsPanel
            submissionId={sub.id}
            refreshKey={sub.version}
            onFetched={(d) => {
              // Retrieving a decision may notify it: the page shows the server's new state of the application.
              if (d.kind !== 'receipt') load();
            }}
          />
        </Suspense>
      )}
      <AttachmentsPanel
        submissionId={sub.id}
        config={form.config.attachments}
        texts={form.i18n}
        editable={may(sub, 'upload')}
        signRevision={
          isPlan && role === 'manager' && sub.status === 'approved' && may(sub, 'amend')
            ? (sub.approvedRevision ?? undefined)
            : undefined
        }
        warnAbovePages={reportWarnAbove(form.config)}
        required={form.config.requiredAttachments}
        onItems={setAttachments}
      />
      {isPlan && (role === 'manager' || role === 'coordinator') && (
        <Suspense fallback={null}>
          <PrivacySection
            sub={sub}
            config={form.config}
            coordinator={role === 'coordinator'}
            onWithdrawn={onWithdrawn}
          />
        </Suspense>
      )}
      <HistoryTimeline events={history} plan={isPlan} orgNames={jointMemberNames(sub)} />
      <p className="kern-body pakt-noprint">
        <a className="kern-link" href="#/">
          {t('app.back')}
        </a>
      </p>
    </article>
  );
}
