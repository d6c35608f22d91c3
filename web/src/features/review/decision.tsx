import { useRef, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Submission } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorAlert } from '../../ui/primitives.tsx';

export function Decision({
  sub,
  plan,
  onDone,
  approve = true,
  approveText,
}: {
  sub: Submission;
  plan: boolean;
  onDone: (s: Submission, message: string) => void;
  /** False where a fuller decision form approves (funding applications): this one then only returns. */
  approve?: boolean;
  /**
   * What approving means for this record, where it is not a grant: a payment request is released ("Mittelabruf
   * freigeben"), a proof of use or a change notice accepted.
   */
  approveText?: { label: string; done: string };
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  // A follow-up record is refused here too (with reasons); a payment request's approval is its release.
  const refusable = sub.parentId !== undefined && sub.allowed.includes('reject');
  const release = sub.formId === 'payment-request';
  const act = async (action: 'approve' | 'return' | 'reject') => {
    if (action !== 'approve' && !comment.trim()) {
      setCommentError(true);
      ref.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await api.transition(sub.id, action, sub.version, comment.trim() || undefined);
      onDone(
        data,
        // A four-eyes form stores a first decision as a proposal that another reviewer confirms.
        action !== 'return' && data.proposal
          ? t('dec.proposed')
          : action === 'approve'
            ? (approveText?.done ??
              (plan ? t('sub.agreed') : release ? t('followUp.released') : t('sub.approved')))
            : action === 'reject'
              ? t('followUp.refusedDone')
              : t('sub.returnedDone'),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="pakt-decision kern-card pakt-card" aria-labelledby="decision-title">
      <div className="kern-card__container">
        <div className="kern-card__header">
          <h2 className="kern-heading-medium" id="decision-title">
            {t('sub.decision')}
          </h2>
        </div>
        <div className="kern-card__body">
          <div className={`kern-form-input${commentError ? ' kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor="decision-comment">
              {t('sub.comment')}
            </label>
            <div className="kern-hint" id="decision-comment-hint">
              {t('sub.commentHint')}
            </div>
            {commentError && (
              <p className="kern-error" id="decision-comment-error">
                <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
                <span className="kern-body">{t('sub.commentRequired')}</span>
              </p>
            )}
            <textarea
              ref={ref}
              id="decision-comment"
              className={`kern-form-input__input pakt-textarea${commentError ? ' kern-form-input__input--error' : ''}`}
              rows={4}
              value={comment}
              aria-invalid={commentError || undefined}
              aria-describedby={`decision-comment-hint${commentError ? ' decision-comment-error' : ''}`}
              onChange={(e) => {
                setComment(e.target.value);
                if (e.target.value.trim()) setCommentError(false);
              }}
            />
          </div>
          <div className="kern-btn-wrapper pakt-actions">
            {approve && sub.allowed.includes('approve') && (
              <button
                type="button"
                className="kern-btn kern-btn--primary"
                disabled={busy}
                onClick={() => act('approve')}
              >
                <span className="kern-icon kern-icon--check" aria-hidden="true" />
                <span className="kern-label">
                  {approveText?.label ??
                    (plan ? t('sub.approvePlan') : release ? t('followUp.release') : t('sub.approve'))}
                </span>
              </button>
            )}
            {refusable && (
              <button
                type="button"
                className="kern-btn kern-btn--secondary"
                disabled={busy}
                onClick={() => act('reject')}
              >
                <span className="kern-label">{t('dec.reject')}</span>
              </button>
            )}
            {sub.allowed.includes('return') && (
              <button
                type="button"
                className="kern-btn kern-btn--secondary"
                disabled={busy}
                onClick={() => act('return')}
              >
                <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
                <span className="kern-label">{t('sub.return')}</span>
              </button>
            )}
          </div>
          {error !== undefined && <ErrorAlert error={error} />}
        </div>
      </div>
    </section>
  );
}
