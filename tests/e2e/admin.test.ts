/**
 * The admin in the browser: the first screen lists the published forms; a new generic form is published
 * from a JSON definition, a broken one is refused with the server's reasons. axe on the page, no CSP
 * violation, no console error.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { axe, launch, newContext, type Problems, shot, WEB_DIST } from './browser.ts';

let platform: TestPlatform;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: Problems = { csp: [], console: [] };

beforeAll(async () => {
  browser = await launch();
  platform = await startTestPlatform({ webDir: WEB_DIST });
  context = await newContext(browser, problems, [
    {
      status: 400,
      path: /^\/api\/forms\/sachbericht\/versions$/,
      why: 'the test publishes a refused definition on purpose; the page shows the reason',
    },
    {
      status: 400,
      path: /^\/api\/rounds$/,
      why: 'the test publishes a round that closes before it opens on purpose; the editor shows it at the field',
    },
  ]);
  page = await context.newPage();
  await page.goto(platform.url);
  await page.locator('button[data-username="admin"]').click();
  await page.locator('.pakt-user').waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await platform?.stop();
});

const definition = {
  title: { de: 'Sachbericht', en: 'Narrative report' },
  schema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['summary'],
    properties: { summary: { type: 'string', title: 'Zusammenfassung', maxLength: 6000 } },
  },
  uiSchema: { summary: { 'ui:widget': 'textarea' } },
  workflow: {
    kind: 'generic',
    start: ['municipality'],
    submit: ['municipality'],
    review: ['reviewer'],
    amend: false,
    amendNeedsReview: true,
  },
};

describe('admin', () => {
  it('sees the published forms first', async () => {
    await page.getByRole('heading', { name: 'Formulare verwalten' }).waitFor();
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('table').textContent()).toContain('funding-application');
    await page.waitForLoadState('networkidle');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'a01-admin-forms');
  });

  it('is told why a definition is refused, and publishes a new form', async () => {
    await page.getByLabel('Kennung des Formulars').fill('sachbericht');
    const broken = { ...definition, schema: { ...definition.schema, unevaluatedProperties: false } };
    await page.getByLabel('Definition (JSON)').fill(JSON.stringify(broken));
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await page.getByText('Die Version wurde nicht veröffentlicht.').waitFor();
    expect(await page.locator('.kern-alert--danger').textContent()).toContain(
      '/schema/unevaluatedProperties',
    );

    await page.getByLabel('Definition (JSON)').fill(JSON.stringify(definition));
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await page.getByText('Version 1 von sachbericht ist veröffentlicht.').first().waitFor();
    await expect.poll(() => page.locator('table').textContent()).toContain('sachbericht');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'a02-admin-published');

    // The server serves the new version's validator as a static module, without a token.
    const res = await fetch(`${platform.url}/validators/sachbericht/v1.js`);
    expect(res.status).toBe(200);
    expect(problems.csp).toEqual([]);
    // The refused definition's 400 is expected by its URL (see `newContext` above); nothing else is logged.
    expect(problems.console).toEqual([]);
  });

  it('invites a person, deactivates them after a confirm step and reads the change log (1280 and 390 px)', async () => {
    await page.getByRole('link', { name: 'Benutzer' }).click();
    await page.getByRole('heading', { name: 'Benutzerverwaltung' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Nora Neumann');
    await page.getByLabel('E-Mail-Adresse').fill('n.neumann@plochingen.example');
    await page.getByLabel('Rolle', { exact: true }).last().selectOption('municipality');
    await page.locator('#invite-org').selectOption('plochingen');
    await page.getByRole('button', { name: 'Einladung senden' }).click();
    await page.getByText('Nora Neumann ist eingeladen.').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'a03-users');

    await page.getByRole('button', { name: 'Nora Neumann bearbeiten' }).click();
    await page.getByRole('button', { name: 'Zugang deaktivieren' }).click();
    await page.getByRole('button', { name: 'Ja, deaktivieren' }).click();
    await page.getByText('Die Änderung an Nora Neumann ist gespeichert.').first().waitFor();
    const log = page.locator('#user-editor table');
    await expect.poll(() => log.textContent()).toContain('Zugang deaktiviert');
    expect(await log.textContent()).toContain('Eingeladen als Kommune, Plochingen');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'a04-user-editor');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#user-editor').scrollIntoViewIfNeeded();
    await shot(page, 'a05-users-390');
    // Nothing widens the page: tables scroll inside their own frame.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(problems.csp).toEqual([]);
    expect(problems.console).toEqual([]);
  });

  it('creates a round in the field editor, is told at the field what the server refuses, imports its frames after fixing a bad line and corrects it (1280 and 390 px)', async () => {
    await page.getByRole('link', { name: 'Förderrunden' }).click();
    await page.getByRole('heading', { name: 'Förderrunden verwalten' }).waitFor();
    // A new round starts as a copy of the newest one (2026–2027) under the next free id.
    await page.getByRole('button', { name: 'Neue Förderrunde' }).click();
    const id = page.getByLabel('Kennung', { exact: true });
    expect(await id.inputValue()).toBe('2028-2029');
    expect(await page.locator('#round-rates-0-amount').inputValue()).toBe('47.000');
    await page.getByLabel('Titel', { exact: true }).fill('Integrationsmanagement 2028–2029');
    await page.locator('#round-rates-0-amount').fill('48.500');
    await page.getByLabel('Anträge ab').fill(berlinDay(0));
    // Closing before it opens: the server refuses, and says so at the field.
    await page.getByLabel('Anträge bis').fill(berlinDay(-1));
    await page.getByRole('button', { name: 'Vorschau zur Veröffentlichung' }).click();
    await page.getByText('Dies wird die erste veröffentlichte Version dieser Runde.').waitFor();
    await page.getByRole('button', { name: 'Jetzt veröffentlichen' }).click();
    await page.locator('#round-closes-error').waitFor();
    expect(await page.getByLabel('Anträge bis').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.kern-alert--danger').textContent()).toContain('Antragsfrist › Anträge bis');
    await page.waitForLoadState('networkidle');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'a06-round-editor');

    await page.getByLabel('Anträge bis').fill(berlinDay(90));
    await page.getByRole('button', { name: 'Vorschau zur Veröffentlichung' }).click();
    await page.getByRole('button', { name: 'Jetzt veröffentlichen' }).click();
    await page.getByText('Version 1 von 2028-2029 ist veröffentlicht.').first().waitFor();
    const created = page.locator('table tbody tr', { hasText: '2028-2029' }).first();
    await expect.poll(() => created.textContent()).toContain('offen');

    await created.getByRole('button', { name: /^Planungsrahmen/ }).click();
    const header =
      'municipality;district;electoral_district;planning_frame_eur;amount_is_rounded;basis_persons;source';
    const csv = (amount: string) =>
      [
        header,
        'Kirchheim unter Teck;Landkreis Esslingen;Kirchheim unter Teck;220.000;no;270;Land',
        `Notzingen;Landkreis Esslingen;Kirchheim unter Teck;${amount};no;;Land`,
      ].join('\n');
    const file = page.getByLabel('CSV-Datei');
    await file.setInputFiles({
      name: 'rahmen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv('25.000,50')),
    });
    await page.getByRole('button', { name: 'Datei prüfen' }).click();
    await page.getByText('Die Datei hat Probleme; nichts wird geschrieben.').waitFor();
    expect(await page.locator('#frames-upload .kern-alert--danger').textContent()).toContain('Zeile 3');
    expect(await page.getByRole('button', { name: /importieren$/ }).count()).toBe(0);
    await file.setInputFiles({
      name: 'rahmen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv('25.000')),
    });
    await page.getByRole('button', { name: 'Datei prüfen' }).click();
    await page.getByRole('button', { name: 'Alle 2 Zeilen importieren' }).click();
    await page.getByText('Die Planungsrahmen sind importiert (2 Zeilen).').first().waitFor();
    await shot(page, 'a07-frames-imported');

    // A correction starts from the published version; the compare names the fields in words.
    await created.getByRole('button', { name: /^Korrigieren/ }).click();
    expect(await id.getAttribute('readonly')).not.toBeNull();
    await page.locator('#round-rates-0-amount').fill('49.000');
    await page.getByRole('button', { name: 'Vorschau zur Veröffentlichung' }).click();
    const row = page.getByRole('row', { name: /Sätze je VZÄ-Jahr › Mittlerer Bildungsabschluss/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/48\.500.*49\.000/);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'a08-round-compare');
    await page.getByRole('button', { name: 'Jetzt veröffentlichen' }).click();
    await page.getByText('Version 2 von 2028-2029 ist veröffentlicht.').first().waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Entwurf' }).scrollIntoViewIfNeeded();
    await shot(page, 'a09-round-editor-390');
    // Nothing widens the page: tables scroll inside their own frame.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(problems.csp).toEqual([]);
    expect(problems.console).toEqual([]);
  });

  it('invites a municipality user of an organisation with a frame in the new round, who starts an application in it', async () => {
    await page.getByRole('link', { name: 'Benutzer' }).click();
    await page.getByRole('heading', { name: 'Benutzerverwaltung' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Paula Pfeiffer');
    await page.getByLabel('E-Mail-Adresse').fill('p.pfeiffer@notzingen.example');
    await page.getByLabel('Rolle', { exact: true }).last().selectOption('municipality');
    await page.locator('#invite-org').selectOption('notzingen');
    await page.getByRole('button', { name: 'Einladung senden' }).click();
    await page.getByText('Paula Pfeiffer ist eingeladen.').first().waitFor();

    const invited = await newContext(browser, problems);
    try {
      const own = await invited.newPage();
      await own.goto(platform.url);
      await own.locator('button[data-username="p.pfeiffer@notzingen.example"]').click();
      await own.locator('.pakt-user').waitFor();
      await own.getByRole('button', { name: 'Neuen Förderantrag stellen' }).click();
      await own.waitForURL(/#\/vorgang\//);
      const round = own.locator('#root_round');
      await expect
        .poll(() => round.locator('option').allTextContents())
        .toContain(`Integrationsmanagement 2028–2029 – Anträge bis ${berlinDay(90)}`);
      await round.selectOption('2028-2029');
      await expect
        .poll(() => own.locator('#save-state').textContent(), { timeout: 10_000 })
        .toMatch(/Gespeichert/);
      const id = /#\/vorgang\/([^/?#]+)/.exec(own.url())?.[1] ?? '';
      const token = await own.evaluate(() => sessionStorage.getItem('pakt.token'));
      const stored = await (
        await fetch(`${platform.url}/api/submissions/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json();
      expect(stored.data.round).toBe('2028-2029');
      expect(stored.org).toBe('notzingen');
    } finally {
      await invited.close();
    }
    expect(problems.csp).toEqual([]);
    expect(problems.console).toEqual([]);
  });
});

/** A Berlin calendar day `offset` days from today, as the German UI writes it (`29.11.2026`). */
function berlinDay(offset: number): string {
  return new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(Date.now() + offset * 86_400_000));
}
