/**
 * The web app shows only what the caller may do, from the server's `allowed` alone: a member municipality
 * of a joint application reads the lead's application and finds nothing to edit, submit or upload, while the
 * lead edits the same application. Axe runs on every page visited, at desktop and phone size.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { axe, launch, newContext, type Problems, shot, WEB_DIST } from './browser.ts';

let platform: TestPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: Problems = { csp: [], console: [] };

async function open(username: string, path: string, viewport?: { width: number; height: number }) {
  const context = await newContext(browser, problems);
  contexts.push(context);
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(platform.url);
  await page.locator(`button[data-username="${username}"]`).click();
  await page.locator('.pakt-header').waitFor();
  await page.goto(`${platform.url}/#${path}`);
  await page.locator('.pakt-submission').waitFor();
  await page.waitForLoadState('networkidle');
  return page;
}

async function check(page: Page, name: string) {
  const violations = await axe(page);
  await shot(page, name);
  expect(violations, `axe on ${name}`).toEqual([]);
}

/** Plochingen's joint application with Notzingen as member (returned, so the lead may edit it). */
async function jointApplication(): Promise<string> {
  const api = await platform.as('plochingen.kommune');
  const items = (await api.get('/api/submissions?status=revised')).body.items as { id: string }[];
  for (const item of items) {
    const sub = (await api.get(`/api/submissions/${item.id}`)).body;
    if (sub.data?.joint?.isJoint) return sub.id;
  }
  throw new Error('no joint application seeded');
}

beforeAll(async () => {
  browser = await launch();
  platform = await startTestPlatform({ webDir: WEB_DIST });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await platform?.stop();
});

describe('the UI offers what the server allows', { timeout: 90_000 }, () => {
  it('a member municipality reads the joint application and can change nothing', async () => {
    const id = await jointApplication();
    const member = await platform.as('notzingen.kommune');
    const answer = (await member.get(`/api/submissions/${id}`)).body;
    expect(answer.allowed).toEqual([]);

    for (const [name, viewport] of [
      ['member-read-only', undefined],
      ['member-read-only-phone', { width: 390, height: 844 }],
    ] as const) {
      const page = await open('notzingen.kommune', `/vorgang/${id}`, viewport);
      await expect(page.locator('.pakt-submission').textContent()).resolves.toContain(
        'Sie können diesen Vorgang ansehen, aber nicht bearbeiten.',
      );
      expect(await page.locator('.pakt-edit').count()).toBe(0);
      expect(await page.locator('.pakt-submission input, .pakt-submission textarea').count()).toBe(0);
      expect(await page.getByRole('button', { name: /einreichen|speichern|hochladen/i }).count()).toBe(0);
      await check(page, name);
    }
  });

  it('the lead municipality edits the same application and may resubmit it', async () => {
    const id = await jointApplication();
    const lead = await platform.as('plochingen.kommune');
    const answer = (await lead.get(`/api/submissions/${id}`)).body;
    expect(answer.allowed).toEqual(expect.arrayContaining(['save', 'submit', 'upload']));
    const page = await open('plochingen.kommune', `/vorgang/${id}`);
    await page.locator('.pakt-edit').waitFor();
    expect(await page.locator('.pakt-submitbar button.kern-btn--primary').count()).toBe(1);
    await check(page, 'lead-editable');
  });

  it('caused no CSP violation and no console error', () => {
    expect(problems).toEqual({ csp: [], console: [] });
  });
});
