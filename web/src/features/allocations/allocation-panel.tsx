import type { AllocationRow } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card, Facts } from '../../ui/primitives.tsx';

export function AllocationPanel({ row }: { row: AllocationRow }) {
  const i18n = useI18n();
  const { t, money } = i18n;
  const used =
    row.frame > 0 ? Math.min(100, Math.round(((row.approved + row.inReview) / row.frame) * 100)) : 0;
  return (
    <Card id="frame-title" title={t('frame.title', { round: row.round ?? '' })}>
      <Facts
        items={[
          [
            t('frame.frame'),
            <span className="pakt-num" key="f">
              {money(row.frame)}
            </span>,
          ],
          [
            t('frame.approved'),
            <span className="pakt-num" key="a">
              {money(row.approved)}
            </span>,
          ],
          [
            t('frame.inReview'),
            <span className="pakt-num" key="r">
              {money(row.inReview)}
            </span>,
          ],
          [
            t('frame.remaining'),
            <strong className="pakt-num" key="m">
              {money(row.remaining)}
            </strong>,
          ],
        ]}
      />
      <progress
        className="pakt-meter"
        max={100}
        value={used}
        aria-label={`${t('frame.approved')} + ${t('frame.inReview')}`}
      >
        {used} %
      </progress>
    </Card>
  );
}
