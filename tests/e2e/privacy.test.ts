/**
 * Data protection and reports in the browser: a manager withdraws consent to health data and then to storage
 * (history entry, lock banner, no editing), the coordinator reads the access log and downloads the
 * subject-access export, a reviewer opens the key figures and the planning frames. axe on every page, no CSP
 * violation, no console error, screenshots.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, berlinDate } from '../../functions/core/retention.ts';
import { ifMatch } from '../helpers/factories.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { axe, launch, newContext, type Problems, shot, WEB_DIST } from './browser.ts';

let platform: TestPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: Problems = { csp: [], console: [] };

async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  const violations = await axe(page);
  await shot(page, name);
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

/** Text with every kind of space as a plain one (amounts are formatted with a no-break space before €). */
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

/** `12.03.2026` for `2026-03-12`, as the German pages write dates. */
const german = (iso: string) => iso.split('-').reverse().join('.');

const CASE_ID = `KT-PRIV-${Date.now().toString(36).slice(-5)}`;
let planId = '';

beforeAll(async () => {
  browser = await launch();
  platform = await startTestPlatform({ webDir: WEB_DIST });

  // An agreed plan with health data and a sharing consent, continued ("fortgeschrieben") by its manager, so
  // that it has a frozen revision holding health data and an editable working copy.
  const manager = await platform.as('kirchheim.im1');
  const coordinator = await platform.as('kirchheim.koordination');
  const full = JSON.parse(
    readFileSync(resolve('forms/integration-plan/samples/valid-full.json'), 'utf8'),
  ) as Record<string, any>;
  const created = await manager.post('/api/submissions', {
    formId: 'integration-plan',
    data: { ...full, header: { ...full.header, caseId: CASE_ID } },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  planId = created.body.id;
  const act = async (api: typeof manager, version: number, action: string) => {
    const res = await api.post(`/api/submissions/${planId}/transitions`, { action }, ifMatch(version));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { version: number };
  };
  const submitted = await act(manager, created.body.version, 'submit');
  const agreed = await act(coordinator, submitted.version, 'approve');
  await act(manager, agreed.version, 'amend');
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await platform?.stop();
});

describe('data protection and reports in the browser', { timeout: 60_000 }, () => {
  it('manager withdraws consent to health data: the history says so, the health data is gone', async () => {
    const page = await signIn('kirchheim.im1');
    await page.goto(`${platform.url}/#/vorgang/${planId}`);
    await page.locator('#root_header_caseId').waitFor();
    await page.locator('#consent-table').waitFor();
    await check(page, 'p01-plan-privacy');

    const healthButton = page.getByRole('button', {
      name: 'Einwilligung widerrufen: Gesundheitsdaten (Art. 9 DSGVO)',
    });
    // The dialog takes the focus, says what will happen, and gives it back on Escape.
    await healthButton.click();
    const dialog = page.getByRole('dialog', { name: /Gesundheitsdaten/ });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('aus jeder gespeicherten Revision');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('dialog') !== null))
      .toBe(true);
    await check(page, 'p02-withdraw-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Einwilligung widerrufen: Gesundheitsdaten (Art. 9 DSGVO)');

    await healthButton.click();
    await dialog.getByRole('button', { name: 'Widerruf erfassen' }).click();
    await page.locator('.kern-alert').getByText('Die Gesundheitsangaben wurden entfernt.').waitFor();
    const today = berlinDate(new Date());
    const entry = page.locator('.pakt-timeline__item[data-event="consent"]').first();
    await expect(entry.textContent()).resolves.toContain(
      `Einwilligung widerrufen: Gesundheitsdaten (Art. 9 DSGVO) (Widerruf vom ${german(today)})`,
    );
    await expect(entry.textContent()).resolves.not.toContain('Rückenbeschwerden');
    await expect(page.locator('#consent-table tr[data-purpose="health"]').textContent()).resolves.toContain(
      `Widerrufen am ${german(today)}`,
    );
    await expect(page.locator('#withdrawals-table').textContent()).resolves.toContain('Miriam Schneider');
    // The form starts again from the server's state and still saves (no stale version).
    await page.locator('#root_header_caseId').waitFor();
    await expect(page.locator('#save-state').textContent()).resolves.toMatch(/Gespeichert/);
    const manager = await platform.as('kirchheim.im1');
    const revision = await manager.get(`/api/submissions/${planId}/revisions/1`);
    expect(revision.body.data.health).toBeUndefined();
  });

  it('manager withdraws consent to storage: the plan is locked, marked in the list and no longer editable', async () => {
    const page = await signIn('kirchheim.im1');
    await page.goto(`${platform.url}/#/vorgang/${planId}`);
    await page.locator('#root_header_caseId').waitFor();
    await page
      .getByRole('button', { name: 'Einwilligung widerrufen: Speicherung des Integrationsplans' })
      .click();
    const dialog = page.getByRole('dialog', { name: /Speicherung/ });
    await expect(dialog.textContent()).resolves.toContain('sofort gesperrt');
    await dialog.getByRole('button', { name: 'Widerruf erfassen' }).click();

    const erasure = german(addMonths(berlinDate(new Date()), 6));
    const banner = page.locator('#plan-locked');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toContain(
      `Einwilligung zur Speicherung widerrufen – der Plan ist gesperrt und wird am ${erasure} gelöscht`,
    );
    await expect(page.locator('#root_header_caseId').count()).resolves.toBe(0);
    for (const name of ['Einreichen', 'Jetzt speichern', 'Fortschreiben', 'Hochladen']) {
      await expect(page.getByRole('button', { name, exact: true }).count(), name).resolves.toBe(0);
    }
    await check(page, 'p03-plan-locked');

    await page.reload();
    await banner.waitFor();
    await expect(page.locator('#root_header_caseId').count()).resolves.toBe(0);

    await page.goto(`${platform.url}/#/`);
    const row = page.locator('.pakt-table tr', { hasText: CASE_ID });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(`gesperrt Löschung am ${erasure}`);
    await check(page, 'p04-caseload-locked');
  });

  it('coordinator reads the access log, downloads the Art. 15 export and sees the own key figures', async () => {
    const page = await signIn('kirchheim.koordination');
    await page.goto(`${platform.url}/#/vorgang/${planId}`);
    const log = page.locator('#access-log');
    await log.waitFor();
    await expect(log.textContent()).resolves.toContain('Miriam Schneider');
    await expect(log.textContent()).resolves.toContain('Plan angesehen');
    await expect(page.locator('#plan-locked').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Vereinbaren' }).count()).resolves.toBe(0);
    await check(page, 'p05-coordinator-privacy');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Auskunft herunterladen (JSON)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`plan-${planId}.json`);
    const document = JSON.parse(readFileSync((await file.path()) ?? '', 'utf8'));
    expect(document).toMatchObject({
      format: 'pakt-subject-access/1',
      submission: { id: planId, locked: true },
    });
    expect(JSON.stringify(document)).not.toContain('Rückenbeschwerden');
    await page.locator('.kern-alert').getByText(`plan-${planId}.json`).waitFor();
    await expect.poll(() => log.textContent()).toContain('Auskunft exportiert');

    await page.getByRole('link', { name: 'Kennzahlen', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Kennzahlen \d{4}$/ }).waitFor();
    await page.locator('#kf-table').waitFor();
    // The organisation's own figures are complete: nothing suppressed.
    await expect(page.locator('#kf-table .pakt-suppressed').count()).resolves.toBe(0);
    await check(page, 'p06-coordinator-key-figures');
  });

  it('reviewer opens the key figures (suppressed, CSV) and the planning frames', async () => {
    const page = await signIn('rp.pruefer1');
    await page.getByRole('link', { name: 'Kennzahlen', exact: true }).click();
    const year = new Date().getFullYear();
    await page.getByRole('heading', { level: 1, name: `Kennzahlen ${year}` }).waitFor();
    const table = page.locator('#kf-table');
    await table.waitFor();
    // The demo plans give small counts: the server hides them and the page says why.
    expect(await table.locator('.pakt-suppressed').count()).toBeGreaterThan(0);
    await expect(page.locator('#kf-note').textContent()).resolves.toContain('< 5, unterdrückt');
    // Totals are protected like cells: the demo's small row totals are hidden as well.
    expect(await table.locator('tbody td:last-child .pakt-suppressed').count()).toBeGreaterThan(0);
    await check(page, 'p07-reviewer-key-figures');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Als CSV herunterladen' }).click();
    const csv = readFileSync((await (await download).path()) ?? '', 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(`figure;area;status;${year}`);
    expect(csv).toMatch(/^goals_total;work;;(\d+|x)\r$/m);
    expect(csv).toMatch(/^goals_total;;;(\d+|x)\r$/m);
    await page.locator('#kf-year').selectOption(String(year - 1));
    await page.getByRole('heading', { level: 1, name: `Kennzahlen ${year - 1}` }).waitFor();
    await expect
      .poll(() => page.locator('#pakt-live').textContent())
      .toBe(`Kennzahlen für ${year - 1} geladen.`);

    await page.getByRole('link', { name: 'Planungsrahmen' }).click();
    const frames = page.locator('#frames');
    await frames.waitFor();
    const kirchheim = frames.locator('tr[data-org="kirchheim-unter-teck"]');
    expect(plain(await kirchheim.locator('td[data-figure="frame"]').textContent())).toBe('213.349 €');
    await expect(page.locator('#district-totals').textContent()).resolves.toContain('Landkreis Esslingen');
    const electoral = page.locator('[data-electoral-district="Kirchheim unter Teck"]');
    const text = plain(await electoral.textContent());
    expect(text).toContain('Summe laut Pressemitteilung (alle Kommunen des Wahlkreises)768.216 €');
    expect(text).toContain('Summe der in der Pressemitteilung genannten Kommunen437.047 €');
    expect(text).toContain('Summe der Planungsrahmen auf der Plattform437.047 €');
    expect(text).toContain('331.169 €');
    await check(page, 'p08-allocations');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page
      .getByRole('heading', { level: 2, name: 'Electoral districts: press release and platform' })
      .waitFor();
    await expect(electoral.textContent()).resolves.toContain(
      'Total according to the press release (all municipalities of the electoral district)',
    );
    await check(page, 'p09-allocations-en');
    await page.getByRole('link', { name: 'Key figures' }).click();
    await page.getByRole('heading', { level: 1, name: `Key figures ${year}` }).waitFor();
    await page.locator('#kf-table').waitFor();
    await check(page, 'p10-key-figures-en');
  });

  it('caused no CSP violation and no console error', () => {
    expect(problems.csp).toEqual([]);
    expect(problems.console).toEqual([]);
  });
});
