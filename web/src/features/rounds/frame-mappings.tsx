/**
 * The rows of a planning-frame upload that match no organisation by key or exact name: the admin maps each to
 * an existing organisation (searched by name or municipality key) or has it created, so that no organisation is
 * duplicated under another spelling. The preview is then asked for again with the mappings.
 */
import { useId, useState } from 'react';
import { api } from '../../api/client.ts';
import type { AllocationImport, Organisation } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Alert, codeText, useLoad } from '../../ui/primitives.tsx';

/** Where a row goes: an organisation's id, or `*` for a new organisation named as the row. */
export type FrameMappings = Readonly<Record<number, string>>;

/** A row without an organisation, as the preview names it. */
export interface UnmatchedRow {
  line: number;
  name: string;
  ags?: string;
}

/** The rows of a preview that match no organisation (those the admin has to map). */
export function unmatchedRows(preview: AllocationImport): UnmatchedRow[] {
  return preview.problems.flatMap((p) =>
    p.code === 'import.unknown_organisation' && p.name !== undefined
      ? [{ line: p.line, name: p.name, ...(p.ags ? { ags: p.ags } : {}) }]
      : [],
  );
}

/** At most this many organisations are offered for a search (the list has some 1,100). */
const SHOWN = 50;

/** Lowercase without diacritics and punctuation, so that "a. d." finds "an der" by its parts. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Organisations whose name contains every word searched for, or whose key starts with the digits given. */
export function searchOrganisations(orgs: readonly Organisation[], query: string): Organisation[] {
  const q = fold(query);
  if (!q) return [...orgs];
  if (/^\d+$/.test(q)) return orgs.filter((o) => o.ags?.startsWith(q));
  const words = q.split(' ');
  return orgs.filter((o) => {
    const name = fold(o.name);
    return words.every((w) => name.includes(w));
  });
}

/** The mapping controls, one per unmatched row; a choice asks for the preview again. */
export function UnmatchedRows({
  rows,
  mappings,
  busy,
  onMap,
}: {
  rows: readonly UnmatchedRow[];
  mappings: FrameMappings;
  busy: boolean;
  onMap(line: number, target: string | undefined): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const orgs = useLoad(async () => (await api.organisations()).data.items, []);
  const heading = useId();
  return (
    <section className="pakt-section" aria-labelledby={heading}>
      <h3 className="kern-heading-small" id={heading}>
        {t('framesMap.title')}
      </h3>
      <p className="kern-body">{t('framesMap.intro')}</p>
      {orgs.error !== undefined && (
        <Alert kind="danger" title={t('framesMap.orgsFailed')} role="alert">
          <p className="kern-body">{codeText(i18n, orgs.error)}</p>
        </Alert>
      )}
      {rows.map((row) => (
        <RowMapping
          key={row.line}
          row={row}
          orgs={orgs.data ?? []}
          target={mappings[row.line]}
          busy={busy}
          onMap={(target) => onMap(row.line, target)}
        />
      ))}
    </section>
  );
}

function RowMapping({
  row,
  orgs,
  target,
  busy,
  onMap,
}: {
  row: UnmatchedRow;
  orgs: readonly Organisation[];
  target: string | undefined;
  busy: boolean;
  onMap(target: string | undefined): void;
}) {
  const { t } = useI18n();
  // The search starts from the row's own name's first word ("Weilheim a. d. Teck" → "Weilheim").
  const [query, setQuery] = useState(row.ags ?? fold(row.name).split(' ')[0] ?? '');
  const search = useId();
  const select = useId();
  const found = searchOrganisations(orgs, query);
  const shown = found.slice(0, SHOWN);
  const chosen = target && target !== '*' ? orgs.find((o) => o.id === target) : undefined;
  if (chosen && !shown.includes(chosen)) shown.unshift(chosen);
  const label = row.ags
    ? t('framesMap.rowWithKey', { line: String(row.line), name: row.name, ags: row.ags })
    : t('framesMap.row', { line: String(row.line), name: row.name });
  return (
    <fieldset className="kern-fieldset">
      <legend className="kern-label pakt-legend">{label}</legend>
      <div className="kern-fieldset__body">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={search}>
            {t('framesMap.search')}
          </label>
          <input
            id={search}
            className="kern-form-input__input"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={select}>
            {t('framesMap.target', { line: String(row.line) })}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id={select}
              className="kern-form-input__select"
              value={target ?? ''}
              disabled={busy}
              onChange={(e) => onMap(e.target.value || undefined)}
            >
              <option value="">{t('framesMap.none')}</option>
              <option value="*">{t('framesMap.create', { name: row.name })}</option>
              {shown.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.ags ? `${o.name} (${o.ags})` : o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="kern-hint">
            {found.length > SHOWN
              ? t('framesMap.more', { shown: String(SHOWN), count: String(found.length) })
              : t('framesMap.count', { count: String(found.length) })}
          </div>
        </div>
      </div>
    </fieldset>
  );
}
