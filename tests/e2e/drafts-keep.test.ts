/**
 * A draft keeps everything typed: a half-typed e-mail address is saved (only submit refuses it), text that
 * does not parse in a number field is saved as typed beside the data and shown again with its message in a
 * new session. Axe runs on the pages visited.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { axe, launch, newContext, openSection, type Problems, shot, WEB_DIST } from './browser.ts';

let platform: TestPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: Problems = { csp: [], console: [] };
const USER = 'weilheim.kommune';

async function signedIn(viewport?: { width: number; height: number }): Promise<Page> {
  const context = await newContext(browser, problems);
  contexts.push(context);
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(platform.url);
  await page.locator(`button[data-username="${USER}"]`).click();
  await page.locator('.pakt-header').waitFor();
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

const saved = (page: Page) =>
  expect.poll(() => page.locator('#save-state').textContent(), { timeout: 10_000 }).toMatch(/Gespeichert/);

beforeAll(async () => {
  browser = await launch();
  platform = await startTestPlatform({ webDir: WEB_DIST });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await platform?.stop();
});

describe('a draft keeps what people type', { timeout: 120_000 }, () => {
  it('saves a half-typed e-mail address and unparsed number text, and shows both in a new session', async () => {
    const page = await signedIn();
    await page.getByRole('button', { name: 'Neuen Förderantrag stellen' }).click();
    await page.waitForURL(/#\/vorgang\//);
    const id = decodeURIComponent(/#\/vorgang\/([^/]+)/.exec(page.url())?.[1] ?? '');
    await page.locator('.pakt-sidenav').waitFor();

    await openSection(page, 'Antragsteller');
    const email = page.locator('#root_applicant_contact_email');
    await email.fill('integration@weil');
    await email.blur();
    await saved(page);

    await openSection(page, 'Gemeinsamer Antrag');
    await page
      .locator('.pakt-formarea')
      .getByRole('button', { name: /Hinzufügen/ })
      .first()
      .click();
    const share = page.locator('#root_joint_members_0_share');
    await share.waitFor();
    await share.fill('1.2.3');
    // Not "saved" before the server has the text as typed.
    await saved(page);
    const api = await platform.as(USER);
    const stored = (await api.get(`/api/submissions/${id}`)).body;
    expect(stored.data.applicant.contact.email).toBe('integration@weil');
    // The applicant's name came from the organisation when the application was started.
    expect(stored.data.applicant.name).toMatch(/Weilheim/);
    expect(stored.raw).toEqual({ '/joint/members/0/share': '1.2.3' });
    expect(stored.data.joint.members[0].share).toBeUndefined();

    // A new session (another browser context, nothing in the tab's storage) shows what was typed.
    const again = await signedIn({ width: 390, height: 844 });
    await again.goto(`${platform.url}/#/vorgang/${id}`);
    await again.locator('.pakt-sidenav').waitFor();
    await openSection(again, 'Antragsteller');
    expect(await again.locator('#root_applicant_contact_email').inputValue()).toBe('integration@weil');
    await openSection(again, 'Gemeinsamer Antrag');
    // List items open collapsed on a new visit.
    await again.locator('.pakt-formarea .pakt-array__item button[aria-expanded="false"]').first().click();
    const shareAgain = again.locator('#root_joint_members_0_share');
    expect(await shareAgain.inputValue()).toBe('1.2.3');
    expect(await shareAgain.getAttribute('aria-invalid')).toBe('true');
    await again.waitForLoadState('networkidle');
    const violations = await axe(again);
    await shot(again, 'draft-raw-kept-phone');
    expect(violations).toEqual([]);

    // Submit is refused while the field holds no number.
    await again.getByRole('button', { name: 'Einreichen' }).click();
    await again.locator('.pakt-error-summary, [role="alert"]').first().waitFor();
    expect((await api.get(`/api/submissions/${id}`)).body.status).toBe('draft');
    await shot(again, 'draft-raw-submit-refused-phone');
  });

  it('caused no CSP violation and no console error', () => {
    expect(problems).toEqual({ csp: [], console: [] });
  });
});
