/**
 * The document model builders: the plan print (German beside another language, labels from the texts, no
 * technical data, empty fields left out, the reader's dates and numbers) and the locale helpers.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fontPaths, TypstRenderer } from '../../functions/adapters/pdf/typst-renderer.ts';
import { buildExportDocument } from '../../functions/core/documents/export-print.ts';
import { digitsOf, formatDate, formatInteger } from '../../functions/core/documents/locale.ts';
import { type Block, type DocumentModel, directionOf } from '../../functions/core/documents/model.ts';
import {
  buildPlanDocument,
  type PlanPrintInput,
  type PlanTexts,
  PRINT_KEYS,
} from '../../functions/core/documents/plan-print.ts';
import { agreedOn, personLanguage } from '../../functions/services/document-service.ts';

type Json = Record<string, any>;
const FORM = new URL('../../forms/integration-plan/', import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, FORM), 'utf8')) as Json;
const de = read('i18n/de.json') as PlanTexts;
const en = read('i18n/en.json') as PlanTexts;
const full = read('samples/valid-full.json');

function build(overrides: Partial<PlanPrintInput> = {}): DocumentModel {
  return buildPlanDocument({
    schema: read('schema.v1.json'),
    uiSchema: read('ui.json'),
    german: de,
    other: { lang: 'en', texts: en },
    data: full,
    source: { kind: 'revision', n: 2, sha256: 'f'.repeat(64), agreedOn: '2018-02-15' },
    ...overrides,
  });
}

/** Every text of a document, flattened. */
function texts(doc: DocumentModel): string[] {
  const out: string[] = [...doc.running, ...doc.pageLabel];
  const add = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object') Object.values(v).forEach(add);
  };
  doc.blocks.forEach(add);
  return out;
}

const field = (doc: DocumentModel, germanLabel: string) =>
  doc.blocks.find(
    (b): b is Extract<Block, { kind: 'field' }> => b.kind === 'field' && b.label[0] === germanLabel,
  );

describe('the plan print', () => {
  it('sets German beside the other language, labels from each language file', () => {
    const doc = build();
    expect(doc.columns.map((c) => c.lang)).toEqual(['de', 'en']);
    expect(doc.title).toBe('Integrationsplan / Integration plan');
    const person = doc.blocks.find((b) => b.kind === 'heading' && b.text[0] === 'Angaben zur Person');
    expect(person).toMatchObject({ level: 2, text: ['Angaben zur Person', 'Personal details'] });
    expect(field(doc, 'Aufenthaltsstatus')?.value).toEqual(['Aufenthaltserlaubnis', 'Residence permit']);
    expect(field(doc, 'Deutschkenntnisse')?.value).toEqual(['A2', 'A2']);
  });

  it('prints free text as written, once, in the direction of its script', () => {
    const doc = build();
    expect(field(doc, 'Berufserfahrung')?.value).toEqual({
      text: full.resources.workExperience,
      dir: 'ltr',
    });
    const arabic = build({ data: { ...full, person: { ...full.person, familySituation: 'متزوج، طفلان' } } });
    expect(field(arabic, 'Familiensituation')?.value).toEqual({ text: 'متزوج، طفلان', dir: 'rtl' });
  });

  it('prints dates and numbers in the reader’s conventions, the year of birth without grouping', () => {
    const doc = build();
    expect(field(doc, 'Geburtsjahr')?.value).toEqual(['1988', '1988']);
    expect(field(doc, 'Beginn der Begleitung')?.value).toEqual(['1. Februar 2018', 'February 1, 2018']);
    expect(texts(doc)).not.toContain('1.988');
  });

  it('leaves out internal ids, form versions and empty fields', () => {
    const data = structuredClone(full);
    data.person.familySituation = '';
    data.person.languages = [];
    const all = texts(build({ data })).join('\n');
    for (const goal of full.goals) expect(all).not.toContain(goal.id);
    for (const sharing of full.consent.sharing) expect(all).not.toContain(sharing.id);
    expect(all).not.toContain('Kennung');
    expect(all).not.toContain('Familiensituation');
    expect(all).not.toContain('Erstsprachen');
    expect(all).not.toMatch(/schema|formVersion/i);
  });

  it('gives each consent its own name', () => {
    const headings = build()
      .blocks.filter((b) => b.kind === 'heading')
      .map((b) => b.text[0]);
    expect(headings).toContain(de.print?.consentStorage);
    expect(headings).toContain(de.print?.consentHealth);
    expect(headings).toContain(de.print?.consentSharing);
    expect(new Set([de.print?.consentStorage, de.print?.consentHealth, de.print?.consentSharing]).size).toBe(
      3,
    );
  });

  it('prints an agreed revision with its number, day and hash; a working copy as a draft', () => {
    const agreed = texts(build()).join('\n');
    expect(agreed).toContain('Fassung 2 · Vereinbart am 15. Februar 2018');
    expect(agreed).toContain('Version 2 · Agreed on February 15, 2018');
    expect(agreed).toContain(`SHA-256 ${'f'.repeat(64)}`);
    expect(agreed).not.toContain(de.print?.draftMarker);

    const working = build({ source: { kind: 'working' } });
    expect(working.running).toEqual([de.print?.draftMarker, en.print?.draftMarker]);
    expect(texts(working).join('\n')).not.toContain('SHA-256');
  });

  it('says in both languages that a translation not yet checked is not yet checked', () => {
    const draft = { ...en, meta: { reviewStatus: 'draft', direction: 'ltr' } };
    const notice = (doc: DocumentModel) =>
      doc.blocks.some((b) => b.kind === 'paragraph' && b.text[0] === de.print?.translationUnchecked);
    expect(notice(build({ other: { lang: 'en', texts: draft } }))).toBe(true);
    const reviewed = { ...en, meta: { reviewStatus: 'reviewed', direction: 'ltr' } };
    expect(notice(build({ other: { lang: 'en', texts: reviewed } }))).toBe(false);
    expect(notice(build({ other: undefined }))).toBe(false);
  });

  it('takes the German word where a language lacks one, and sets right-to-left languages right to left', () => {
    const partial: PlanTexts = { fields: {}, print: { title: 'خطة الاندماج' }, meta: { direction: 'rtl' } };
    const doc = build({ other: { lang: 'ar', texts: partial } });
    expect(doc.columns[1]).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(doc.title).toBe('Integrationsplan / خطة الاندماج');
    expect(doc.pageLabel).toEqual([de.print?.page, de.print?.page]);
    expect(field(doc, 'Aufenthaltsstatus')?.value).toEqual(['Aufenthaltserlaubnis', 'Aufenthaltserlaubnis']);
  });

  it('has signature lines for the person and the manager, and the interpreter where one took part', () => {
    const lines = (doc: DocumentModel) =>
      doc.blocks.flatMap((b) => (b.kind === 'signatures' ? b.lines.map((l) => l[0]) : []));
    expect(lines(build())).toEqual([
      de.print?.signaturePerson,
      de.print?.signatureManager,
      de.print?.signatureInterpreter,
    ]);
    const minimal = read('samples/valid-minimal.json');
    expect(lines(build({ data: minimal }))).toEqual([de.print?.signaturePerson, de.print?.signatureManager]);
  });

  it('German only: one column, no note on which version is authoritative', () => {
    const doc = build({ other: undefined });
    expect(doc.columns).toHaveLength(1);
    expect(texts(doc)).not.toContain(de.print?.authoritative);
  });
});

describe('the print texts', () => {
  it('German and English carry every print key', () => {
    for (const texts of [de, en]) for (const key of PRINT_KEYS) expect(texts.print?.[key], key).toBeTruthy();
  });
});

describe('locale helpers', () => {
  it('always uses the Gregorian calendar', () => {
    expect(formatDate('fa', '2018-02-01')).toContain(formatInteger('fa', 2018));
    expect(formatDate('ar', '2018-02-01')).toContain(formatInteger('ar', 2018));
    expect(formatDate('de', '2018-02-01')).toBe('1. Februar 2018');
    expect(formatDate('uk', '2018-02-01')).toContain('2018');
  });
  it('knows the reader’s digits and writes whole numbers without grouping', () => {
    expect(digitsOf('de')).toBe('0123456789');
    expect(digitsOf('fa')).toBe('۰۱۲۳۴۵۶۷۸۹');
    expect(formatInteger('de', 1988)).toBe('1988');
  });
  it('finds the direction of a written text', () => {
    expect(directionOf('Jobcenter')).toBe('ltr');
    expect(directionOf('2018 مع')).toBe('rtl');
    expect(directionOf('  ')).toBe('ltr');
  });
});

describe('the subject-access export', () => {
  const event = (version: number, extra: Json) =>
    ({
      submissionId: 's',
      version,
      at: '2018-02-01T09:00:00Z',
      actor: { sub: 'u1', name: 'Anna Beispiel' },
      role: 'manager',
      ...extra,
    }) as any;
  const doc = buildExportDocument(
    {
      schema: read('schema.v1.json'),
      uiSchema: read('ui.json'),
      german: de,
      other: { lang: 'en', texts: en },
      data: full,
    },
    {
      exportedAt: '2018-03-01T10:00:00Z',
      status: 'approved',
      revisions: [
        { n: 1, createdAt: '2018-02-01T09:00:00Z', sha256: 'a'.repeat(64), agreedOn: '2018-02-02' },
      ],
      history: [
        event(2, { type: 'transition', action: 'submit', to: 'review', revision: 1 }),
        event(1, { type: 'created' }),
      ],
      accessLog: [
        {
          id: 'x',
          submissionId: 's',
          at: '2018-02-03T09:00:00Z',
          actor: { sub: 'u2', name: 'Petra Lang' },
          role: 'coordinator',
          what: 'print',
        },
      ],
    },
  );
  const tables = doc.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');

  it('names every section of the plan and its revisions, history and access log', () => {
    const headings = doc.blocks
      .filter((b) => b.kind === 'heading' && b.level <= 2)
      .map((b) => (b as { text: string[] }).text[0]);
    expect(headings[0]).toBe(de.print?.exportTitle);
    for (const h of [
      'Kopfdaten',
      'Einwilligungen',
      'Angaben zur Person',
      'Ziele',
      de.print?.exportRevisions,
      de.print?.exportHistory,
      de.print?.exportAccessLog,
    ])
      expect(headings).toContain(h);
  });

  it('says what happened in plain words, in order, with labels instead of codes', () => {
    const [revisions, history, access] = tables;
    expect(revisions?.rows[0]?.[2]).toEqual(['2. Februar 2018', 'February 2, 2018']);
    expect(history?.rows.map((r) => r[2])).toEqual([
      ['Angelegt', 'Created'],
      ['Zur Vereinbarung vorgelegt', 'Presented for agreement'],
    ]);
    expect(access?.rows[0]?.[1]).toEqual(['Petra Lang']);
    expect(access?.rows[0]?.[2]).toEqual([
      'Plan ausgedruckt oder als PDF ausgegeben',
      'Printed the plan or made its PDF',
    ]);
    expect(texts(doc).join('\n')).not.toContain('residence_permit');
  });
});

describe("the subject-access export in the person's language", () => {
  it("words its tables in that language too, and a migrated plan's history in plain words", () => {
    const ar = read('i18n/ar.json') as PlanTexts & { print: Record<string, string> };
    const doc = buildExportDocument(
      {
        schema: read('schema.v1.json'),
        uiSchema: read('ui.json'),
        german: de,
        other: { lang: 'ar', texts: ar },
        data: full,
      },
      {
        exportedAt: '2018-03-01T10:00:00Z',
        status: 'draft',
        revisions: [],
        history: [
          {
            submissionId: 's',
            version: 1,
            type: 'migrated',
            at: '2018-02-01T09:00:00Z',
            actor: { sub: 'platform', name: 'Plattform' },
            role: 'manager',
            migration: { fromVersion: 1, toVersion: 2 },
          },
        ],
        accessLog: [],
      },
    );
    const tables = doc.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
    expect(tables[0]?.header).toEqual([
      ['Zeitpunkt', ar.print.exportWhen],
      ['Wer', ar.print.exportWho],
      ['Was', ar.print.exportWhat],
    ]);
    expect(tables[0]?.rows[0]?.[2]).toEqual([
      'Auf eine neue Fassung des Formulars umgestellt',
      ar.print.exportMigrated,
    ]);
    const none = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string[] }).text);
    expect(none).toContainEqual(['Keine Einträge.', ar.print.exportNone]);
  });
});

describe('personLanguage', () => {
  it('reads the language code a plan records, and nothing else', () => {
    expect(personLanguage({ person: { name: 'A', language: 'ar' } })).toBe('ar');
    expect(personLanguage({ person: { name: 'A', language: 'fa-AF' } })).toBe('fa-AF');
    expect(personLanguage({ person: { name: 'A', language: 'Arabisch' } })).toBeUndefined();
    expect(personLanguage({ person: { name: 'A' } })).toBeUndefined();
    expect(personLanguage({})).toBeUndefined();
  });
});

describe('agreedOn', () => {
  const at = (version: number, iso: string, extra: Json) =>
    ({
      submissionId: 's',
      version,
      at: iso,
      actor: { sub: 'u', name: 'U' },
      role: 'manager',
      ...extra,
    }) as any;
  it('finds the day a revision was agreed, in Berlin time', () => {
    const history = [
      at(1, '2018-01-01T10:00:00Z', { type: 'created' }),
      at(2, '2018-01-02T10:00:00Z', { type: 'transition', to: 'review', revision: 1 }),
      at(3, '2018-01-03T23:30:00Z', { type: 'transition', to: 'approved' }),
      at(4, '2018-02-01T10:00:00Z', { type: 'transition', to: 'review', revision: 2 }),
    ];
    expect(agreedOn(history, 1)).toBe('2018-01-04');
    expect(agreedOn(history, 2)).toBeNull();
  });
});

describe('the Typst renderer', () => {
  it('lets a long text as written flow on to the next page', async () => {
    const words = 'Berufserfahrung im Herkunftsland und in Deutschland, mit ungefährer Dauer. ';
    const long = `${words.repeat(Math.floor(3990 / words.length))}ENDE`;
    const doc: DocumentModel = {
      title: 'Test',
      lang: 'de',
      columns: [{ lang: 'de', dir: 'ltr', digits: '0123456789' }],
      running: [],
      pageLabel: ['Seite {n} von {total}'],
      blocks: [
        { kind: 'heading', level: 1, text: ['Test'] },
        // Longer than a page: it must not be cut off at the page's end.
        { kind: 'field', label: ['Feld'], value: { text: `${long} ${long} ${long}`, dir: 'ltr' } },
      ],
    };
    const bytes = Buffer.from(
      await new TypstRenderer(fontPaths()).render(doc, new Date('2018-02-15T10:00:00Z')),
    );
    const info = execFileSync('pdfinfo', ['-'], {
      input: bytes,
      stdio: ['pipe', 'pipe', 'ignore'],
    }).toString();
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
      input: bytes,
      stdio: ['pipe', 'pipe', 'ignore'],
    }).toString();
    expect(text.match(/ENDE/g)).toHaveLength(3);
    expect(text).toContain('Seite 2 von');
  });

  it('writes a tagged PDF with the title and language, the text readable', async () => {
    const pdf = await new TypstRenderer(fontPaths()).render(build(), new Date('2018-02-15T10:00:00Z'));
    const bytes = Buffer.from(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const info = execFileSync('pdfinfo', ['-'], {
      input: bytes,
      stdio: ['pipe', 'pipe', 'ignore'],
    }).toString();
    expect(info).toMatch(/Title:\s+Integrationsplan \/ Integration plan/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(bytes.includes('/Lang (de)')).toBe(true);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
      input: bytes,
      stdio: ['pipe', 'pipe', 'ignore'],
    }).toString();
    expect(text).toContain('Aufenthaltserlaubnis');
    expect(text).toContain('Residence permit');
  });
});
