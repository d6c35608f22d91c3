/**
 * Layout shift: the Cumulative Layout Shift (CLS, as Lighthouse and the Web Vitals define it: the largest
 * session window of shifts without recent input, windows at most 5 s long with gaps under 1 s) of the pages
 * people open first, in headless Chromium at desktop and phone size: sign-in, a municipality's dashboard,
 * the funding application form and the integration plan form. Target: below 0.1 on every page.
 */
import type { Browser, Page } from 'playwright-core';
import { type BenchPlatform, type Figure, launchBrowser, ok, sample, webBuilt } from './lib.ts';

const LIMIT = 0.1;
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
/** How long after the page is quiet shifts are still counted (late content that moves the page). */
const SETTLE_MS = 1500;

export interface Shift {
  value: number;
  startTime: number;
  hadRecentInput: boolean;
}

/** CLS from layout-shift entries: the largest session window (≤ 5 s, gaps < 1 s) of shifts without input. */
export function cumulativeLayoutShift(shifts: readonly Shift[]): number {
  let best = 0;
  let current = 0;
  let first = Number.NEGATIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const s of [...shifts].sort((a, b) => a.startTime - b.startTime)) {
    if (s.hadRecentInput) continue;
    if (s.startTime - last < 1000 && s.startTime - first < 5000) current += s.value;
    else {
      current = s.value;
      first = s.startTime;
    }
    last = s.startTime;
    best = Math.max(best, current);
  }
  return best;
}

/** Opens `hash` as the user of `token` (none: signed out) and answers the page's layout shifts once it is quiet. */
async function shiftsOf(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  hash: string,
  ready: (page: Page) => Promise<unknown>,
  token?: string,
): Promise<Shift[]> {
  const context = await browser.newContext({ locale: 'de-DE', viewport });
  try {
    await context.addInitScript((t) => {
      if (t) sessionStorage.setItem('pakt.token', t);
      const w = window as unknown as { __shifts: Shift[] };
      w.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as Shift[])
          w.__shifts.push({ value: e.value, startTime: e.startTime, hadRecentInput: e.hadRecentInput });
      }).observe({ type: 'layout-shift', buffered: true });
    }, token ?? '');
    const page = await context.newPage();
    await page.goto(`${url}/${hash}`);
    await ready(page);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(SETTLE_MS);
    return await page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
  } finally {
    await context.close();
  }
}

export async function measureLayoutShift(platform: BenchPlatform): Promise<Figure[]> {
  const unmeasured = (note: string): Figure[] => [
    {
      figure: 'layout shift',
      measure: 'pages',
      value: null,
      unit: 'score',
      target: `< ${LIMIT}`,
      pass: false,
      detail: {},
      note,
    },
  ];
  if (!webBuilt()) return unmeasured('web/dist is missing: run npm run build:web');
  const browser = await launchBrowser();
  if (!browser) return unmeasured('Chromium is not installed at /usr/bin/chromium');
  try {
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
    const form = (page: Page) => page.locator('form').first().waitFor({ timeout: 30_000 });
    const pages = [
      { name: 'sign-in', hash: '', ready: (p: Page) => p.getByRole('heading', { level: 1 }).waitFor() },
      {
        name: 'dashboard',
        hash: '',
        token: kommune.token,
        ready: (p: Page) => p.locator('.pakt-user').waitFor({ state: 'attached' }),
      },
      {
        name: 'application form',
        hash: `#/vorgang/${encodeURIComponent(application.id)}`,
        token: kommune.token,
        ready: form,
      },
      {
        name: 'plan form',
        hash: `#/vorgang/${encodeURIComponent(plan.id)}`,
        token: manager.token,
        ready: form,
      },
    ];
    const figures: Figure[] = [];
    for (const viewport of VIEWPORTS) {
      for (const p of pages) {
        const shifts = await shiftsOf(browser, platform.url, viewport, p.hash, p.ready, p.token);
        const cls = Math.round(cumulativeLayoutShift(shifts) * 1000) / 1000;
        figures.push({
          figure: 'layout shift',
          measure: `${p.name} (${viewport.name})`,
          value: cls,
          unit: 'score',
          target: `< ${LIMIT}`,
          pass: cls < LIMIT,
          detail: { shifts: shifts.length, viewport: `${viewport.width}×${viewport.height}` },
        });
      }
    }
    return figures;
  } finally {
    await browser.close();
  }
}
