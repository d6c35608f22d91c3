/** The municipality's dashboard shows the open funding rounds with their deadlines, German first. */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { axe, launch, newContext, type Problems, shot, WEB_DIST } from './browser.ts';

let platform: TestPlatform;
let browser: Browser;
let context: BrowserContext | undefined;
const problems: Problems = { csp: [], console: [] };

beforeAll(async () => {
  browser = await launch();
  platform = await startTestPlatform({ webDir: WEB_DIST });
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await platform?.stop();
});

describe('open rounds on the dashboard', { timeout: 90_000 }, () => {
  it('lists the current round with its deadline and marks its figures as illustrative', async () => {
    context = await newContext(browser, problems);
    const page = await context.newPage();
    await page.goto(platform.url);
    await page.locator('button[data-username="kirchheim.kommune"]').click();
    const section = page.locator('section[aria-labelledby="open-rounds-heading"]');
    await section.getByRole('heading', { name: 'Offene Förderrunden' }).waitFor();
    const text = (await section.textContent()) ?? '';
    expect(text).toContain('Integrationsmanagement 2026–2027 (Beispiel)');
    expect(text).toContain('Antragsfrist bis 31.12.2027');
    expect(text).toContain('Beispielwerte');
    await page.waitForLoadState('networkidle');
    await shot(page, 'r01-open-rounds');
    expect(await axe(page)).toEqual([]);
  });
});
