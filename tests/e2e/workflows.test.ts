/**
 * The web app end to end, in Chromium against the local platform: the funding application round trip
 * (municipality ↔ state reviewer), the integration plan (manager → coordinator → amendment), a
 * keyboard-only run, axe checks on every page visited, no CSP violations, and screenshots.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../helpers/files.ts';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.ts';
import { axe, launch, newContext, openSection, type Problems, shot, WEB_DIST } from './browser.ts';

const sample = (form: string, name: string) =>
  JSON.parse(readFileSync(resolve('forms', form, 'samples', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;

let platform: TestPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: Problems = { csp: [], console: [] };
const a11y: Record<string, string[]> = {};

async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  a11y[name] = await axe(page);
  await shot(page, name);
  expect(a11y[name], `axe on ${name}`).toEqual([]);
}

async function signIn(username: string): Promise<Page> {
  const context = await newContext(browser, problems);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(platform.url);
  await page.locator(`button[data-username="${username}"]`).click();
  await page.locator('.pakt-user').waitFor();
  return page;
}

/** Writes data through the API as the signed-in user of the page (to fill long forms quickly). */
async function putData(page: Page, id: string, data: Record<string, unknown>) {
  const token = await page.evaluate(() => sessionStorage.getItem('pakt.token'));
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const current = await fetch(`${platform.url}/api/submissions/${id}`, { headers });
  const etag = current.headers.get('etag') ?? '';
  const res = await fetch(`${platform.url}/api/submissions/${id}`, {
    method: 'PUT',
    headers: { ...headers, 'if-match': etag },
    body: JSON.stringify({ data }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

const idFromUrl = (page: Page) => decodeURIComponent(/#\/vorgang\/([^/]+)/.exec(page.url())?.[1] ?? '');

beforeAll(async () => {
  browser = await launch();
  platform = await startTestPlatform({ webDir: WEB_DIST });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await platform?.stop();
});

describe('web app', { timeout: 90_000 }, () => {
  it('serves the page under a strict CSP and ships no runtime compiler', async () => {
    const res = await fetch(platform.url);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const { readdirSync } = await import('node:fs');
    for (const file of readdirSync(resolve(WEB_DIST, 'assets')).filter((f) => f.endsWith('.js'))) {
      expect(readFileSync(resolve(WEB_DIST, 'assets', file), 'utf8'), file).not.toContain('new Function');
    }
  });

  let applicationId = '';

  it('municipality creates, fills, saves and submits an application', async () => {
    const page = await (async () => {
      const context = await newContext(browser, problems);
      contexts.push(context);
      const p = await context.newPage();
      await p.goto(platform.url);
      await p.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      await check(p, '01-sign-in');
      await p.locator('button[data-username="kirchheim.kommune"]').click();
      await p.locator('.pakt-user').waitFor();
      return p;
    })();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await check(page, '02-municipality-dashboard');

    await page.getByRole('button', { name: 'Neuen Förderantrag stellen' }).click();
    await page.waitForURL(/#\/vorgang\//);
    applicationId = idFromUrl(page);
    // The round is chosen from the published open rounds, shown by title with their deadline.
    const round = page.locator('#root_round');
    await expect
      .poll(() => round.locator('option').allTextContents())
      .toEqual([
        'Bitte auswählen',
        'Pakt für Integration: Integrationsmanagement 2017–2018',
        'Pakt für Integration: Integrationsmanagement 2026–2027 (Beispiel) – Anträge bis 31.12.2027',
      ]);
    await round.selectOption('2026-2027');
    // The applicant's address and bank account come from the organisation's profile.
    await openSection(page, 'Antragsteller');
    const name = page.locator('#root_applicant_name');
    await name.waitFor();
    expect(await name.inputValue()).toBe('Kirchheim unter Teck');
    expect(await page.locator('#root_applicant_address_street').inputValue()).toBe('Marktstraße');
    expect(await page.locator('#root_applicant_address_postalCode').inputValue()).toBe('73230');
    expect(await page.locator('#root_applicant_bankAccount_accountHolder').inputValue()).toBe(
      'Stadtkasse Kirchheim unter Teck',
    );
    await name.fill('Stadt Kirchheim unter Teck');
    // A partner is chosen by name (or municipality key); the form stores the directory's id and name.
    await openSection(page, 'Gemeinsamer Antrag');
    await page
      .locator('.pakt-formarea')
      .getByRole('button', { name: /Hinzufügen/ })
      .first()
      .click();
    const partner = page.locator('#root_joint_members_0_organisationId');
    await partner.fill('Notzi');
    expect(await partner.getAttribute('aria-invalid')).toBe('true');
    await partner.fill('Notzingen');
    expect(await partner.inputValue()).toBe('Notzingen (Landkreis Esslingen)');
    expect(await partner.getAttribute('aria-invalid')).toBeNull();
    await check(page, '02b-application-partner');
    await expect
      .poll(() => page.locator('#save-state').textContent(), { timeout: 10_000 })
      .toMatch(/Gespeichert/);
    const token = await page.evaluate(() => sessionStorage.getItem('pakt.token'));
    const stored = await (
      await fetch(`${platform.url}/api/submissions/${applicationId}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    expect(stored.data.round).toBe('2026-2027');
    expect(stored.data.joint.members).toEqual([
      expect.objectContaining({ organisationId: 'notzingen', name: 'Notzingen' }),
    ]);
    expect(stored.data.applicant.address).toEqual({
      street: 'Marktstraße',
      houseNumber: '1',
      postalCode: '73230',
      city: 'Kirchheim unter Teck',
    });
    await expect
      .poll(() => page.locator('#save-state').textContent(), { timeout: 10_000 })
      .toMatch(/Gespeichert/);

    // Submitting an incomplete application shows the summary, which links to each field.
    await page.getByRole('button', { name: 'Einreichen' }).click();
    const summary = page.locator('.pakt-error-summary');
    await summary.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('pakt-error-summary')))
      .toBe(true);
    await check(page, '03-application-errors');
    await summary.locator('a').first().click();
    await expect
      .poll(() =>
        page.evaluate(() => ['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement?.tagName ?? '')),
      )
      .toBe(true);

    await putData(page, applicationId, {
      ...sample('funding-application', 'valid-minimal'),
      applicant: {
        ...(sample('funding-application', 'valid-minimal').applicant as object),
        name: 'Stadt Kirchheim unter Teck',
      },
    });
    await page.reload();
    await openSection(page, 'Antragsteller');
    await page.locator('#root_applicant_name').waitFor();
    await check(page, '04-application-form');
    await page.getByRole('button', { name: 'Einreichen' }).click();
    // The check-your-answers page: the data by section, each with a link back, then the binding submit.
    await page.getByRole('heading', { name: 'Angaben prüfen' }).waitFor();
    await expect(page.locator('.pakt-check').textContent()).resolves.toContain('Stadt Kirchheim unter Teck');
    expect(
      await page
        .locator('.pakt-check')
        .getByRole('button', { name: /^Ändern/ })
        .count(),
    ).toBeGreaterThan(3);
    await page
      .locator('.pakt-check')
      .getByRole('button', { name: /^Ändern/ })
      .first()
      .click();
    await page.locator('.pakt-sidenav').waitFor();
    await page.getByRole('button', { name: 'Einreichen' }).click();
    await page.getByRole('heading', { name: 'Angaben prüfen' }).waitFor();
    // The signed application is required and missing: said before the submit, with a way to the upload.
    await page.locator('.pakt-check .kern-badge', { hasText: 'Fehlt' }).waitFor();
    await expect(page.locator('.pakt-check').textContent()).resolves.toContain(
      'Vor dem Einreichen fehlen noch Anlagen',
    );
    await check(page, '04b-check-answers');
    await page.getByRole('button', { name: 'Zu den Anlagen' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('att-file');
    expect(await page.locator('#att-kind').inputValue()).toBe('signed-application');
    await page.locator('#att-file').setInputFiles({
      name: 'Antrag-unterschrieben.pdf',
      mimeType: 'application/pdf',
      buffer: minimalPdf(),
    });
    await page.getByRole('button', { name: 'Hochladen' }).click();
    await page.locator('.pakt-check .kern-badge', { hasText: 'Beigefügt' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.pakt-check').textContent()).not.toContain('fehlen noch Anlagen');
    await page.getByRole('button', { name: 'Verbindlich einreichen' }).click();
    await page.locator('.kern-alert').getByText('Der Vorgang wurde eingereicht.').waitFor();
    // The receipt: status and date of the submit.
    await expect(page.locator('.kern-alert').first().textContent()).resolves.toMatch(
      /In Prüfung.*Eingereicht am/s,
    );
    await check(page, '04c-receipt');
    await expect(page.locator('.pakt-meta .pakt-status').textContent()).resolves.toContain('In Prüfung');
  });

  it('reviewer returns it with a comment; the municipality fixes and resubmits', async () => {
    const reviewer = await signIn('rp.pruefer1');
    await reviewer.getByRole('heading', { level: 1, name: 'Posteingang Bewilligungsstelle' }).waitFor();
    await reviewer.locator('.pakt-table').waitFor();
    await check(reviewer, '05-reviewer-inbox');
    // The work queue: a search by name prefix (umlauts folded), the count in the live region, take and release.
    await reviewer.getByLabel('Suchbegriff (Anfang genügt)').fill('KIRCHH');
    await reviewer.getByRole('button', { name: 'Anwenden' }).click();
    await reviewer.getByText('Eingegrenzt auf „KIRCHH“ (alle Status).').waitFor();
    await expect.poll(() => reviewer.locator('.pakt-table tbody tr').count()).toBeGreaterThan(0);
    await expect.poll(() => reviewer.locator('p[role="status"]').textContent()).toMatch(/Einträge?|Eintrag/);
    await reviewer.getByRole('button', { name: 'Übernehmen' }).first().click();
    await reviewer.getByRole('button', { name: 'Freigeben' }).first().waitFor();
    await reviewer.getByRole('button', { name: 'Zurücksetzen' }).click();
    await reviewer.getByLabel('Suchen oder filtern nach').selectOption('formId');
    await reviewer.getByLabel('Art des Vorgangs').selectOption('funding-application');
    await reviewer.getByRole('button', { name: 'Anwenden' }).click();
    await expect.poll(() => reviewer.locator('.pakt-table tbody tr').count()).toBeGreaterThan(0);
    await reviewer.getByRole('button', { name: 'Zurücksetzen' }).click();
    await reviewer.getByRole('button', { name: 'Meine Vorgänge' }).click();
    await expect.poll(() => reviewer.locator('.pakt-table tbody tr').count()).toBe(1);
    await check(reviewer, '05b-reviewer-queue-mine');
    await reviewer.setViewportSize({ width: 390, height: 844 });
    await check(reviewer, '05c-reviewer-queue-390');
    await reviewer.getByRole('button', { name: 'Freigeben' }).first().click();
    await expect.poll(() => reviewer.locator('.pakt-table tbody tr').count()).toBe(0);
    await reviewer.setViewportSize({ width: 1280, height: 900 });
    await reviewer.getByRole('button', { name: 'Alle Vorgänge' }).click();
    await reviewer.locator('.pakt-table').waitFor();
    const download = reviewer.waitForEvent('download');
    await reviewer.getByRole('button', { name: 'Als CSV exportieren' }).click();
    const csv = readFileSync((await (await download).path()) ?? '', 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Kirchheim');

    await reviewer.goto(`${platform.url}/#/vorgang/${applicationId}`);
    await reviewer.getByRole('heading', { name: 'Entscheidung über den Antrag' }).waitFor();
    await check(reviewer, '06-reviewer-application');
    await reviewer.getByRole('button', { name: 'Zur Überarbeitung zurückgeben' }).click();
    await reviewer.locator('#decision-comment-error').waitFor();
    await reviewer.locator('#decision-comment').fill('Bitte die Stellenbeschreibung ergänzen.');
    await reviewer.getByRole('button', { name: 'Zur Überarbeitung zurückgeben' }).click();
    await reviewer.locator('.kern-alert').getByText('Der Vorgang wurde zurückgegeben.').waitFor();

    const municipality = await signIn('kirchheim.kommune');
    await municipality.goto(`${platform.url}/#/vorgang/${applicationId}`);
    await municipality
      .locator('#last-comment')
      .getByText('Bitte die Stellenbeschreibung ergänzen.')
      .waitFor();
    await check(municipality, '07-application-returned');
    await openSection(municipality, 'Bemerkungen');
    const remarks = municipality.locator('#root_remarks');
    await remarks.fill('Stellenbeschreibung liegt bei.');
    await expect
      .poll(() => municipality.locator('#save-state').textContent(), { timeout: 10_000 })
      .toMatch(/Gespeichert/);
    await municipality.getByRole('button', { name: 'Erneut einreichen' }).click();
    await municipality.getByRole('heading', { name: 'Angaben prüfen' }).waitFor();
    await municipality.getByRole('button', { name: 'Erneut einreichen' }).click();
    await municipality.locator('.kern-alert').getByText('Der Vorgang wurde eingereicht.').waitFor();
  });

  it('reviewer approves; the frame figures follow', async () => {
    const reviewer = await signIn('rp.pruefer2');
    /** Kirchheim's approved amount as the planning-frame page shows it (`229.500 €` → 229500). */
    const approvedFigure = async () => {
      await reviewer.goto(`${platform.url}/#/planungsrahmen`);
      const cell = reviewer.locator('#frames tr[data-org="kirchheim-unter-teck"] td[data-figure="approved"]');
      await cell.waitFor();
      return Number(((await cell.textContent()) ?? '').replace(/[^\d-]/g, ''));
    };
    const before = await approvedFigure();
    await check(reviewer, '08-allocations');
    await reviewer.goto(`${platform.url}/#/vorgang/${applicationId}`);
    await reviewer.getByRole('heading', { name: 'Änderungen seit Revision 1' }).waitFor();
    // The decision form starts from the full amount; its confirmation step shows it before it takes effect.
    await reviewer.getByRole('button', { name: 'Bewilligung prüfen' }).click();
    await reviewer.getByRole('heading', { name: 'Bewilligung bestätigen' }).waitFor();
    await reviewer.getByRole('button', { name: 'Jetzt bewilligen' }).click();
    await reviewer.locator('.kern-alert').getByText('Der Vorgang wurde bewilligt.').waitFor();
    await check(reviewer, '09-application-approved');
    const decided = await (await platform.as('rp.pruefer2')).get(`/api/submissions/${applicationId}`);
    const amount = decided.body.decision?.approvedAmount as number;
    expect(amount).toBeGreaterThan(0);
    expect(await approvedFigure()).toBe(before + amount);
  });

  let planId = '';

  it('manager creates a plan with the keyboard only and submits it with 50 goals', async () => {
    const page = await signIn('kirchheim.im1');
    await page.getByRole('heading', { level: 1, name: 'Ihre Fallübersicht' }).waitFor();
    await check(page, '10-manager-caseload');

    // Keyboard only: tab to the button, press Enter, tab to the first field, type, save with the keyboard.
    const tabTo = async (predicate: string, max = 80) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(predicate)) return;
      }
      throw new Error(`keyboard never reached ${predicate}`);
    };
    await tabTo(`document.activeElement?.textContent?.includes('Neuen Integrationsplan anlegen')`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/vorgang\//);
    planId = idFromUrl(page);
    await page.locator('#root_header_caseId').waitFor();
    await tabTo(`document.activeElement?.id === 'root_header_caseId'`);
    await page.keyboard.type('KT-2026-0042');
    await tabTo(`document.activeElement?.id === 'root_header_counsellingStart'`, 10);
    await tabTo(`document.activeElement?.textContent === 'Jetzt speichern'`, 120);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#save-state').textContent(), { timeout: 10_000 })
      .toMatch(/Gespeichert/);
    const focusVisible = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(focusVisible).not.toBe('none');
    await check(page, '11-plan-header');

    const full = sample('integration-plan', 'valid-full') as Record<string, unknown> & { goals: unknown[] };
    const goal = full.goals[0] as Record<string, unknown>;
    const goals = Array.from({ length: 50 }, (_, i) => ({
      ...goal,
      id: undefined,
      title: `Ziel ${i + 1}: ${goal.title}`,
    }));
    await putData(page, planId, {
      ...full,
      header: { ...(full.header as object), caseId: 'KT-2026-0042' },
      goals: goals.map(({ id: _id, ...g }) => g),
    });
    await page.reload();
    await page.getByRole('button', { name: /Ziele/ }).first().click();
    await page.locator('.pakt-array__item').nth(49).waitFor();
    await page
      .locator('.pakt-array__item')
      .first()
      .getByRole('button', { name: /Bearbeiten/ })
      .click();
    const title = page.locator('#root_goals_0_title');
    await title.waitFor();
    // Typing into a form of 50 goals keeps every keystroke (its speed is measured by `npm run bench`,
    // big-form figure, as a ratio: an absolute time here would only measure how busy the machine is).
    const before = await title.inputValue();
    await title.press('End');
    await title.pressSequentially(' – weiter', { delay: 0 });
    expect(await title.inputValue()).toBe(`${before} – weiter`);
    await check(page, '12-plan-goals');
    await page.getByRole('button', { name: 'Einreichen' }).click();
    await page.getByRole('button', { name: 'Verbindlich einreichen' }).click();
    await page.locator('.kern-alert').getByText('Der Vorgang wurde eingereicht.').waitFor();
  });

  it('coordinator agrees the plan; the manager amends it and sees the changes', async () => {
    const coordinator = await signIn('kirchheim.koordination');
    await coordinator.getByRole('heading', { level: 1 }).waitFor();
    await coordinator.locator('.pakt-table').waitFor();
    const firstRow = await coordinator.locator('.pakt-table tbody tr').first().textContent();
    expect(firstRow).toContain('In Prüfung');
    await check(coordinator, '13-coordinator-plans');
    await coordinator.goto(`${platform.url}/#/vorgang/${planId}`);
    await coordinator.getByRole('button', { name: 'Vereinbaren' }).click();
    await coordinator.locator('.kern-alert').getByText('Der Plan wurde vereinbart.').waitFor();
    await expect(coordinator.locator('.pakt-meta .pakt-status').textContent()).resolves.toContain(
      'Vereinbart',
    );
    await check(coordinator, '14-plan-agreed');

    const manager = await signIn('kirchheim.im1');
    await manager.goto(`${platform.url}/#/vorgang/${planId}`);
    await manager.getByRole('button', { name: 'Fortschreiben' }).click();
    await manager.locator('#root_header_caseId').waitFor();
    await manager
      .getByRole('button', { name: /Kopfdaten/ })
      .first()
      .click();
    const next = manager.locator('#root_header_nextReviewDate');
    await next.fill('2026-12-31');
    await expect
      .poll(() => manager.locator('#save-state').textContent(), { timeout: 10_000 })
      .toMatch(/Gespeichert/);
    await manager.reload();
    await manager.getByRole('heading', { name: /Änderungen seit Revision/ }).waitFor();
    await check(manager, '15-plan-amend');

    await manager.goto(`${platform.url}/#/vorgang/${planId}/druck`);
    await manager.getByRole('button', { name: 'Drucken' }).waitFor();
    await check(manager, '16-plan-print');

    await manager.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => manager.evaluate(() => document.documentElement.lang)).toBe('en');
    await manager.goto(`${platform.url}/#/barrierefreiheit`);
    await manager.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor();
    await check(manager, '17-accessibility-en');
  });

  it('caused no CSP violation and no console error', () => {
    expect(problems.csp).toEqual([]);
    expect(problems.console).toEqual([]);
  });
});
