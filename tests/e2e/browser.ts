/**
 * Browser harness for the e2e tests: Debian's Chromium driven by playwright-core, a CSP-violation and
 * console-error collector on every page, axe-core checks for WCAG 2.1 A/AA, and screenshots.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export { CHROMIUM, CHROMIUM_FLAGS } from '../helpers/chromium.ts';

import { CHROMIUM, CHROMIUM_FLAGS } from '../helpers/chromium.ts';
/** Where screenshots go; `SCREENSHOT_DIR` moves them out of the working tree. */
export const SCREENSHOTS = resolve(process.env.SCREENSHOT_DIR ?? 'test-results/screenshots');
export const WEB_DIST = resolve('web/dist');

export async function launch(): Promise<Browser> {
  // No skipping: without the browser or the built app the run must fail.
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error('web/dist is missing: run npm run build:web');
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

export interface Problems {
  csp: string[];
  console: string[];
}

/** An error response a test expects the app to meet (and to handle), by status and URL. */
export interface ExpectedResponse {
  status: number;
  /** Matched against the URL's path and query (`/api/...`). */
  path: RegExp;
  /** Why the app asks for it: a reader of the test should not have to guess. */
  why: string;
}

/**
 * A context whose pages report CSP violations and console errors into `problems`. A failed request's
 * console error ("Failed to load resource: … status of 404") counts too, unless its status and URL are in
 * `expected`: every other 404 (or any other error status) is a problem.
 */
export async function newContext(
  browser: Browser,
  problems: Problems,
  expected: readonly ExpectedResponse[] = [],
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  context.on('page', (page) => watch(page, problems, expected));
  return context;
}

const FAILED_RESOURCE = /status of (\d{3})/;

function isExpected(expected: readonly ExpectedResponse[], status: number, url: string): boolean {
  let path = url;
  try {
    const parsed = new URL(url);
    path = `${parsed.pathname}${parsed.search}`;
  } catch {
    // not a URL: compare as it is
  }
  return expected.some((e) => e.status === status && e.path.test(path));
}

function watch(page: Page, problems: Problems, expected: readonly ExpectedResponse[]) {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/CSP violation|Content Security Policy/i.test(text)) {
      problems.csp.push(text);
      return;
    }
    const failed = FAILED_RESOURCE.exec(text);
    const url = msg.location().url;
    if (failed && isExpected(expected, Number(failed[1]), url)) return;
    problems.console.push(failed ? `${text} ${url}` : text);
  });
  page.on('pageerror', (error) => problems.console.push(`pageerror: ${error.message}`));
}

/** WCAG 2.1 A and AA violations on the page as it is now (empty when none). */
export async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Opens a form's section by its title in the step navigation (the form shows one section at a time). */
export async function openSection(page: Page, title: string): Promise<void> {
  await page
    .locator('.pakt-sidenav')
    .getByRole('button', { name: new RegExp(`${title}$`) })
    .click();
  await page.locator('.pakt-section-head h3', { hasText: title }).waitFor();
}
