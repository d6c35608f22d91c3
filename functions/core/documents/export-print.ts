import type { AccessEntry, AccessKind } from '../access-log.ts';
import type { Action, EventType, HistoryEvent, Status } from '../model.ts';
import { formatDate, formatInteger } from './locale.ts';
import type { Block, Cells, DocumentModel } from './model.ts';
import { type PlanContent, type PrintKey, planPrinter } from './plan-print.ts';

/**
 * The subject-access export (Art. 15 GDPR) as a readable document: every stored item of the plan with its
 * labels (not codes), then its revisions, its history and its access log in plain words. German beside the
 * person's language, like the plan.
 */

/**
 * Words of the history and the access log: the print's own words of each language file (`print.export…`),
 * so the person reads the tables in their language too.
 */
// Plans know only some events and actions; others (funding procedure) never reach a plan's export.
const EVENT_WORDS: Partial<Record<EventType, PrintKey>> = {
  created: 'exportCreated',
  saved: 'exportSaved',
  transition: 'exportSaved',
  assigned: 'exportAssigned',
  consent: 'exportConsent',
  migrated: 'exportMigrated',
  reviewer: 'exportAssigned',
};
const ACTION_WORDS: Partial<Record<Action, PrintKey>> = {
  submit: 'exportSubmit',
  approve: 'exportApprove',
  return: 'exportReturn',
  amend: 'exportAmend',
};

export interface ExportFacts {
  /** The instant of the export (ISO). */
  exportedAt: string;
  status: Status;
  revisions: Array<{ n: number; createdAt: string; sha256: string; agreedOn: string | null }>;
  history: HistoryEvent[];
  accessLog: AccessEntry[];
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();
/** An instant in Berlin time, as the reader writes it (Gregorian calendar). */
export function formatInstant(lang: string, iso: string): string {
  let f = instantFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(`${lang}-u-ca-gregory`, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Berlin',
    });
    instantFormats.set(lang, f);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : f.format(date);
}

const ACCESS_WORDS: Record<AccessKind, PrintKey> = {
  view: 'exportView',
  history: 'exportHistoryRead',
  revision: 'exportRevisionRead',
  diff: 'exportDiff',
  attachment: 'exportAttachment',
  export: 'exportExport',
  print: 'exportPrint',
};

export function buildExportDocument(input: PlanContent, facts: ExportFacts): DocumentModel {
  const { langs, columns, each, word, title, sections } = planPrinter(input);
  const says = word;
  const at = (iso: string): Cells => each((lang) => formatInstant(lang, iso));
  const stateName = (status: Status): Cells =>
    langs.map(({ texts }) => texts.states?.[status] ?? input.german.states?.[status] ?? status);

  const eventWord = (event: HistoryEvent): Cells => {
    if (event.type === 'transition') {
      const action = event.action ? ACTION_WORDS[event.action] : undefined;
      return action ? says(action) : stateName(event.to ?? 'draft');
    }
    return says(EVENT_WORDS[event.type] ?? 'exportSaved');
  };

  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title('exportTitle') },
    { kind: 'field', label: says('exportState'), value: at(facts.exportedAt) },
    { kind: 'field', label: says('exportStatus'), value: stateName(facts.status) },
    ...sections(),
    { kind: 'heading', level: 2, text: word('exportRevisions') },
  ];
  const table = (header: Cells[], rows: Cells[][]): Block =>
    rows.length > 0 ? { kind: 'table', header, rows } : { kind: 'paragraph', text: says('exportNone') };

  blocks.push(
    table(
      [says('exportRevision'), says('exportWhen'), stateName('approved'), word('hash')],
      facts.revisions.map((r) => [
        each((lang) => formatInteger(lang, r.n)),
        at(r.createdAt),
        r.agreedOn ? each((lang) => formatDate(lang, r.agreedOn ?? '')) : [''],
        // In groups of eight, to be read and compared by eye (and to fit the table).
        [r.sha256.replace(/(.{8})(?=.)/g, '$1 ')],
      ]),
    ),
  );
  blocks.push({ kind: 'heading', level: 2, text: word('exportHistory') });
  blocks.push(
    table(
      [says('exportWhen'), says('exportWho'), says('exportWhat')],
      [...facts.history]
        .sort((a, b) => a.version - b.version)
        .map((e) => [at(e.at), [e.actor.name], eventWord(e)]),
    ),
  );
  blocks.push({ kind: 'heading', level: 2, text: word('exportAccessLog') });
  blocks.push(
    table(
      [says('exportWhen'), says('exportWho'), says('exportWhat')],
      facts.accessLog.map((e) => [at(e.at), [e.actor.name], says(ACCESS_WORDS[e.what] ?? 'exportView')]),
    ),
  );

  const titles = blocks[0]?.kind === 'heading' ? blocks[0].text : [];
  return {
    title: [...new Set(titles)].join(' / '),
    lang: 'de',
    columns,
    running: [],
    pageLabel: word('page'),
    blocks,
  };
}
