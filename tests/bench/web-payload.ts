/**
 * Web payload: the gzip size of all JavaScript a form page loads, in headless Chromium: the app's entry and
 * chunks, and the form's precompiled validator module. Each form is opened on one of its submissions by a
 * user who edits it, and every script response is counted, compressed here with gzip -9.
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { type BenchPlatform, type Figure, launchBrowser, ok, sample, webBuilt } from './lib.ts';

const LIMIT_KB = 165;

const FORMS = [
  { formId: 'funding-application', user: 'kirchheim.kommune', sample: 'valid-minimal' },
  { formId: 'integration-plan', user: 'kirchheim.im1', sample: 'valid-minimal' },
] as const;

/** Opens a submission's page as `token` and returns the scripts it loaded: url → [bytes, gzip bytes]. */
export async function openForm(browser: Browser, url: string, token: string, id: string) {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
  await context.addInitScript((t) => sessionStorage.setItem('pakt.token', t), token);
  const page = await context.newPage();
  const scripts = new Map<string, [number, number]>();
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    pending.push(
      res.body().then((body) => {
        scripts.set(res.url(), [body.length, gzipSync(body, { level: 9 }).length]);
      }),
    );
  });
  await page.goto(`${url}/#/vorgang/${encodeURIComponent(id)}`);
  await page.locator('form').first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  return { context, page, scripts };
}

export async function measureWebPayload(platform: BenchPlatform): Promise<Figure[]> {
  const unmeasured = (note: string): Figure[] => [
    {
      figure: 'web payload',
      measure: 'form page',
      value: null,
      unit: 'kB',
      target: `≤ ${LIMIT_KB} kB`,
      pass: false,
      detail: {},
      note,
    },
  ];
  if (!webBuilt()) return unmeasured('web/dist is missing: run npm run build:web');
  const browser = await launchBrowser();
  if (!browser) return unmeasured('Chromium is not installed at /usr/bin/chromium');
  try {
    const figures: Figure[] = [];
    for (const form of FORMS) {
      const user = await platform.as(form.user);
      const sub = await ok(
        user.request('POST', '/api/submissions', {
          formId: form.formId,
          data: await sample(form.formId, form.sample),
        }),
      );
      const { context, scripts } = await openForm(browser, platform.url, user.token, sub.id);
      await context.close();
      const files = Object.fromEntries(
        [...scripts].map(([url, [bytes, gzip]]) => [new URL(url).pathname, { bytes, gzip }]),
      );
      const gzip = [...scripts.values()].reduce((sum, [, g]) => sum + g, 0);
      const kB = Math.round(gzip / 100) / 10;
      figures.push({
        figure: 'web payload',
        measure: form.formId,
        value: kB,
        unit: 'kB',
        target: `≤ ${LIMIT_KB} kB`,
        pass: kB <= LIMIT_KB,
        detail: { gzipBytes: gzip, files },
      });
    }
    return figures;
  } finally {
    await browser.close();
  }
}
