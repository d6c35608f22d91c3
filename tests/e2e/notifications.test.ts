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
