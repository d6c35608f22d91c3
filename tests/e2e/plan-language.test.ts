/**
 * The plan's labels in the person's language: a manager switches a plan to Arabic (right to left) and to
 * Ukrainian while sitting with the person; the review status of each translation is shown with the choice,
 * what was entered stays as written; a free text gets an Arabic translation beside it. axe on each language, no
 * CSP violation, no console error, screenshots.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOk, PLAN, planData, start } from '../helpers/factories.ts';
import { minimalPdf } from '../helpers/files.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { axe, launch, newContext, type Problems, SCREENSHOTS, shot, WEB_DIST } from './browser.ts';

let platform: TestPlatform;
let browser: Browser;
let context: BrowserContext;
const problems: Problems = { csp: [], console: [] };
let planId = '';

const CASE_ID = `KT-LANG-${Date.now().toString(36).slice(-5)}`;
const texts = (tag: string) =>
  JSON.parse(readFileSync(resolve(`forms/integration-plan/i18n/${tag}.json`), 'utf8')) as {
    fields: Record<string, { title?: string }>;
  };
const headerTitle = (tag: string) => texts(tag).fields['/properties/header']?.title ?? '';

beforeAll(async () => {
  browser = await launch();
  platform = await startTestPlatform({ webDir: WEB_DIST });
  const manager = await platform.as('kirchheim.im1');
  const sample = JSON.parse(
    readFileSync(resolve('forms/integration-plan/samples/valid-v2-person-language.json'), 'utf8'),
  ) as Record<string, any>;
  const created = await manager.post('/api/submissions', {
    formId: 'integration-plan',
    data: { ...sample, header: { ...sample.header, caseId: CASE_ID } },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.formVersion).toBe(2);
  planId = created.body.id;
  context = await newContext(browser, problems);
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await platform?.stop();
});

async function openPlan(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(platform.url);
  await page.locator('button[data-username="kirchheim.im1"]').click();
  await page.locator('.pakt-user').waitFor();
  await page.goto(`${platform.url}/#/vorgang/${planId}`);
  await page.locator('#root_header_caseId').waitFor();
  return page;
}

describe('the plan in the person’s language', { timeout: 60_000 }, () => {
  it('switches the labels to Arabic, right to left, and says the translation is not yet checked', async () => {
    const page = await openPlan();
    const container = page.locator('.pakt-sections');
    await expect(container.getAttribute('dir')).resolves.toBe('ltr');
    await expect(container.getAttribute('lang')).resolves.toBe('de');
    const choice = page.getByLabel('Sprache der Beschriftungen');
    await expect(choice.locator('option').allTextContents()).resolves.toEqual([
      'Deutsch – geprüft',
      'Українська – Übersetzung noch nicht geprüft',
      'العربية – Übersetzung noch nicht geprüft',
      'دری / فارسی – Übersetzung noch nicht geprüft',
      'Türkçe – Übersetzung noch nicht geprüft',
      'Русский – Übersetzung noch nicht geprüft',
      'English – Übersetzung noch nicht geprüft',
    ]);

    await choice.selectOption('ar');
    await expect.poll(() => container.getAttribute('dir')).toBe('rtl');
    await expect(container.getAttribute('lang')).resolves.toBe('ar');
    await page.locator('.pakt-section-head h3', { hasText: headerTitle('ar') }).waitFor();
    await expect(page.locator('#form-language-hint').textContent()).resolves.toContain(
      'noch nicht von einer geprüften Übersetzerin',
    );
    // What was entered stays as written; the app around the form stays German.
    await expect(page.locator('#root_header_caseId').inputValue()).resolves.toBe(CASE_ID);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await page.waitForLoadState('networkidle');
    await shot(page, 'l01-plan-arabic');
    expect(await axe(page)).toEqual([]);
  });

  it('switches to Ukrainian, left to right, and back to German', async () => {
    const page = await openPlan();
    const container = page.locator('.pakt-sections');
    const choice = page.getByLabel('Sprache der Beschriftungen');
    await choice.selectOption('uk');
    await expect.poll(() => container.getAttribute('lang')).toBe('uk');
    await expect(container.getAttribute('dir')).resolves.toBe('ltr');
    await page.locator('.pakt-section-head h3', { hasText: headerTitle('uk') }).waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, 'l02-plan-ukrainian');
    expect(await axe(page)).toEqual([]);
    await choice.selectOption('de');
    await page.locator('.pakt-section-head h3', { hasText: 'Kopfdaten' }).waitFor();
  });

  it('prints the plan as its PDF does: German beside Arabic, no technical data, signature lines', async () => {
    const page = await openPlan();
    await page.goto(`${platform.url}/#/vorgang/${planId}/druck`);
    const doc = page.locator('.pakt-pp');
    await doc.waitFor();
    // The person's language by default, right to left beside German.
    await expect.poll(() => page.getByLabel('Sprache neben Deutsch').inputValue()).toBe('ar');
    await doc
      .locator('span[lang="ar"][dir="rtl"]', { hasText: headerTitle('ar') })
      .first()
      .waitFor();
    await doc.locator('span[lang="de"]', { hasText: 'Kopfdaten' }).first().waitFor();
    const text = (await doc.textContent()) ?? '';
    expect(text).toContain('Samir Beispiel');
    expect(text).not.toContain(planId);
    expect(text).not.toContain('residence_permit');
    expect(await doc.locator('.pakt-pp-signline').count()).toBeGreaterThanOrEqual(3);
    await page.waitForLoadState('networkidle');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'l03-plan-print-arabic');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'l03-plan-print-arabic-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Sprache neben Deutsch').selectOption('uk');
    await doc
      .locator('span[lang="uk"]', { hasText: headerTitle('uk') })
      .first()
      .waitFor();
    // The PDF of the same plan, in the language chosen, downloaded with the bearer token.
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Als PDF herunterladen' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('integrationsplan-working-uk.pdf');
  });

  it('files the scan of the signed paper with the agreed revision', async () => {
    const manager = await platform.as('kirchheim.im1');
    const coordinator = await platform.as('kirchheim.koordination');
    let plan = await start(manager, PLAN, planData({ caseId: `${CASE_ID}-S` }));
    plan = await actOk(manager, plan, 'submit');
    plan = await actOk(coordinator, plan, 'approve');
    const page = await context.newPage();
    await page.goto(platform.url);
    await page.locator('button[data-username="kirchheim.im1"]').click();
    await page.locator('.pakt-user').waitFor();
    await page.goto(`${platform.url}/#/vorgang/${plan.id}`);
    await page.getByRole('heading', { name: 'Unterschriebenen Plan ablegen (Fassung 1)' }).waitFor();
    const file = join(tmpdir(), `Plan-unterschrieben-${Date.now()}.pdf`);
    writeFileSync(file, minimalPdf('Integrationsplan Fassung 1 unterschrieben'));
    await page.locator('#att-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Hochladen' }).click();
    const panel = page.locator('.pakt-attachments');
    await panel.getByText('Unterschriebene Fassung 1').waitFor();
    await panel.getByText('verfügbar', { exact: true }).waitFor();
    // Filed once: the upload is offered no more.
    await expect
      .poll(() => panel.getByRole('heading', { name: /Unterschriebenen Plan ablegen/ }).count())
      .toBe(0);
    await page.waitForLoadState('networkidle');
    expect(await axe(page)).toEqual([]);
    await panel.screenshot({ path: join(SCREENSHOTS, 'l04-signed-scan.png') });
  });

  it('adds an Arabic translation beside a free text: right to left, saved, kept after a reload, printed', async () => {
    const page = await openPlan();
    const openPerson = async () => {
      await page.locator('.pakt-sidenav').getByRole('button', { name: 'Angaben zur Person' }).click();
      await page.locator('#root_person_familySituation').waitFor();
    };
    await openPerson();
    await page.locator('summary', { hasText: 'Übersetzung hinzufügen' }).click();
    // The person's language is offered first; the text is typed in its own language and direction.
    await expect(page.getByLabel('Sprache der Übersetzung').inputValue()).resolves.toBe('ar');
    const translation = page.getByLabel('Übersetzung (Arabisch)');
    await expect(translation.getAttribute('lang')).resolves.toBe('ar');
    await expect(translation.getAttribute('dir')).resolves.toBe('rtl');
    await translation.fill('متزوج، طفلان في المنزل');
    await expect
      .poll(() => page.locator('#save-state').textContent(), { timeout: 10_000 })
      .toMatch(/Gespeichert/);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'l05-plan-translation');

    await page.reload();
    await page.locator('#root_header_caseId').waitFor();
    await openPerson();
    await expect(page.getByLabel('Übersetzung (Arabisch)').inputValue()).resolves.toBe(
      'متزوج، طفلان في المنزل',
    );
    await expect(page.locator('#root_person_familySituation').inputValue()).resolves.toBe(
      'Verheiratet, zwei Kinder im Haushalt',
    );
    // Editing the text as written carries its translation along.
    await page.locator('#root_person_familySituation').fill('Verheiratet, zwei Kinder im Haushalt.');
    await expect
      .poll(() => page.locator('#save-state').textContent(), { timeout: 10_000 })
      .toMatch(/Gespeichert/);
    const manager = await platform.as('kirchheim.im1');
    const stored = (await manager.get(`/api/submissions/${planId}`)).body;
    expect(stored.translations['/person/familySituation']).toMatchObject({
      lang: 'ar',
      text: 'متزوج، طفلان في المنزل',
    });

    await page.goto(`${platform.url}/#/vorgang/${planId}/druck`);
    const printed = page.locator('.pakt-pp-translation');
    await printed.locator('span[lang="ar"][dir="rtl"]', { hasText: 'متزوج، طفلان في المنزل' }).waitFor();
    await expect(printed.textContent()).resolves.toContain('Übersetzung (Arabisch)');
    await page.waitForLoadState('networkidle');
    expect(await axe(page)).toEqual([]);
  });

  it('raised no CSP violation and no console error', () => {
    expect(problems).toEqual({ csp: [], console: [] });
  });
});
