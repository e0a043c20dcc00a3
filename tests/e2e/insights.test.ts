import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startHostPage, type HostPage } from '../support/host-page';
import { startPostgres, type RunningPostgres } from '../support/postgres';
import { startApp, type RunningApp } from '../support/server';

/**
 * Issue 15 as people see it: a visitor votes on answers in the chat and in the widget, and the site
 * owner signs in on /insights and sees the thumbs-down with its reason and a declined question whose
 * hostile markup stays text. The app keeps its log in a PostgreSQL of this file's own (the SQLite
 * file is fixed at .data/insights.db, shared with every other run), so what /insights shows is only
 * what this file did.
 */
const SHOTS = path.resolve('.data/screenshots');
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const ADMIN_TOKEN = 'insights-e2e-token-5f2c9a71';
const WIDGET = { 'data-title': 'Ask the clinic' };
const COMMENT = 'It skipped the dose I asked about.';
const HOSTILE_DECLINE = '<img src=x onerror="window.__hostile=1"> How do I repair the carburettor of a motorbike?';

let pg: RunningPostgres;
let app: RunningApp;
let host: HostPage;
let browser: Browser;
/** The answerIds voted on, as the browser sent them. */
const voted: { down?: string; up?: string } = {};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [pg, host, browser] = await Promise.all([startPostgres(), startHostPage(), launchBrowser()]);
  app = await startApp({ RATE_LIMIT_PER_MINUTE: '0', ADMIN_TOKEN, INSIGHTS: 'on', DATABASE_URL: pg.url });
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), app?.stop()]);
  await pg?.stop();
});

async function ask(page: Page | Frame | FrameLocator, question: string) {
  const input = page.getByTestId('chat-input');
  await input.fill(question);
  await input.press('Enter');
}

/** Waits for the next `POST /api/feedback` and returns what it sent and how it was answered. */
async function nextVote(page: Page, action: () => Promise<void>) {
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/feedback') && r.request().method() === 'POST'), action()]);
  return { sent: response.request().postDataJSON() as { answerId: string; rating: string; reason?: string; comment?: string }, status: response.status() };
}

async function openChat(options: Parameters<Browser['newContext']>[0]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(app.url);
  await page.locator('.empty-state').waitFor();
  return { context, page };
}

describe('feedback on answers, and what the site owner sees of it', () => {
  it('a visitor votes down by keyboard in the chat with a reason and a comment, changes the vote, and sees it after a reload', async () => {
    const { context, page } = await openChat(DESKTOP);
    await ask(page, 'What is MK-7?');
    const answer = page.locator('.message-assistant').first();
    const down = answer.getByRole('button', { name: 'Not helpful' });
    const up = answer.getByRole('button', { name: 'Helpful', exact: true });
    await down.waitFor({ timeout: 20_000 });
    expect(await answer.getByRole('group', { name: 'Rate this answer' }).isVisible()).toBe(true);
    expect([await up.getAttribute('aria-pressed'), await down.getAttribute('aria-pressed')]).toEqual(['false', 'false']);

    // Up first, then changed to down: both by keyboard.
    await up.focus();
    let vote = await nextVote(page, () => page.keyboard.press('Enter'));
    expect(vote.sent).toMatchObject({ rating: 'up' });
    expect(vote.status).toBe(200);
    await answer.getByText('Thanks — your feedback was sent.').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Not helpful');
    vote = await nextVote(page, () => page.keyboard.press('Space'));
    expect(vote.sent).toEqual({ answerId: vote.sent.answerId, rating: 'down' });
    expect(vote.status).toBe(200);
    expect([await up.getAttribute('aria-pressed'), await down.getAttribute('aria-pressed')]).toEqual(['false', 'true']);

    // The optional reason and comment, sent with "Send feedback".
    const form = answer.getByRole('form', { name: 'What was wrong with this answer' });
    await form.getByRole('radio', { name: 'Not what I asked' }).check();
    const comment = form.getByRole('textbox', { name: 'Anything else? (optional)' });
    await comment.fill(COMMENT);
    expect(await form.locator('.feedback-count').innerText()).toBe(`${COMMENT.length} / 500`);
    expect(await comment.getAttribute('maxlength')).toBe('500');
    await page.screenshot({ path: path.join(SHOTS, 'feedback-desktop.png') });
    vote = await nextVote(page, () => form.getByRole('button', { name: 'Send feedback' }).click());
    expect(vote.sent).toEqual({ answerId: vote.sent.answerId, rating: 'down', reason: 'not-what-i-asked', comment: COMMENT });
    expect(vote.status).toBe(200);
    await answer.getByText('Thanks — your feedback was sent.').waitFor();
    expect(await form.count()).toBe(0);
    voted.down = vote.sent.answerId;

    await page.reload();
    const again = page.locator('.message-assistant').first();
    await again.getByRole('button', { name: 'Not helpful' }).waitFor();
    expect(await again.getByRole('button', { name: 'Not helpful' }).getAttribute('aria-pressed')).toBe('true');
    expect(await again.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed')).toBe('false');
    await context.close();
  });

  it('says in words when a vote cannot be sent, and Try again sends it', async () => {
    const { context, page } = await openChat(DESKTOP);
    await ask(page, 'Which foods contain magnesium?');
    const answer = page.locator('.message-assistant').first();
    await answer.getByRole('button', { name: 'Not helpful' }).waitFor({ timeout: 20_000 });
    await page.route('**/api/feedback', (route) => route.abort('internetdisconnected'));
    await answer.getByRole('button', { name: 'Helpful', exact: true }).click();
    const alert = answer.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain("Couldn't reach the server. Check your internet connection, then try again.");
    await page.unroute('**/api/feedback');
    const vote = await nextVote(page, () => alert.getByRole('button', { name: 'Try again' }).click());
    expect(vote.status).toBe(200);
    await answer.getByText('Thanks — your feedback was sent.').waitFor();
    expect(await answer.getByRole('alert').count()).toBe(0);
    await context.close();
  });

  it('a visitor votes up in the widget on a host page from another origin', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(host.widgetUrl(app.url, WIDGET));
    await page.getByTestId('chat-launcher').click();
    const frame = page.frameLocator('iframe[title="Ask the clinic chat"]');
    await frame.getByTestId('chat-input').waitFor({ timeout: 15_000 });
    await ask(frame, 'What foods contain vitamin K2?');
    const up = frame.getByRole('button', { name: 'Helpful', exact: true });
    await up.waitFor({ timeout: 20_000 });
    const vote = await nextVote(page, () => up.click());
    expect(vote.sent).toEqual({ answerId: vote.sent.answerId, rating: 'up' });
    expect(vote.status).toBe(200);
    expect(await up.getAttribute('aria-pressed')).toBe('true');
    await frame.getByText('Thanks — your feedback was sent.').waitFor();
    voted.up = vote.sent.answerId;
    await context.close();
  });

  it('fits a phone screen, with the reason form open', async () => {
    const { context, page } = await openChat(PHONE);
    await ask(page, 'What is MK-7?');
    const down = page.getByRole('button', { name: 'Not helpful' });
    await down.waitFor({ timeout: 20_000 });
    await down.tap();
    const form = page.getByRole('form', { name: 'What was wrong with this answer' });
    await form.waitFor();
    await form.getByRole('radio', { name: 'Unclear' }).check();
    await form.getByRole('button', { name: 'Send feedback' }).scrollIntoViewIfNeeded();
    const [send, radio] = await Promise.all([form.getByRole('button', { name: 'Send feedback' }).boundingBox(), form.getByRole('radio', { name: 'Unclear' }).boundingBox()]);
    expect(send!.x + send!.width).toBeLessThanOrEqual(PHONE.viewport.width);
    expect(radio!.x).toBeGreaterThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);
    await page.screenshot({ path: path.join(SHOTS, 'feedback-phone.png') });
    await context.close();
  });

  it('the site owner signs in on /insights and sees the thumbs-down with its reason and the declined hostile question as inert text', async () => {
    expect(voted.down && voted.up).toBeTruthy();
    // A declined question whose text is markup. No CSP here, so that only the rendering keeps it inert.
    const visitor = await browser.newContext({ ...DESKTOP, bypassCSP: true });
    const vpage = await visitor.newPage();
    await vpage.goto(app.url);
    await vpage.locator('.empty-state').waitFor();
    await ask(vpage, HOSTILE_DECLINE);
    await vpage.locator('.message-assistant.status-not-covered[aria-busy="false"]').waitFor({ timeout: 20_000 });
    // A decline can be voted on too; not this time.
    await vpage.locator('.message-assistant').getByRole('button', { name: 'Not helpful' }).waitFor();
    await visitor.close();

    const context = await browser.newContext({ ...DESKTOP, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${app.url}/insights`);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Thumbs down' }).waitFor();
    expect(page.url()).toBe(`${app.url}/insights`);

    // The desktop vote with its reason and comment (the phone test's thumbs down is there too, without).
    const negative = page.locator('.insights-negative > li').filter({ hasText: COMMENT });
    expect(await negative.count()).toBe(1);
    const item = await negative.innerText();
    expect(item).toContain('Not what I asked');
    expect(item).toContain('Question: What is MK-7?');
    expect(item).toContain(COMMENT);

    const declined = page.locator('section[aria-labelledby="declined"] td.logged-text');
    expect(await declined.allInnerTexts()).toContain(HOSTILE_DECLINE);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"], [onerror]').length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __hostile?: unknown }).__hostile)).toBeUndefined();
    await page.screenshot({ path: path.join(SHOTS, 'insights-desktop.png'), fullPage: true });

    // Both votes are in the log: the widget's thumbs up too (the CSV export, with the owner's session).
    const csv = await (await page.request.get(`${app.url}/api/insights/export`)).text();
    // A row runs from its answerId to the next row's (answers may hold line breaks inside quotes).
    const row = (id: string) => csv.slice(csv.indexOf(id)).split(/\r\n(?=[0-9a-f]{8}-)/)[0].trim();
    expect(row(voted.up!)).toMatch(/,up,,,\d{4}-\d\d-\d\dT[^,]+$/);
    expect(row(voted.down!)).toContain(`,down,not-what-i-asked,${COMMENT},`);
    await context.close();
  });
});
