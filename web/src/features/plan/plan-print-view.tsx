/**
 * The browser's print view of an integration plan: the same print model its PDF is made of (German beside
 * the person's language, no technical data, empty fields left out, distinct consent names, signature and
 * date lines), laid out for paper by the print stylesheet. The language beside German can be chosen.
 */
import { useState } from 'react';
import { api, download } from '../../api/client.ts';
import type { PrintModel } from '../../api/types.ts';
import type { FormLanguage } from '../../forms/form-language.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { submissionPath } from '../../router.ts';
import { ErrorAlert, Loading, useLoad } from '../../ui/primitives.tsx';

type Block = PrintModel['blocks'][number];
type Column = PrintModel['columns'][number];

/** One text per column, each in its own language and direction. */
function Cells({ texts, columns }: { texts: readonly string[]; columns: readonly Column[] }) {
  // A text the same in every column (a date, a number) is printed once.
  const once = texts.length > 1 && texts.every((t) => t === texts[0]);
  const shown = once ? texts.slice(0, 1) : texts;
  return (
    <div className={`pakt-pp-cells pakt-pp-cells--${shown.length}`}>
      {shown.map((text, i) => (
        <span key={columns[i]?.lang ?? i} lang={columns[i]?.lang} dir={columns[i]?.dir}>
          {text}
        </span>
      ))}
    </div>
  );
}

function BlockView({ block, columns }: { block: Block; columns: readonly Column[] }) {
  switch (block.kind) {
    case 'heading': {
      const Tag = (['h1', 'h2', 'h3'] as const)[block.level - 1] ?? 'h3';
      return (
        <Tag className={`pakt-pp-heading pakt-pp-heading--${block.level}`}>
          <Cells texts={block.text} columns={columns} />
        </Tag>
      );
    }
    case 'paragraph':
      return (
        <div className={block.tone === 'notice' ? 'pakt-pp-notice' : 'pakt-pp-paragraph'}>
          <Cells texts={block.text} columns={columns} />
        </div>
      );
    case 'field':
      return (
        <div className="pakt-pp-field">
          <div className="pakt-pp-label">
            <Cells texts={block.label} columns={columns} />
          </div>
          <div className="pakt-pp-value">
            {Array.isArray(block.value) ? (
              <Cells texts={block.value} columns={columns} />
            ) : (
              <span dir={block.value.dir} className="pakt-pp-written">
                {block.value.text}
              </span>
            )}
          </div>
          {block.translation && (
            <div className="pakt-pp-translation">
              <div className="pakt-pp-label">
                <Cells texts={block.translation.label} columns={columns} />
              </div>
              <div className="pakt-pp-value">
                <span lang={block.translation.lang} dir={block.translation.dir} className="pakt-pp-written">
                  {block.translation.text}
                </span>
              </div>
            </div>
          )}
        </div>
      );
    case 'table':
      return (
        <table className="pakt-pp-table">
          <thead>
            <tr>
              {block.header.map((cell, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns of a fixed header
                <th key={i} scope="col">
                  <Cells texts={cell} columns={columns} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: printed rows never move
              <tr key={r}>
                {row.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the columns of a fixed row
                  <td key={i}>
                    <Cells texts={cell} columns={columns} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'signatures':
      return (
        <section className="pakt-pp-signatures">
          <h2 className="pakt-pp-heading pakt-pp-heading--2">
            <Cells texts={block.title} columns={columns} />
          </h2>
          {block.lines.map((who, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed signature lines
            <div className="pakt-pp-signline" key={i}>
              <div className="pakt-pp-line">
                <Cells texts={block.placeDate} columns={columns} />
              </div>
              <div className="pakt-pp-line">
                <Cells texts={who} columns={columns} />
              </div>
            </div>
          ))}
        </section>
      );
  }
}

export function PlanPrintView({ id, languages }: { id: string; languages: readonly FormLanguage[] }) {
  const { t } = useI18n();
  const [lang, setLang] = useState<string>();
  const [error, setError] = useState<unknown>();
  const load = useLoad(async () => (await api.planPrint(id, lang)).data, [id, lang]);
  const model = load.data;
  const current = lang ?? model?.columns[1]?.lang ?? 'de';
  const pdf = async () => {
    try {
      const query = new URLSearchParams(lang ? { lang } : {}).toString();
      await download(
        `/api/submissions/${encodeURIComponent(id)}/plan.pdf${query ? `?${query}` : ''}`,
        'integrationsplan.pdf',
      );
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <article className="pakt-print pakt-planprint">
      <div className="pakt-noprint pakt-actions">
        <button type="button" className="kern-btn kern-btn--primary" onClick={() => window.print()}>
          <span className="kern-label">{t('sub.printNow')}</span>
        </button>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={pdf}>
          <span className="kern-label">{t('plan.print.pdf')}</span>
        </button>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="print-language">
            {t('plan.print.language')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              className="kern-form-input__select"
              id="print-language"
              value={current}
              onChange={(e) => setLang(e.target.value)}
            >
              {languages.map((l) => (
                <option key={l.tag} value={l.tag} lang={l.tag}>
                  {l.tag === 'de' ? l.name : t('plan.print.beside', { name: l.name })}
                </option>
              ))}
            </select>
          </div>
        </div>
        <a className="kern-link" href={`#${submissionPath(id)}`}>
          {t('app.back')}
        </a>
      </div>
      {error !== undefined && <ErrorAlert error={error} />}
      {load.loading && !model && <Loading />}
      {load.error !== undefined && <ErrorAlert error={load.error} retry={load.reload} />}
      {model && (
        <div lang={model.lang} className={`pakt-pp pakt-pp--${Math.min(model.columns.length, 2)}`}>
          {/* The running header (the draft marker on every PDF page) is the document's own notice here. */}
          {model.blocks.map((block, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the blocks of one printed document never move
            <BlockView key={i} block={block} columns={model.columns} />
          ))}
        </div>
      )}
    </article>
  );
}
