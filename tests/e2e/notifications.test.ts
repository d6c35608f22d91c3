/**
 * Notifications in the browser: the unread count in the header, the list with its link to the case, marking
 * all read; axe (WCAG 2.1 A/AA) on the page, no CSP violation, no console error.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { actOk, PLAN, planData, start, uniqueCaseId } from '../helpers/factories.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { axe, launch, newContext, type Problems, shot, WEB_DIST } from './browser.ts';

let platform: TestPlatform;
let browser: Browser;
let context: BrowserContext;
const problems: Problems = { csp: [], console: [] };
let planId = '';

beforeAll(async () => {
  browser = await launch();
  platform = await startTestPlatform({ webDir: WEB_DIST });
  const manager = await platform.as('kirchheim.im1');
  const plan = await start(manager, PLAN, planData({ caseId: uniqueCaseId() }));
  planId = (await actOk(manager, plan, 'submit')).id;
  await platform.deliverNotifications();
  context = await newContext(browser, problems);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await platform?.stop();
});

it('a coordinator sees the unread count, reads the notification and follows its link; marks all read', async () => {
  const page: Page = await context.newPage();
  await page.goto(platform.url);
  await page.locator('button[data-username="kirchheim.koordination"]').click();
  await page.locator('.pakt-user').waitFor();
  const link = page.getByRole('link', { name: /^Benachrichtigungen\s*\d+\s*ungelesen$/ });
  await link.waitFor();
  await link.click();
  await page.getByRole('heading', { level: 1, name: 'Benachrichtigungen' }).waitFor();
  const entry = page.locator(`a[href="#/vorgang/${planId}"]`).first();
  await entry.waitFor();
  expect(await entry.textContent()).toBe('Integrationsplan wartet auf Abstimmung');
  await page.waitForLoadState('networkidle');
  expect(await axe(page)).toEqual([]);
  await shot(page, 'n01-notifications');
  await entry.click();
  await page.waitForURL(`**/#/vorgang/${planId}`);
  await page.goto(`${platform.url}/#/benachrichtigungen`);
  await page.getByRole('button', { name: 'Alle als gelesen markieren' }).click();
  await page.getByText('0 ungelesene Benachrichtigungen').waitFor();
  await page.getByRole('link', { name: 'Benachrichtigungen', exact: true }).waitFor();
  expect(problems).toEqual({ csp: [], console: [] });
});

it('a manager changes the e-mail address with the code mailed to the new one', async () => {
  const page: Page = await context.newPage();
  await page.goto(platform.url);
  await page.locator('button[data-username="plochingen.im1"]').click();
  await page.locator('.pakt-user').waitFor();
  await page.goto(`${platform.url}/#/benachrichtigungen`);
  await page.getByText('Benachrichtigungen gehen an l.hofmann@plochingen.example').waitFor();
  await page.getByLabel('Neue E-Mail-Adresse').fill('lena.hofmann@plochingen.example');
  await page.getByRole('button', { name: 'Bestätigungscode senden' }).click();
  // In the section itself (the polite live region says the same to screen readers for a moment).
  await page
    .locator('.pakt-email-address')
    .getByText(/Wir haben einen sechsstelligen Code an lena\.hofmann@plochingen\.example gesendet/)
    .waitFor();
  const received = (await (await fetch(`${platform.url}/local/mails`)).json()) as Array<{
    to: string[];
    text: string;
  }>;
  const mail = received.findLast((m) => m.to[0] === 'lena.hofmann@plochingen.example');
  const code = /\b(\d{6})\b/.exec(mail?.text ?? '')?.[1];
  expect(code).toMatch(/^\d{6}$/);
  await page.waitForLoadState('networkidle');
  expect(await axe(page)).toEqual([]);
  await shot(page, 'n02-email-code');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'n02-email-code-390');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByLabel('Bestätigungscode (6 Ziffern)').fill(code!);
  await page.getByRole('button', { name: 'Adresse bestätigen' }).click();
  await page.getByText('Benachrichtigungen gehen an lena.hofmann@plochingen.example').waitFor();
  expect(await axe(page)).toEqual([]);
  await shot(page, 'n03-email-changed');
  expect(problems).toEqual({ csp: [], console: [] });
});
