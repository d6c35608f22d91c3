/**
 * Big form: keystroke-to-render time in headless Chromium on the goals section of an integration plan with
 * 50 goals, divided by the same on a small published form with 5 fields, both as an integration manager.
 *
 * A keystroke is a real key press (Chromium input events); it is timed in the page from `keydown` to the
 * first task after the `input` event (React has rendered the change by then: input is a discrete event and
 * its updates are flushed synchronously), with layout forced, so the time covers React, rjsf and layout.
 * A `requestAnimationFrame` would round every sample to the 16.7 ms frame and hide the difference.
 * Both pages stay open and are typed into in alternating blocks; the figure is the ratio of the medians.
 */
import type { Page } from 'playwright-core';
import {
  type BenchPlatform,
  type Figure,
  launchBrowser,
  median,
  ok,
  ratio,
  round2,
  sample,
  webBuilt,
} from './lib.ts';
import { openForm } from './web-payload.ts';

const GOALS = 50;
const KEYSTROKES = 80;
const BLOCK = 10;
const WARMUP = 5;
const MAX_RATIO = 3;

/** A generic form of five fields, which a manager may start. */
const SMALL_FORM = {
  title: { de: 'Kurzmeldung', en: 'Short report' },
  schema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: {
      title: { type: 'string', title: 'Titel', maxLength: 200 },
      place: { type: 'string', title: 'Ort' },
      date: { type: 'string', title: 'Datum', format: 'date' },
      participants: { type: 'integer', title: 'Teilnehmende', minimum: 0 },
      remarks: { type: 'string', title: 'Bemerkungen' },
    },
  },
  uiSchema: { 'ui:order': ['title', 'place', 'date', 'participants', 'remarks'] },
  workflow: {
    kind: 'generic',
    start: ['manager'],
    submit: ['manager'],
    review: ['coordinator'],
    amend: false,
    amendNeedsReview: true,
    indexed: { title: '/title' },
  },
};

/** Integration-plan data with `GOALS` goals (copies of the sample's, without ids: the server assigns them). */
async function planWithGoals(): Promise<Record<string, any>> {
  const data = await sample('integration-plan', 'valid-several-goals');
  const goals = data.goals as Array<Record<string, any>>;
  const strip = ({ id: _id, ...goal }: Record<string, any>) => ({
    ...goal,
    ...(goal.measures ? { measures: goal.measures.map(({ id: _m, ...m }: Record<string, any>) => m) } : {}),
  });
  data.goals = Array.from({ length: GOALS }, (_, i) => ({
    ...strip(goals[i % goals.length]!),
    title: `Ziel ${i + 1}`,
  }));
  data.reviews = [];
  return data;
}

/** Focuses the end of `selector` and starts timing every keystroke on the page (into `window.benchSamples`). */
async function prepare(page: Page, selector: string): Promise<void> {
  const input = page.locator(selector);
  await input.waitFor({ timeout: 30_000 });
  await input.click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const w = window as any;
    w.benchSamples = [];
    let keydownAt = 0;
    document.addEventListener('keydown', () => (keydownAt = performance.now()), true);
    document.addEventListener(
      'input',
      () => {
        const start = keydownAt;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          void document.body.offsetHeight;
          w.benchSamples.push(performance.now() - start);
        };
        channel.port2.postMessage(null);
      },
      true,
    );
  });
}

/** Types `count` letters into the focused field, one at a time, each after the previous one rendered. */
async function type(page: Page, count: number): Promise<void> {
  await page.bringToFront();
  for (let i = 0; i < count; i++) {
    const done = ((await page.evaluate(() => (window as any).benchSamples.length)) as number) + 1;
    await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
    await page.waitForFunction((n) => (window as any).benchSamples.length >= n, done);
    await page.waitForTimeout(30);
  }
}

const samplesOf = async (page: Page) =>
  ((await page.evaluate(() => (window as any).benchSamples)) as number[]).slice(WARMUP);

export async function measureBigForm(platform: BenchPlatform): Promise<Figure[]> {
  const unmeasured = (note: string): Figure[] => [
    {
      figure: 'big form',
      measure: 'median',
      value: null,
      unit: '×',
      target: `≤ ${MAX_RATIO}×`,
      pass: false,
      detail: {},
      note,
    },
  ];
  if (!webBuilt()) return unmeasured('web/dist is missing: run npm run build:web');
  const browser = await launchBrowser();
  if (!browser) return unmeasured('Chromium is not installed at /usr/bin/chromium');
  try {
    const admin = await platform.as('admin');
    const manager = await platform.as('kirchheim.im1');
    await ok(admin.request('POST', '/api/forms/bench-short-report/versions', SMALL_FORM));
    const small = await ok(
      manager.request('POST', '/api/submissions', {
        formId: 'bench-short-report',
        data: { title: 'Sprachcafé' },
      }),
    );
    const plan = await ok(
      manager.request('POST', '/api/submissions', {
        formId: 'integration-plan',
        data: await planWithGoals(),
      }),
    );

    const smallPage = await openForm(browser, platform.url, manager.token, small.id);
    const planPage = await openForm(browser, platform.url, manager.token, plan.id);
    await prepare(smallPage.page, '[id="root_title"]');
    // The plan is edited section by section; the goals are the sixth, each goal opened on demand.
    await planPage.page.locator('.pakt-sidenav button').nth(5).click();
    await planPage.page
      .locator('#root_goals .pakt-array__item button[aria-expanded="false"]')
      .first()
      .click();
    await prepare(planPage.page, '[id="root_goals_0_title"]');
    // Alternating blocks, so that load from elsewhere on the machine falls on both forms alike.
    await type(smallPage.page, WARMUP);
    await type(planPage.page, WARMUP);
    for (let done = 0; done < KEYSTROKES; done += BLOCK) {
      await type(smallPage.page, BLOCK);
      await type(planPage.page, BLOCK);
    }
    const smallSamples = await samplesOf(smallPage.page);
    const planSamples = await samplesOf(planPage.page);
    await smallPage.context.close();
    await planPage.context.close();
    const smallMs = { medianMs: round2(median(smallSamples)), samples: smallSamples.map(round2) };
    const planMs = { medianMs: round2(median(planSamples)), samples: planSamples.map(round2) };

    return [
      ratio('big form', 'median', round2(planMs.medianMs / smallMs.medianMs), MAX_RATIO, {
        goals: GOALS,
        planMs,
        smallFormMs: smallMs,
      }),
    ];
  } finally {
    await browser.close();
  }
}
