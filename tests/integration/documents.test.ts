/**
 * The plan as a PDF over HTTP: German beside the person's language, the agreed revision with its hash or the
 * working copy marked as a draft, who may print it, and that every print is logged as a read.
 * The text is read back with pdftotext (poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actOk,
  expectError,
  FUNDING,
  fundingData,
  ifMatch,
  PLAN,
  planData,
  signIn,
  start,
  submitFunding,
  uniqueCaseId,
} from '../helpers/factories.ts';
import { type ApiClient, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

type Json = Record<string, any>;

let platform: TestPlatform;
let im1: ApiClient;
let im2: ApiClient;
let coord: ApiClient;
let otherCoord: ApiClient;
let reviewer: ApiClient;
let municipality: ApiClient;

beforeAll(async () => {
  platform = await startTestPlatform();
  [im1, im2, coord, otherCoord, reviewer, municipality] = await signIn(
    platform,
    'kirchheim.im1',
    'kirchheim.im2',
    'kirchheim.koordination',
    'plochingen.koordination',
    'rp.pruefer1',
    'kirchheim.kommune',
  );
});
afterAll(async () => platform?.stop());

const I18N = new URL('../../forms/integration-plan/i18n/', import.meta.url);
const texts = (lang: string) => JSON.parse(readFileSync(new URL(`${lang}.json`, I18N), 'utf8')) as Json;

/** Fetches a PDF as bytes (the JSON client would decode it as text). */
async function pdf(api: ApiClient, path: string) {
  const res = await fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${api.token}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

const pdftotext = (bytes: Buffer, crop: string[] = []) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-r', '72', ...crop, '-', '-'], {
    input: bytes,
    stdio: ['pipe', 'pipe', 'ignore'],
  }).toString('utf8');
const flat = (s: string) => s.replace(/\s+/g, ' ');
/**
 * The text of the whole page, and of its left and right halves: the two language columns would otherwise
 * come out line by line interleaved.
 */
const textOf = (bytes: Buffer) => {
  const halves = [
    ['-x', '0', '-y', '0', '-W', '298', '-H', '842'],
    ['-x', '298', '-y', '0', '-W', '298', '-H', '842'],
  ];
  return [pdftotext(bytes), ...halves.map((crop) => pdftotext(bytes, crop))].map(flat).join('\n');
};

function planWithDetails(): Json {
  const data = planData({ caseId: uniqueCaseId() });
  data.person = { name: 'Samira Beispiel', yearOfBirth: 1988, residenceStatus: 'residence_permit' };
  data.consent.storage = { given: true, date: '2026-01-05', interpreter: true };
  data.consent.health = { given: true, date: '2026-01-05' };
  data.goals = [{ area: 'language', title: 'Deutschkurs B1 abschließen', status: 'in_progress' }];
  return data;
}

describe('GET /api/submissions/{id}/plan.pdf', () => {
  it('prints the latest agreed revision in German beside English, with its number, hash and signature lines', async () => {
    const plan = await actOk(
      coord,
      await actOk(im1, await start(im1, PLAN, planWithDetails()), 'submit'),
      'approve',
    );
    const revision = (await im1.get(`/api/submissions/${plan.id}/revisions/1`)).body;
    const res = await pdf(im1, `/api/submissions/${plan.id}/plan.pdf?lang=en`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(res.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = textOf(res.bytes);
    for (const expected of [
      'Integrationsplan',
      'Integration plan',
      'Fassung 1',
      'Version 1',
      revision.dataSha256,
      'Die deutsche Fassung ist maßgeblich.',
      'Angaben zur Person',
      'Personal details',
      'Samira Beispiel',
      'Aufenthaltserlaubnis',
      'Residence permit',
      'Einwilligung in die Speicherung des Integrationsplans',
      'Einwilligung in die Verarbeitung von Gesundheitsdaten',
      'Deutschkurs B1 abschließen',
      'Ort, Datum',
      texts('de').print.signaturePerson,
      texts('de').print.signatureInterpreter,
      '1988',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('1.988');
    expect(text).not.toContain(plan.id);
    expect(text).not.toContain(texts('de').print.draftMarker);
  });

  it('prints the working copy of a plan never agreed, marked as a draft, German only by default', async () => {
    const plan = await start(im1, PLAN, planWithDetails());
    const res = await pdf(im1, `/api/submissions/${plan.id}/plan.pdf`);
    expect(res.status).toBe(200);
    const text = textOf(res.bytes);
    expect(text).toContain(texts('de').print.draftMarker);
    expect(text).toContain('Angaben zur Person');
    expect(text).not.toContain('Personal details');
    expect(text).not.toContain(texts('de').print.authoritative);
  });

  // Every language the plan's texts exist in: its labels are printed beside the German ones.
  const languages = readdirSync(I18N)
    .filter((f) => f.endsWith('.json') && f !== 'de.json')
    .map((f) => f.slice(0, -5));
  it.each(languages)('prints German beside %s', async (lang) => {
    const plan = await start(im1, PLAN, planWithDetails());
    const res = await pdf(im1, `/api/submissions/${plan.id}/plan.pdf?lang=${lang}&revision=working`);
    expect(res.status).toBe(200);
    const text = textOf(res.bytes);
    const t = texts(lang);
    const label: string = t.fields?.['/properties/person']?.title ?? texts('de').print.title;
    expect(text).toContain('Angaben zur Person');
    if (t.meta?.direction === 'rtl') {
      // Extracted Arabic script comes out in glyph order, not in logical order: compare the letters.
      const letters = (s: string) => new Set(s.replace(/[\s\p{M}\u0640]/gu, ''));
      for (const ch of letters(label)) expect(text).toContain(ch);
      // ... and the Arabic-script font is embedded: the column was set in it, not in boxes.
      const fonts = execFileSync('pdffonts', ['-'], { input: res.bytes, stdio: ['pipe', 'pipe', 'ignore'] });
      expect(fonts.toString()).toContain('NotoNaskhArabic');
    } else {
      expect(text).toContain(label);
    }
  });

  it('prints a translation beneath the text as written, in the person’s language and script', async () => {
    const data = planWithDetails();
    data.person = { ...data.person, language: 'ar', familySituation: 'verheiratet, zwei Kinder' };
    const plan = await start(im1, PLAN, data);
    const translation = 'متزوج ولديه طفلان';
    const saved = await im1.put(
      `/api/submissions/${plan.id}`,
      { data: plan.data, translations: { '/person/familySituation': { lang: 'ar', text: translation } } },
      ifMatch(plan.version),
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.translations['/person/familySituation']).toMatchObject({
      lang: 'ar',
      text: translation,
    });
    const res = await pdf(im1, `/api/submissions/${plan.id}/plan.pdf`);
    expect(res.status).toBe(200);
    const text = textOf(res.bytes);
    expect(text).toContain('verheiratet, zwei Kinder');
    expect(text).toContain('Übersetzung (Arabisch)');
    // Arabic script comes out in glyph order: compare the letters (shaping and order are checked by eye).
    for (const ch of new Set(translation.replace(/\s/g, ''))) expect(text).toContain(ch);
  });

  it('logs every print as a read of the plan', async () => {
    const plan = await start(im1, PLAN, planWithDetails());
    expect((await pdf(coord, `/api/submissions/${plan.id}/plan.pdf?lang=en`)).status).toBe(200);
    const log = (await coord.get(`/api/submissions/${plan.id}/access-log`)).body.items as Json[];
    expect(log.some((e) => e.what === 'print' && e.detail === 'working en' && e.role === 'coordinator')).toBe(
      true,
    );
  });

  it('is for the plan manager and coordinators of the organisation only', async () => {
    const plan = await start(im1, PLAN, planWithDetails());
    const path = `/api/submissions/${plan.id}/plan.pdf`;
    expect((await pdf(coord, path)).status).toBe(200);
    // Another manager of the same organisation sees the plan in lists but does not print it.
    const other = await im2.get(path);
    expect([403, 404]).toContain(other.status);
    expectError(await reviewer.get(path), 404, 'submission.not_found');
    expectError(await otherCoord.get(path), 404, 'submission.not_found');
    expectError(await municipality.get(path), 404, 'submission.not_found');
  });

  it('refuses unknown languages, bad revisions and funding applications', async () => {
    const plan = await start(im1, PLAN, planWithDetails());
    expectError(
      await im1.get(`/api/submissions/${plan.id}/plan.pdf?lang=xx`),
      400,
      'document.language_unavailable',
    );
    expectError(
      await im1.get(`/api/submissions/${plan.id}/plan.pdf?lang=%3Cb%3E`),
      400,
      'document.bad_language',
    );
    expectError(
      await im1.get(`/api/submissions/${plan.id}/plan.pdf?revision=abc`),
      400,
      'document.bad_revision',
    );
    expectError(await im1.get(`/api/submissions/${plan.id}/plan.pdf?revision=7`), 404, 'revision.not_found');
    const application = await start(municipality, FUNDING, fundingData());
    expectError(
      await municipality.get(`/api/submissions/${application.id}/plan.pdf`),
      404,
      'document.not_found',
    );
  });
});

describe('GET /api/submissions/{id}/plan-print', () => {
  it('gives the browser the blocks of the same document, for the same people, logged as a read', async () => {
    const plan = await start(im1, PLAN, planWithDetails());
    const res = await im1.get(`/api/submissions/${plan.id}/plan-print?lang=ar`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const model = res.body as Json;
    expect(model.columns.map((c: Json) => [c.lang, c.dir])).toEqual([
      ['de', 'ltr'],
      ['ar', 'rtl'],
    ]);
    const printed = JSON.stringify(model.blocks);
    expect(printed).toContain(texts('ar').fields['/properties/header'].title);
    expect(printed).not.toContain(plan.id);
    expect(model.blocks.some((b: Json) => b.kind === 'signatures')).toBe(true);
    const log = (await coord.get(`/api/submissions/${plan.id}/access-log`)).body.items as Json[];
    expect(log.some((e) => e.what === 'print' && e.detail === 'working ar browser')).toBe(true);
    expectError(await reviewer.get(`/api/submissions/${plan.id}/plan-print`), 404, 'submission.not_found');
    expectError(
      await im1.get(`/api/submissions/${plan.id}/plan-print?lang=xx`),
      400,
      'document.language_unavailable',
    );
  });
});

describe('GET /api/submissions/{id}/export.pdf', () => {
  it('gives coordinators every section with labels, revisions, history and access log in plain words', async () => {
    const plan = await actOk(
      coord,
      await actOk(im1, await start(im1, PLAN, planWithDetails()), 'submit'),
      'approve',
    );
    const res = await pdf(coord, `/api/submissions/${plan.id}/export.pdf?lang=en`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    const text = textOf(res.bytes);
    const de = texts('de');
    for (const expected of [
      de.print.exportTitle,
      texts('en').print.exportTitle,
      'Kopfdaten',
      'Einwilligungen',
      'Angaben zur Person',
      'Ziele',
      de.print.exportRevisions,
      de.print.exportHistory,
      de.print.exportAccessLog,
      'Aufenthaltserlaubnis',
      'Residence permit',
      'Zur Vereinbarung vorgelegt',
      'Auskunft erstellt',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('residence_permit');
    const log = (await coord.get(`/api/submissions/${plan.id}/access-log`)).body.items as Json[];
    expect(log.some((e) => e.what === 'export' && e.detail === 'pdf en')).toBe(true);
  });

  it('is for coordinators of the organisation only', async () => {
    const plan = await start(im1, PLAN, planWithDetails());
    const path = `/api/submissions/${plan.id}/export.pdf`;
    expectError(await im1.get(path), 403, 'export.forbidden');
    expectError(await reviewer.get(path), 404, 'submission.not_found');
    expectError(await otherCoord.get(path), 404, 'submission.not_found');
  });
});

/** A quarter position for 12 months: 0.25 × 51,000 × 12 / 12 = 12,750 EUR. */
const smallApplication = () =>
  fundingData({
    positions: [
      {
        personName: 'Sara Muster',
        qualification: 'secondary',
        fte: 0.25,
        employer: 'Gemeinde',
        startDate: '2017-11-01',
        months: 12,
        requestedAmount: 1,
      },
    ],
  });

/** The case file after the stream has been read (its documents are rendered from it). */
async function documentsOf(api: ApiClient, id: string): Promise<Json[]> {
  await platform.deliverNotifications();
  const res = await api.get(`/api/submissions/${id}/documents`);
  expect(res.status).toBe(200);
  return res.body.items;
}

describe('the case file of a funding application', () => {
  it('submit: a file number and a receipt that holds it; others cannot read it', async () => {
    const sub = await start(municipality, FUNDING, smallApplication());
    const submitted = await submitFunding(municipality, sub);
    expect(submitted.fileNumber).toMatch(/^RPS-IM-2017-\d{4}$/);
    const [receipt] = await documentsOf(municipality, sub.id);
    expect(receipt).toMatchObject({
      kind: 'receipt',
      state: 'ready',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const file = await pdf(municipality, `/api/submissions/${sub.id}/documents/${receipt?.id}`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    const content = flat(pdftotext(file.bytes));
    expect(content).toContain('Eingangsbestätigung');
    expect(content).toContain(submitted.fileNumber);
    // Another organisation sees neither the list nor the document; an unknown document is 404.
    expectError(await otherCoord.get(`/api/submissions/${sub.id}/documents`), 404, 'submission.not_found');
    expectError(
      await municipality.get(`/api/submissions/${sub.id}/documents/01UNKNOWNDOCUMENT0000000000`),
      404,
      'case_document.not_found',
    );
    // The reviewer finds the application by its file number.
    const found = await reviewer.get(`/api/submissions?q=${encodeURIComponent(submitted.fileNumber)}`);
    expect(found.body.items.map((i: Json) => i.id)).toContain(sub.id);
  });

  it('approve: the decision letter with the file number and the amount', async () => {
    const sub = await submitFunding(municipality, await start(municipality, FUNDING, smallApplication()));
    const approved = await reviewer.post(
      `/api/submissions/${sub.id}/transitions`,
      { action: 'approve', decision: { approvedAmount: 12_000, reason: 'Die Stelle beginnt später.' } },
      ifMatch(sub.version),
    );
    expect(approved.status).toBe(200);
    expect(approved.body.decision.fileNumber).toBe(sub.fileNumber);
    const documents = await documentsOf(municipality, sub.id);
    expect(documents.map((d) => [d.kind, d.state])).toEqual([
      ['receipt', 'ready'],
      ['decision', 'ready'],
    ]);
    const letter = flat(
      pdftotext((await pdf(municipality, `/api/submissions/${sub.id}/documents/${documents[1]?.id}`)).bytes),
    );
    for (const expected of [
      'Zuwendungsbescheid',
      sub.fileNumber,
      '12.000 EUR',
      '12.750 EUR',
      'Verwaltungsgericht',
    ])
      expect(letter).toContain(expected);
  });
});
