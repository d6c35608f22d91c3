/**
 * Two things a clerk relies on in the browser: a file uploaded straight to S3 (another origin) and checked
 * by the server, and nothing typed lost when the sign-in expires in the middle of a form.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../helpers/files.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { axe, launch, newContext, openSection, type Problems, shot, WEB_DIST } from './browser.ts';

let platform: TestPlatform;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: Problems = { csp: [], console: [] };
let draftId = '';

async function signInAs(username: string) {
  await page.locator(`button[data-username="${username}"]`).click();
  await page.locator('.pakt-user').waitFor();
}

beforeAll(async () => {
  browser = await launch();
  platform = await startTestPlatform({ webDir: WEB_DIST });
  // Wendlingen's seeded draft application.
  const clerk = await platform.as('wendlingen.kommune');
  draftId = (await clerk.get('/api/submissions?status=draft')).body.items[0].id;
  context = await newContext(browser, problems);
  page = await context.newPage();
  await page.goto(platform.url);
  await signInAs('wendlingen.kommune');
  await page.goto(`${platform.url}/#/vorgang/${draftId}`);
  await page.locator('.pakt-sidenav').waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await platform?.stop();
});

describe('in the browser', { timeout: 60_000 }, () => {
  it('uploads a PDF straight to S3 and shows it as checked and available', async () => {
    const file = join(tmpdir(), `Arbeitsvertrag-${Date.now()}.pdf`);
    writeFileSync(file, minimalPdf('Arbeitsvertrag Integrationsmanagerin'));
    await page.locator('#att-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Hochladen' }).click();
    await page.getByText('Die Datei wurde hochgeladen und wird geprüft.').first().waitFor();
    const panel = page.locator('.pakt-attachments');
    await panel.getByText('verfügbar', { exact: true }).waitFor();
    expect(await panel.textContent()).toContain('Arbeitsvertrag');
    await page.waitForLoadState('networkidle');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'r01-attachment-uploaded');
    const api = await platform.as('wendlingen.kommune');
    const listed = (await api.get(`/api/submissions/${draftId}/attachments`)).body.items;
    expect(listed).toEqual([expect.objectContaining({ state: 'available', contentType: 'application/pdf' })]);
  });

  it('shows the amounts the server will compute while the applicant types', async () => {
    const total = page.getByLabel('Beantragte Zuwendung insgesamt (EUR)');
    const fte = async (value: string) => {
      await openSection(page, 'Stellen');
      await page.locator('.pakt-array__item button[aria-expanded="false"]').first().click();
      await page.getByLabel('Stellenumfang (VZÄ)').fill(value);
      await openSection(page, 'Finanzierung');
    };
    await openSection(page, 'Finanzierung');
    await expect.poll(() => total.inputValue()).toBe('51.000');
    // 0.5 → 1.0 FTE for 24 months at 51,000 EUR per FTE-year: computed in the browser by the shared rules.
    await fte('1');
    await expect.poll(() => total.inputValue(), { timeout: 1000 }).toBe('102.000');
    await fte('0,5');
    await expect.poll(() => total.inputValue(), { timeout: 1000 }).toBe('51.000');
  });

  it("measures a joint application against the members' frames too", async () => {
    const reviewerContext = await newContext(browser, problems);
    const reviewerPage = await reviewerContext.newPage();
    try {
      const plochingen = await platform.as('plochingen.kommune');
      const joint = (await plochingen.get('/api/submissions')).body.items[0];
      await reviewerPage.goto(platform.url);
      await reviewerPage.locator('button[data-username="rp.pruefer1"]').click();
      await reviewerPage.locator('.pakt-user').waitFor();
      await reviewerPage.goto(`${platform.url}/#/vorgang/${joint.id}`);
      const check = reviewerPage.locator('.pakt-budget');
      await check.waitFor();
      // Plochingen 44,580 + Notzingen 23,882 EUR: the 51,000 EUR requested fit.
      await expect.poll(async () => (await check.textContent())?.replace(/\s/g, ' ')).toContain('68.462 €');
      // The card first shows the figures of the last save, then the live ones: wait for the verdict on those.
      await expect.poll(() => check.locator('.kern-alert--success').count()).toBe(1);
    } finally {
      await reviewerContext.close();
    }
  });

  it('keeps what was typed when the sign-in expires, and saves it after signing in again', async () => {
    // The token runs out: the next save is answered 401.
    await page.evaluate(() => sessionStorage.setItem('pakt.token', 'expired.token.value'));
    const text = `Nachtrag nach Ablauf der Anmeldung ${Date.now()}`;
    await openSection(page, 'Bemerkungen');
    await page.getByLabel('Bemerkungen').fill(text);
    await page.getByText('Ihre Anmeldung ist abgelaufen.', { exact: false }).waitFor({ timeout: 15_000 });
    await shot(page, 'r02-sign-in-expired');
    await signInAs('wendlingen.kommune');
    await page.goto(`${platform.url}/#/vorgang/${draftId}`);
    await openSection(page, 'Bemerkungen');
    await expect.poll(() => page.getByLabel('Bemerkungen').inputValue(), { timeout: 15_000 }).toBe(text);
    const api = await platform.as('wendlingen.kommune');
    await expect
      .poll(async () => (await api.get(`/api/submissions/${draftId}`)).body.data.remarks, { timeout: 15_000 })
      .toBe(text);
    expect(problems.csp).toEqual([]);
  });
});
