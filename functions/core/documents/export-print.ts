import type { AccessEntry, AccessKind } from '../access-log.ts';
import type { HistoryEvent, Status } from '../model.ts';
import { formatDate, formatInteger } from './locale.ts';
import type { Block, Cells, DocumentModel } from './model.ts';
import { type PlanContent, planPrinter } from './plan-print.ts';

/**
 * The subject-access export (Art. 15 GDPR) as a readable document: every stored item of the plan with its
 * labels (not codes), then its revisions, its history and its access log in plain words. German beside the
 * person's language, like the plan.
 */

/**
 * Words of the history and the access log. They are the platform's own vocabulary (the web app shows the
 * same); languages other than German and English take the German words, as every missing print word does.
 */
const WORDS = {
  de: {
    state: 'Stand',
    status: 'Bearbeitungsstand',
    when: 'Zeitpunkt',
    who: 'Wer',
    what: 'Was',
    revision: 'Fassung',
    created: 'Angelegt',
    saved: 'Gespeichert',
    assigned: 'Einer anderen Integrationsmanagerin oder einem anderen Integrationsmanager übertragen',
    consent: 'Einwilligung widerrufen',
    submit: 'Zur Vereinbarung vorgelegt',
    approve: 'Vereinbart',
    return: 'Zur Überarbeitung zurückgegeben',
    amend: 'Fortschreibung begonnen',
    view: 'Plan angesehen',
    history: 'Verlauf angesehen',
    revisionRead: 'Fassung angesehen',
    diff: 'Änderungen verglichen',
    attachment: 'Anlage heruntergeladen',
    export: 'Auskunft erstellt',
    print: 'Plan als PDF ausgegeben',
    none: 'Keine Einträge.',
  },
  en: {
    state: 'As of',
    status: 'Status',
    when: 'When',
    who: 'Who',
    what: 'What',
    revision: 'Version',
    created: 'Created',
    saved: 'Saved',
    assigned: 'Handed over to another integration manager',
    consent: 'Consent withdrawn',
    submit: 'Presented for agreement',
    approve: 'Agreed',
    return: 'Returned for revision',
    amend: 'Continuation started',
    view: 'Viewed the plan',
    history: 'Viewed the history',
    revisionRead: 'Viewed a version',
    diff: 'Compared changes',
    attachment: 'Downloaded an attachment',
    export: 'Created the subject-access export',
    print: 'Printed the plan as PDF',
    none: 'No entries.',
  },
} as const;
type Word = keyof (typeof WORDS)['de'];

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

const ACCESS_WORDS: Record<AccessKind, Word> = {
  view: 'view',
  history: 'history',
  revision: 'revisionRead',
  diff: 'diff',
  attachment: 'attachment',
  export: 'export',
  print: 'print',
};

export function buildExportDocument(input: PlanContent, facts: ExportFacts): DocumentModel {
  const { langs, columns, each, word, title, sections } = planPrinter(input);
  const says = (key: Word): Cells => langs.map(({ lang }) => (lang === 'en' ? WORDS.en[key] : WORDS.de[key]));
  const at = (iso: string): Cells => each((lang) => formatInstant(lang, iso));
  const stateName = (status: Status): Cells =>
    langs.map(({ texts }) => texts.states?.[status] ?? input.german.states?.[status] ?? status);

  const eventWord = (event: HistoryEvent): Cells => {
    if (event.type === 'transition' && event.action) {
      const action = event.action as string;
      if (action in WORDS.de) return says(action as Word);
      return stateName(event.to ?? 'draft');
    }
    return says(event.type as Word);
  };

  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title('exportTitle') },
    { kind: 'field', label: says('state'), value: at(facts.exportedAt) },
    { kind: 'field', label: says('status'), value: stateName(facts.status) },
    ...sections(),
    { kind: 'heading', level: 2, text: word('exportRevisions') },
  ];
  const table = (header: Cells[], rows: Cells[][]): Block =>
    rows.length > 0 ? { kind: 'table', header, rows } : { kind: 'paragraph', text: says('none') };

  blocks.push(
    table(
      [says('revision'), says('when'), stateName('approved'), word('hash')],
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
      [says('when'), says('who'), says('what')],
      [...facts.history]
        .sort((a, b) => a.version - b.version)
        .map((e) => [at(e.at), [e.actor.name], eventWord(e)]),
    ),
  );
  blocks.push({ kind: 'heading', level: 2, text: word('exportAccessLog') });
  blocks.push(
    table(
      [says('when'), says('who'), says('what')],
      facts.accessLog.map((e) => [at(e.at), [e.actor.name], says(ACCESS_WORDS[e.what] ?? 'view')]),
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
