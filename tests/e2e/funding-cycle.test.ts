/**
 * The whole funding cycle in Chromium, from the application to the accepted proof of use: the municipality
 * submits with its signed application, the reviewer approves a lowered amount with a reason (shown in full before
 * it takes effect), the municipality retrieves the decision letter and waives legal remedy, calls funds, the
 * reviewer releases them (a second reviewer confirms where the form asks for four eyes) and records the payout,
 * the municipality proves the use with its narrative report, and the reviewer accepts it. The receipt and the
 * decision letter are downloaded as the browser does and read back with pdftotext for the file number and the
 * amounts. axe on every page visited; the case file at the end at 1280 and 390 px.
 *
 * Only the long application form is filled through the API (the form itself has its own browser tests); every
 * step of the procedure is taken in the UI as its users take it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../functions/core/finality.ts';
import { berlinDate } from '../../functions/core/retention.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../functions/local/emulators.ts';
import { FUNDING, fundingData, start } from '../helpers/factories.ts';
import { minimalPdf, pagedPdf } from '../helpers/files.ts';
import { assertLoopback } from '../helpers/local-only.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { axe, launch, newContext, openSection, type Problems, shot, WEB_DIST } from './browser.ts';

type Json = Record<string, any>;

let platform: TestPlatform;
let browser: Browser;
let doc: DynamoDBDocumentClient;
const contexts: BrowserContext[] = [];
const problems: Problems = { csp: [], console: [] };

const year = new Date().getUTCFullYear();
/** 0.25 FTE for the twelve months of this year at the current round's 47,000 EUR per FTE-year. */
const REQUESTED = 11_750;
const APPROVED = 11_000;
const CALLED = 5_000;
/** German amounts as the app and the letters write them. */
const euro = (n: number) => new Intl.NumberFormat('de-DE').format(n);

let applicationId = '';
let fileNumber = '';
let municipality: Page;
let reviewer: Page;

/** axe on the page as it is now; a screenshot only where asked (a long page's full screenshot takes its time). */
async function check(page: Page, name: string, screenshot = false) {
  await page.waitForLoadState('networkidle');
  const violations = await axe(page);
  if (screenshot) await shot(page, `cycle-${name}`);
  expect(violations, `axe on ${name}`).toEqual([]);
}

async function signIn(username: string): Promise<Page> {
  const context = await newContext(browser, problems);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(platform.url);
  await page.locator(`button[data-username="${username}"]`).click();
  await page.locator('.pakt-user').waitFor();
  return page;
}

/** A locator's text with its white space (also the no-break spaces of amounts) as single spaces. */
// biome-ignore lint/performance/useDomNodeTextContent: the rendered text keeps the words of table cells and terms apart.
const textOf = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ');

const open = async (page: Page, id: string) => {
  const url = `${platform.url}/#/vorgang/${encodeURIComponent(id)}`;
  // The same address again would change nothing: the page shows what the server says now after a reload.
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.locator('.pakt-meta').waitFor();
};

/** Waits for the notice `text`; fails with the page's alerts (an error the app shows) when it does not come. */
async function alert(page: Page, text: string) {
  try {
    await page.locator('.kern-alert').getByText(text).first().waitFor({ timeout: 10_000 });
  } catch (error) {
    const shown = await page.locator('.kern-alert, .kern-error').allTextContents();
    throw new Error(`no "${text}"; the page shows: ${shown.join(' | ')}`, { cause: error });
  }
}

/** Clicks a document of the case file and answers the downloaded file's text (pdftotext, poppler-utils). */
async function downloadText(page: Page, title: RegExp): Promise<string> {
  const button = page.locator('.pakt-documents').getByRole('button', { name: title });
  await button.waitFor({ timeout: 15_000 });
  const download = page.waitForEvent('download');
  await button.click();
  const path = await (await download).path();
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
    input: bytes,
    stdio: ['pipe', 'pipe', 'ignore'],
  })
    .toString('utf8')
    .replace(/\s+/g, ' ');
}

/** The follow-up record a start button opened (its page replaces the application's). */
async function openedRecord(page: Page): Promise<string> {
  await page.waitForURL((url) => /#\/vorgang\//.test(url.hash) && !url.hash.includes(applicationId));
  await page.locator('.pakt-meta').waitFor();
  return decodeURIComponent(/#\/vorgang\/([^/?]+)/.exec(page.url())?.[1] ?? '');
}

/** Submits the follow-up record open on the page: check-your-answers, then the binding submit. */
async function submitRecord(page: Page) {
  await page.getByRole('button', { name: 'Einreichen' }).click();
  await page.getByRole('heading', { name: 'Angaben prüfen' }).waitFor();
  await page.getByRole('button', { name: 'Verbindlich einreichen' }).click();
  await alert(page, 'Der Vorgang wurde eingereicht.');
}

beforeAll(async () => {
  browser = await launch();
  platform = await startTestPlatform({ webDir: WEB_DIST, reminders: false });
  doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: assertLoopback(platform.dynamoEndpoint),
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
  );
  // Wendlingen am Neckar starts a new application; its draft is filled through the API.
  const api = await platform.as('wendlingen.kommune');
  const data = fundingData({
    round: '2026-2027',
    positions: [
      {
        personName: 'Eva Beispiel',
        qualification: 'secondary',
        fte: 0.25,
        employer: 'Stadt Wendlingen am Neckar',
        startDate: `${year}-01-01`,
        months: 12,
      },
    ],
    fundingPeriod: { start: `${year}-01-01`, end: `${year}-12-31` },
  });
  data.applicant.name = 'Stadt Wendlingen am Neckar';
  data.applicant.address = {
    street: 'Am Marktplatz',
    houseNumber: '2',
    postalCode: '73240',
    city: 'Wendlingen am Neckar',
  };
  applicationId = (await start(api, FUNDING, data)).id;
  [municipality, reviewer] = await Promise.all([signIn('wendlingen.kommune'), signIn('rp.pruefer1')]);
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  doc?.destroy();
  await platform?.stop();
});

describe('the funding cycle in the browser', { timeout: 60_000 }, () => {
  it('the municipality submits with the signed application and gets a file number', async () => {
    const page = municipality;
    await open(page, applicationId);
    await page.getByRole('button', { name: 'Einreichen' }).click();
    await page.getByRole('heading', { name: 'Angaben prüfen' }).waitFor();
    await page.getByRole('button', { name: 'Zu den Anlagen' }).click();
    await page.locator('#att-kind').selectOption('signed-application');
    await page.locator('#att-file').setInputFiles({
      name: 'Antrag-unterschrieben.pdf',
      mimeType: 'application/pdf',
      buffer: minimalPdf(),
    });
    await page.getByRole('button', { name: 'Hochladen' }).click();
    await page.locator('.pakt-check .kern-badge', { hasText: 'Beigefügt' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Verbindlich einreichen' }).click();
    await alert(page, 'Der Vorgang wurde eingereicht.');
    const receipt = (await page.locator('.kern-alert').first().textContent()) ?? '';
    fileNumber = /RPS-IM-\d{4}-\d{4}/.exec(receipt)?.[0] ?? '';
    expect(fileNumber, receipt).not.toBe('');
    await check(page, '01-submitted');
  });

  it('the reviewer approves a lowered amount with a reason, after seeing it in full', async () => {
    const page = reviewer;
    await open(page, applicationId);
    await page.getByRole('heading', { name: 'Entscheidung über den Antrag' }).waitFor();
    const amount = page.locator('#dec-amount');
    await expect.poll(() => amount.inputValue()).toBe(String(REQUESTED));
    await check(page, '02-decision-form');
    await amount.fill(String(APPROVED));
    await amount.blur();
    // The server splits the lowered total over the positions (one here).
    await expect
      .poll(() => page.getByRole('textbox', { name: /Bewilligter Betrag für Eva Beispiel/ }).inputValue())
      .toBe(String(APPROVED));
    await page.getByRole('button', { name: 'Bewilligung prüfen' }).click();
    // Lowered without a reason: said before anything is sent.
    await alert(page, 'Bitte begründen Sie, warum weniger als beantragt bewilligt wird.');
    await page.locator('#dec-reason').fill('Die Stelle ist erst ab Februar besetzt.');
    await page.getByRole('button', { name: 'Bewilligung prüfen' }).click();
    const confirm = page.locator('.pakt-confirm');
    await page.getByRole('heading', { name: 'Bewilligung bestätigen' }).waitFor();
    const shown = await textOf(confirm);
    expect(shown).toContain(`${euro(REQUESTED)} €`);
    expect(shown).toContain(`${euro(APPROVED)} €`);
    expect(shown).toContain('Die Stelle ist erst ab Februar besetzt.');
    await check(page, '03-decision-confirm');
    await page.getByRole('button', { name: 'Jetzt bewilligen' }).click();
    await alert(page, 'Der Vorgang wurde bewilligt.');
    await expect(page.locator('.pakt-meta .pakt-status').textContent()).resolves.toContain('Bewilligt');
  });

  it('the municipality retrieves the decision letter and waives legal remedy: final at once', async () => {
    const page = municipality;
    await platform.deliverNotifications();
    await open(page, applicationId);
    await page.locator('#decision-status-title').waitFor();
    const letter = await downloadText(page, /^Zuwendungsbescheid/);
    for (const expected of [
      'Zuwendungsbescheid',
      fileNumber,
      `${euro(APPROVED)} EUR`,
      `${euro(REQUESTED)} EUR`,
      'Stadt Wendlingen am Neckar',
    ])
      expect(letter).toContain(expected);
    // The retrieval notifies the decision (on the next day): the page shows it without a reload.
    await page.getByRole('button', { name: 'Auf Rechtsbehelfe verzichten' }).waitFor();
    await check(page, '04-decision-retrieved');

    // The retrieval notifies the decision on the day after it; the test lets that day come by setting the
    // stored notification date to today (the platform reads the real clock).
    const key = { pk: `SUB#${applicationId}`, sk: 'META' };
    const stored = (await doc.send(new GetCommand({ TableName: platform.tableName, Key: key }))).Item as Json;
    const today = berlinDate(new Date());
    expect(stored.decision.notifiedAt).toBe(addDays(today, 1));
    await doc.send(
      new UpdateCommand({
        TableName: platform.tableName,
        Key: key,
        UpdateExpression: 'SET #d.#n = :n, #s.#d.#n = :n',
        ExpressionAttributeNames: { '#d': 'decision', '#n': 'notifiedAt', '#s': 'summary' },
        ExpressionAttributeValues: { ':n': today },
      }),
    );
    await page.reload();
    await page.getByRole('button', { name: 'Auf Rechtsbehelfe verzichten' }).click();
    await page.getByRole('button', { name: 'Verzicht jetzt erklären' }).click();
    await alert(page, 'Der Rechtsbehelfsverzicht ist erfasst.');
    const status = await textOf(page.locator('.pakt-card', { has: page.locator('#decision-status-title') }));
    const [y, m, d] = today.split('-');
    expect(status).toContain(`bestandskräftig ab ${d}.${m}.${y}`);
    await check(page, '05-remedy-waived');
  });

  let requestId = '';

  it('the municipality calls funds; the reviewer releases them and records the payout', async () => {
    const page = municipality;
    await page.getByRole('button', { name: 'Neu: Mittelabruf' }).click();
    requestId = await openedRecord(page);
    // One section at a time, as a user goes through it: the round is taken from the application.
    expect(await page.locator('#root_round').inputValue()).toBe('2026-2027');
    // The other sections' hints are not shown under this one.
    expect(await textOf(page.locator('.pakt-formarea'))).not.toContain('Volle Euro');
    await page.getByRole('button', { name: 'Weiter: Abgerufener Betrag (EUR)' }).click();
    await page.getByLabel('Abgerufener Betrag (EUR)').fill(String(CALLED));
    await page.getByRole('button', { name: 'Weiter: Zeitraum' }).click();
    await page.getByLabel('Von').fill(`01.01.${year}`);
    await page.getByLabel('Bis').fill(`31.12.${year}`);
    await openSection(page, 'Erklärungen');
    await page.getByLabel(/innerhalb von zwei Monaten/).check();
    await check(page, '06-payment-request');
    await submitRecord(page);

    await open(reviewer, requestId);
    await check(reviewer, '07-payment-review');
    // A payment request is released, not decided like the application (no amounts, conditions, period).
    expect(await reviewer.locator('#funding-decision-title').count()).toBe(0);
    await reviewer.getByRole('button', { name: 'Mittelabruf freigeben' }).click();
    // Payment releases are four-eyes: the first reviewer's release is a proposal a second reviewer confirms.
    await alert(reviewer, 'eine zweite Person muss ihn bestätigen');
    const second = await signIn('rp.pruefer2');
    await open(second, requestId);
    await second.getByRole('button', { name: 'Freigabe bestätigen' }).click();
    await alert(second, 'Der Mittelabruf ist freigegeben.');
    await open(reviewer, requestId);
    await reviewer.getByRole('heading', { name: 'Auszahlung erfassen' }).waitFor();
    await check(reviewer, '08-payout');
    await reviewer.getByRole('button', { name: 'Auszahlung erfassen' }).click();
    await alert(reviewer, 'Die Auszahlung ist erfasst.');
  });

  it('the municipality proves the use with its narrative report; the reviewer accepts it', async () => {
    const page = municipality;
    await open(page, applicationId);
    // The finance summary: what is still available after the call.
    const finance = await textOf(page.locator('.pakt-follow-up'));
    expect(finance).toContain(`Ausgezahlt ${euro(CALLED)} €`);
    expect(finance).toContain(`Noch verfügbar ${euro(APPROVED - CALLED)} €`);
    await page.getByRole('button', { name: /^Neu: Zwischen- und Verwendungsnachweis/ }).click();
    const proofId = await openedRecord(page);
    await page.getByRole('button', { name: 'Weiter: Art des Nachweises' }).click();
    await page.getByLabel('Zwischennachweis (jährlich)').check();
    await page.getByRole('button', { name: 'Weiter: Berichtszeitraum' }).click();
    await page.getByLabel('Von').fill(`01.01.${year}`);
    await page.getByLabel('Bis').fill(`31.12.${year}`);
    await page.getByRole('button', { name: 'Weiter: Stellen' }).click();
    // The application's position is there already, with its funded FTE.
    const row = page.locator('.pakt-array__item').first();
    await row.getByRole('button', { name: /Bearbeiten/ }).click();
    // The row is the application's position (its identifier prefilled); the applicant states what was filled.
    expect(await page.locator('#root_positions_0_positionId').inputValue()).toMatch(/^[0-9A-Z]{26}$/);
    await page.locator('#root_positions_0_fte').fill('0,25');
    await page.locator('#root_positions_0_monthsFilled').fill('12');
    await page.locator('#root_positions_0_personnelCosts').fill('11500');
    await page.getByRole('button', { name: 'Weiter: Erklärungen' }).click();
    await page.getByLabel(/Die Angaben sind vollständig und richtig/).check();
    // The narrative report: its pages are counted from the file.
    await page.locator('#att-kind').selectOption('narrative-report');
    await page.locator('#att-file').setInputFiles({
      name: 'Sachbericht.pdf',
      mimeType: 'application/pdf',
      buffer: pagedPdf(3),
    });
    await page.getByRole('button', { name: 'Hochladen' }).click();
    await page.locator('.pakt-files__item', { hasText: 'Sachbericht.pdf' }).getByText('· 3 Seiten').waitFor();
    await check(page, '09-proof-of-use');
    await submitRecord(page);

    await open(reviewer, proofId);
    await check(reviewer, '10-proof-review');
    await reviewer.getByRole('button', { name: 'Annehmen' }).click();
    await alert(reviewer, 'Der Vorgang ist angenommen.');
  });

  it('the case file shows the whole cycle; its receipt holds the file number and the amount', async () => {
    const page = municipality;
    await open(page, applicationId);
    await page.locator('.pakt-follow-up table').waitFor();
    const records = await textOf(page.locator('.pakt-follow-up'));
    expect(records).toMatch(/Mittelabruf Freigegeben 5\.000 €/);
    expect(records).toMatch(/Zwischen- und Verwendungsnachweis Angenommen/);
    const receipt = await downloadText(page, /^Eingangsbestätigung/);
    expect(receipt).toContain(fileNumber);
    expect(receipt).toContain(euro(REQUESTED));
    await check(page, '11-case-file', true);
    await page.setViewportSize({ width: 390, height: 844 });
    await check(page, '12-case-file-390', true);
  });

  it('caused no CSP violation and no console error', () => {
    expect(problems.csp).toEqual([]);
    expect(problems.console).toEqual([]);
  });
});
