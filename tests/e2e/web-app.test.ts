/**
 * What people type is kept as they meant it, and every page reads like a finished public service: no save
 * nobody made, German numbers, focus never under the sticky save bar, a phone-sized layout without
 * horizontal scrolling, and the legal pages. Axe runs on every page visited, at desktop and phone size.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import {
  axe,
  type ExpectedResponse,
  launch,
  newContext,
  openSection,
  type Problems,
  shot,
  WEB_DIST,
} from './browser.ts';

let platform: TestPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: Problems = { csp: [], console: [] };

const PHONE = { width: 390, height: 844 };

async function open(
  username?: string,
  viewport?: { width: number; height: number },
  expected: ExpectedResponse[] = [],
): Promise<Page> {
  const context = await newContext(browser, problems, expected);
  contexts.push(context);
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(platform.url);
  if (username) {
    await page.locator(`button[data-username="${username}"]`).click();
    await page.locator('.pakt-header').waitFor();
    await page.getByRole('heading', { level: 1 }).waitFor();
  }
  return page;
}

/** Axe finds nothing and a screenshot is taken. */
async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  const violations = await axe(page);
  await shot(page, name);
  await shot(page, `${name}-screen`, false);
  expect(violations, `axe on ${name}`).toEqual([]);
}

/** The page never scrolls sideways. */
async function noHorizontalOverflow(page: Page, name: string) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll, `horizontal overflow on ${name}`).toBeLessThanOrEqual(widths.client);
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

describe('the web app keeps what people type', { timeout: 90_000 }, () => {
  it('opening a returned application saves nothing', async () => {
    const api = await platform.as('plochingen.kommune');
    const returned = (await api.get('/api/submissions?status=revised')).body.items[0];
    expect(returned, 'the seeded returned application').toBeDefined();
    const before = (await api.get(`/api/submissions/${returned.id}`)).body;
    const page = await open('plochingen.kommune');
    const writes: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET') writes.push(`${r.method()} ${r.url()}`);
    });
    await page.goto(`${platform.url}/#/vorgang/${returned.id}`);
    await page.locator('#save-state').waitFor();
    await page.waitForLoadState('networkidle');
    // Longer than the autosave pause.
    await page.waitForTimeout(2500);
    expect(writes).toEqual([]);
    expect(await page.locator('#save-state').textContent()).toMatch(/Gespeichert/);
    const after = (await api.get(`/api/submissions/${returned.id}`)).body;
    expect(after.version).toBe(before.version);
    await check(page, 'w01-returned-application');
  });

  it('reads German numbers, refuses ambiguous ones and saves after an edit only', async () => {
    const page = await open('bissingen.kommune');
    await page.getByRole('button', { name: 'Neuen Förderantrag stellen' }).click();
    await page.waitForURL(/#\/vorgang\//);
    const id = decodeURIComponent(/#\/vorgang\/([^/]+)/.exec(page.url())?.[1] ?? '');
    await page.locator('.pakt-sidenav').waitFor();
    // The application shows its sections as steps, with the section's heading.
    await openSection(page, 'Gemeinsamer Antrag');
    await page.locator('.pakt-section-head h3').getByText('Gemeinsamer Antrag').waitFor();
    await page
      .locator('.pakt-formarea')
      .getByRole('button', { name: /Hinzufügen/ })
      .first()
      .click();
    const share = page.locator('#root_joint_members_0_share');
    await share.waitFor();
    await share.fill('17.000');
    await share.blur();
    await expect
      .poll(() => page.locator('#save-state').textContent(), { timeout: 10_000 })
      .toMatch(/Gespeichert/);
    const api = await platform.as('bissingen.kommune');
    const saved = (await api.get(`/api/submissions/${id}`)).body;
    expect((saved.data.joint.members[0] as { share: number }).share).toBe(17000);
    expect(await share.inputValue()).toBe('17.000');

    await share.fill('1.234,56');
    await expect
      .poll(async () => (await api.get(`/api/submissions/${id}`)).body.data.joint.members[0].share, {
        timeout: 10_000,
      })
      .toBe(1234.56);

    await share.fill('1.5');
    expect(await share.getAttribute('aria-invalid')).toBe('true');
    const described = (await share.getAttribute('aria-describedby')) ?? '';
    const message = await page.locator(`#${described.split(' ').at(-1)}`).textContent();
    expect(message).toContain('keine eindeutige Zahl');
    await check(page, 'w02-german-number-refused');
  });

  it('keeps every keyboard focus stop clear of the sticky save bar, at desktop and phone size', async () => {
    for (const [label, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', PHONE],
    ] as const) {
      const page = await open('wendlingen.kommune', viewport);
      const api = await platform.as('wendlingen.kommune');
      const draft = (await api.get('/api/submissions?status=draft')).body.items[0];
      await page.goto(`${platform.url}/#/vorgang/${draft.id}`);
      await page.locator('.pakt-submitbar').waitFor();
      await page.waitForLoadState('networkidle');
      await openSection(page, 'Antragsteller');
      await page.locator('#root_applicant_name').focus();
      const hidden: string[] = [];
      let checked = 0;
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab');
        // Measured after the next frame: what the person sees once the focus move has been painted.
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
        const where = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          const bar = document.querySelector('.pakt-submitbar');
          // Past the last stop the focus leaves the page (body); the bar's own buttons are never under it.
          if (!el || el === document.body || !bar || bar.contains(el)) return null;
          const r = el.getBoundingClientRect();
          const b = bar.getBoundingClientRect();
          return {
            id: `${el.id || el.tagName} ${Math.round(r.top)}–${Math.round(r.bottom)} bar ${Math.round(b.top)}`,
            hidden: r.bottom > b.top && r.top < b.bottom,
          };
        });
        if (where) checked++;
        if (where?.hidden) hidden.push(where.id);
      }
      expect(checked, `focus stops checked (${label})`).toBeGreaterThan(10);
      expect(hidden.join('; '), `focus under the save bar (${label})`).toBe('');
      const bar = await page.locator('.pakt-submitbar').boundingBox();
      expect(bar?.height ?? 0, `save bar height (${label})`).toBeLessThan(viewport.height * 0.2);
      await noHorizontalOverflow(page, `form (${label})`);
      await check(page, `w03-form-${label}`);
    }
  });

  it('fits a phone: compact header, no sideways scrolling on the first screens', async () => {
    for (const user of ['kirchheim.kommune', 'kirchheim.koordination', 'rp.pruefer1']) {
      const page = await open(user, PHONE);
      await page.waitForLoadState('networkidle');
      const header = await page.locator('.pakt-header').boundingBox();
      expect(header?.height ?? 0, `header height (${user})`).toBeLessThan(200);
      await noHorizontalOverflow(page, `${user} dashboard`);
      await check(page, `w04-phone-${user}`);
    }
  });

  it('plans are agreed, not granted: status names and the filter speak of plans', async () => {
    const page = await open('kirchheim.koordination');
    await page.locator('#f-status').waitFor();
    const options = await page.locator('#f-status option').allTextContents();
    expect(options).toContain('Vereinbart');
    expect(options).not.toContain('Bewilligt');
    await check(page, 'w05-plans');
  });

  it('shows the Impressum, the privacy notice and an accessibility statement with contact and date', async () => {
    for (const viewport of [undefined, PHONE]) {
      const page = await open(undefined, viewport);
      const size = viewport ? 'phone' : 'desktop';
      await page.locator('footer').getByRole('link', { name: 'Impressum' }).click();
      await page.getByRole('heading', { level: 1, name: 'Impressum' }).waitFor();
      expect(await page.locator('main').textContent()).toContain('Regierungspräsidium Stuttgart');
      await check(page, `w06-imprint-${size}`);

      await page.locator('footer').getByRole('link', { name: 'Datenschutzerklärung' }).click();
      await page.getByRole('heading', { level: 1, name: 'Datenschutzerklärung' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Ihre Rechte' }).waitFor();
      await check(page, `w07-privacy-${size}`);

      await page.locator('footer').getByRole('link', { name: 'Erklärung zur Barrierefreiheit' }).click();
      await page.getByRole('heading', { level: 1, name: 'Erklärung zur Barrierefreiheit' }).waitFor();
      await page.getByText('Erstellt am 29.11.2026.', { exact: false }).waitFor();
      const report = page.getByRole('link', { name: 'Barriere melden' });
      expect(await report.getAttribute('href')).toMatch(/^mailto:[^@]+@[^?]+\?subject=/);
      await check(page, `w08-accessibility-${size}`);
      await noHorizontalOverflow(page, `accessibility (${size})`);

      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor();
    }
  });

  it('a municipality keeps its own profile: a refused field is shown beside it, nothing typed is lost', async () => {
    for (const viewport of [undefined, PHONE]) {
      // The refused save answers 400 on purpose.
      const page = await open('wendlingen.kommune', viewport, [
        { status: 400, path: /^\/api\/organisations\/[^/]+\/profile$/, why: 'the refused save' },
      ]);
      const size = viewport ? 'phone' : 'desktop';
      await page.getByRole('link', { name: 'Stammdaten' }).click();
      await page.getByRole('heading', { level: 1, name: 'Stammdaten der Organisation' }).waitFor();
      const phone = page.getByLabel('Telefon');
      // The second pass reads what the first one saved.
      expect(await phone.inputValue()).toBe(viewport ? '07024 999-1' : '07024 1234-0');
      await phone.fill('siebzig');
      await page.getByRole('button', { name: 'Stammdaten speichern' }).click();
      await page.locator('#profile-contact-phone-error').waitFor();
      expect(await phone.getAttribute('aria-invalid')).toBe('true');
      expect(await phone.inputValue()).toBe('siebzig');
      await check(page, `w09-profile-refused-${size}`);
      await noHorizontalOverflow(page, `profile (${size})`);
      await phone.fill(viewport ? '07024 999-2' : '07024 999-1');
      await page.getByRole('button', { name: 'Stammdaten speichern' }).click();
      await page.locator('.pakt-profile').getByText('Die Stammdaten sind gespeichert.').waitFor();
      expect(await page.locator('#profile-contact-phone-error').count()).toBe(0);
      await page.getByText(/^Zuletzt geändert am /).waitFor();
      await check(page, `w10-profile-saved-${size}`);
    }
  });

  it('serves the app compressed as CloudFront does (Brotli where the browser accepts it)', async () => {
    const html = await (await fetch(platform.url)).text();
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const res = await fetch(`${platform.url}${script}`, {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await res.text()).length).toBeGreaterThan(1000);
  });

  it('caused no CSP violation and no console error', () => {
    expect(problems.csp).toEqual([]);
    expect(problems.console).toEqual([]);
  });
});
