/**
 * Lighthouse (desktop preset, its simulated throttling) on the pages people open first: sign-in, a
 * municipality's dashboard, the funding application form and the integration plan form, in the system's
 * headless Chromium. Targets: accessibility 100 and performance at least 90 on every page.
 *
 * Signed in as the app signs in: the session token in the tab's session storage (`pakt.token`), written on a
 * page of the same origin that loads none of the app (`/config.json`), so the audited load starts cold.
 * Lighthouse clears the HTTP cache before it navigates; it leaves session storage alone.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM_FLAGS as FLAGS } from '../helpers/chromium.ts';
import { type BenchPlatform, CHROMIUM, type Figure, ok, sample, webBuilt } from './lib.ts';

const TARGETS = { accessibility: 100, performance: 90 } as const;
type Category = keyof typeof TARGETS;

export interface AuditedPage {
  name: string;
  /** The app's address after the origin, e.g. `#/vorgang/<id>`. */
  hash: string;
  /** The session token of the signed-in user; none: signed out. */
  token?: string;
}

export interface PageScores {
  scores: Record<Category, number | null>;
  /** The audits that did not pass in full, by category (their ids), for the note. */
  failing: Record<Category, string[]>;
}

/** Runs Lighthouse on one page in a browser context of its own (no cache, no storage shared with others). */
export async function audit(browser: Browser, origin: string, page: AuditedPage): Promise<PageScores> {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    if (page.token) {
      await tab.goto(`${origin}/config.json`);
      await tab.evaluate((t) => sessionStorage.setItem('pakt.token', t), page.token);
    }
    const result = await lighthouse(
      `${origin}/${page.hash}`,
      { output: 'json', logLevel: 'error', onlyCategories: Object.keys(TARGETS) },
      desktopConfig,
      tab,
    );
    if (!result) throw new Error(`Lighthouse gave no result for ${page.name}`);
    const { lhr } = result;
    if (lhr.runtimeError)
      throw new Error(`${page.name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const scores = {} as PageScores['scores'];
    const failing = {} as PageScores['failing'];
    for (const category of Object.keys(TARGETS) as Category[]) {
      const c = lhr.categories[category];
      scores[category] = c?.score === null || c?.score === undefined ? null : Math.round(c.score * 100);
      failing[category] = (c?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a && a.score !== null && a.score < (category === 'accessibility' ? 1 : 0.9))
        .map((a) => a!.id);
    }
    return { scores, failing };
  } finally {
    await context.close();
  }
}

export async function measureLighthouse(platform: BenchPlatform): Promise<Figure[]> {
  const unmeasured = (note: string): Figure[] => [
    {
      figure: 'lighthouse',
      measure: 'pages',
      value: null,
      unit: 'score',
      target: `accessibility ${TARGETS.accessibility}, performance ≥ ${TARGETS.performance}`,
      pass: false,
      detail: {},
      note,
    },
  ];
  if (!webBuilt()) return unmeasured('web/dist is missing: run npm run build:web');
  if (!existsSync(CHROMIUM)) return unmeasured(`Chromium is not installed at ${CHROMIUM}`);
  const kommune = await platform.as('kirchheim.kommune');
  const manager = await platform.as('kirchheim.im1');
  const application = await ok(
    kommune.request('POST', '/api/submissions', {
      formId: 'funding-application',
      data: await sample('funding-application', 'valid-minimal'),
    }),
  );
  const plan = await ok(
    manager.request('POST', '/api/submissions', {
      formId: 'integration-plan',
      data: await sample('integration-plan', 'valid-minimal'),
    }),
  );
  const pages: AuditedPage[] = [
    { name: 'sign-in', hash: '' },
    { name: 'dashboard', hash: '', token: kommune.token },
    {
      name: 'application form',
      hash: `#/vorgang/${encodeURIComponent(application.id)}`,
      token: kommune.token,
    },
    { name: 'plan form', hash: `#/vorgang/${encodeURIComponent(plan.id)}`, token: manager.token },
  ];
  const userDataDir = mkdtempSync(join(tmpdir(), 'pakt-lighthouse-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    args: FLAGS,
    headless: true,
    userDataDir,
  });
  try {
    const figures: Figure[] = [];
    for (const page of pages) {
      const { scores, failing } = await audit(browser, platform.url, page);
      for (const category of Object.keys(TARGETS) as Category[]) {
        const value = scores[category];
        const target = TARGETS[category];
        figures.push({
          figure: 'lighthouse',
          measure: `${page.name} ${category}`,
          value,
          unit: 'score',
          target: category === 'accessibility' ? `= ${target}` : `≥ ${target}`,
          pass: value !== null && value >= target,
          detail: { failing: failing[category] },
          ...(failing[category].length ? { note: `below full marks: ${failing[category].join(', ')}` } : {}),
        });
      }
    }
    return figures;
  } finally {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
