import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startHostPage, type HostPage } from '../support/host-page';
import { startApp, type RunningApp } from '../support/server';

const appUrl = inject('appUrl');
const SHOTS = path.join(import.meta.dirname, '../../.data/screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const DATA = { 'data-title': 'Ask the clinic', 'data-accent': '#aa3355', 'data-starters': 'What is MK-7?|Which foods contain magnesium?' };

let browser: Browser;
let host: HostPage;
let other: HostPage;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, host, other] = await Promise.all([launchBrowser(), startHostPage(), startHostPage()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), other?.stop()]);
});

async function newPage(viewport = DESKTOP, extra: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, ...extra });
  return { context, page: await context.newPage() };
}

/** Milliseconds from navigation start until the launcher is rendered and visible (read in the page). */
async function launcherVisibleAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const b = document.querySelector('k2-assistant')?.shadowRoot?.querySelector('[data-testid="chat-launcher"]');
      const r = b?.getBoundingClientRect();
      return r && r.width > 0 && r.height > 0 ? performance.now() : false;
    },
    null,
    { polling: 'raf', timeout: 15_000 },
  );
  return Math.round((await handle.jsonValue()) as number);
}

const launcherStyle = (page: Page) =>
  page.evaluate(() => {
    const b = document.querySelector('k2-assistant')!.shadowRoot!.querySelector('[data-testid="chat-launcher"]')!;
    const s = getComputedStyle(b);
    const svg = getComputedStyle(b.querySelector('svg')!);
    return {
      display: s.display, visibility: s.visibility, position: s.position, width: s.width, height: s.height, borderRadius: s.borderRadius,
      background: s.backgroundColor, color: s.color, letterSpacing: s.letterSpacing, svgStroke: svg.stroke, svgFill: svg.fill,
    };
  });

const events = (page: Page) => page.evaluate(() => (window as unknown as { __widgetEvents: { type: string; detail: unknown }[] }).__widgetEvents);

describe('the embeddable widget on a hostile page from another origin', () => {
  it('shows a launcher styled as designed, untouched by the host CSS, reachable by keyboard', async () => {
    const { context, page } = await newPage();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(host.widgetUrl(appUrl, DATA));
      times.push(await launcherVisibleAt(page));
    }
    const load = await page.evaluate(() => Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd));
    const warm = times.slice(1).sort((a, b) => a - b);
    console.log(`[widget] launcher visible ${times[0]} ms after navigation start (first load, cold); median of ${warm.length} reloads ${warm[warm.length >> 1]} ms; host load event at ${load} ms`);

    expect(await launcherStyle(page)).toEqual({
      display: 'flex', visibility: 'visible', position: 'fixed', width: '56px', height: '56px', borderRadius: '50%',
      background: 'rgb(170, 51, 85)', color: 'rgb(255, 255, 255)', letterSpacing: 'normal', svgStroke: 'rgb(255, 255, 255)', svgFill: 'none',
    });
    const launcher = page.getByTestId('chat-launcher');
    const box = (await launcher.boundingBox())!;
    expect(DESKTOP.width - (box.x + box.width)).toBe(20);
    expect(DESKTOP.height - (box.y + box.height)).toBe(20);
    expect(await launcher.getAttribute('aria-label')).toBe('Open chat: Ask the clinic');
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    // The host page keeps its own (hostile) styles: ours never reach it.
    expect(await page.evaluate(() => [document.styleSheets.length, getComputedStyle(document.getElementById('host-text')!).color])).toEqual([1, 'rgb(255, 0, 0)']);
    await page.screenshot({ path: path.join(SHOTS, 'widget-desktop-closed.png') });

    // Keyboard: Tab reaches the launcher, Enter opens the panel.
    let focused = false;
    for (let i = 0; i < 10 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.tagName === 'K2-ASSISTANT');
    }
    expect(focused).toBe(true);
    await page.keyboard.press('Enter');
    const input = page.frameLocator('iframe[title="Ask the clinic chat"]').getByTestId('chat-input');
    await input.waitFor({ timeout: 15_000 });
    // Focus moves into the chat's input, so a keyboard user can type straight away.
    await expect.poll(() => input.evaluate((el) => el === document.activeElement && document.hasFocus())).toBe(true);
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: path.join(SHOTS, 'widget-desktop-open-empty.png') });
    await context.close();
  });

  it('answers in the frame with absolute citation links that open the source in a new tab; Escape closes', async () => {
    const { context, page } = await newPage();
    await page.goto(host.widgetUrl(appUrl, DATA));
    await page.getByTestId('chat-launcher').click();
    const frame = page.frameLocator('iframe[title="Ask the clinic chat"]');
    const input = frame.getByTestId('chat-input');
    await input.waitFor({ timeout: 15_000 });
    expect(await frame.locator('.embed-disclaimer').isVisible()).toBe(true);
    // The empty state appears once the saved conversation (none here) has been looked up.
    await frame.locator('.examples button').first().waitFor();
    expect(await frame.locator('.examples button').allInnerTexts()).toEqual(['What is MK-7?', 'Which foods contain magnesium?']);
    // Host CSS does not reach into the frame.
    expect(await frame.locator('body').evaluate((b) => getComputedStyle(b).color)).not.toBe('rgb(255, 0, 0)');

    await input.fill('How does warfarin affect calcification?');
    await input.press('Enter');
    const citation = frame.getByTestId('citation').first();
    await citation.waitFor({ state: 'visible', timeout: 15_000 });
    await frame.getByRole('button', { name: 'Regenerate' }).waitFor({ timeout: 15_000 });
    expect((await frame.locator('.message-assistant .answer-markdown').last().innerText()).toLowerCase()).toContain('warfarin');
    await page.screenshot({ path: path.join(SHOTS, 'widget-desktop-open.png') });

    const href = (await citation.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^${appUrl.replace(/[.]/g, '\\.')}/sources/[a-z0-9-]+\\?(passage=[^#]+&)?from=widget#[a-z0-9-]+--\\d+$`));
    expect(await citation.getAttribute('target')).toBe('_blank');
    expect(await citation.getAttribute('rel')).toContain('noopener');
    const [tab] = await Promise.all([context.waitForEvent('page'), citation.click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(href);
    const passageId = decodeURIComponent(new URL(href).hash.slice(1));
    expect(await tab.locator(`[id="${passageId}"]`).isVisible()).toBe(true);
    // The conversation is on the host page, in the other tab: "Back" closes this one, never opens the main app.
    expect(await tab.locator('a[href="/"]', { hasText: 'Back to' }).count()).toBe(0);
    await Promise.all([tab.waitForEvent('close'), tab.getByTestId('back-to-widget').click()]);
    expect(tab.isClosed()).toBe(true);
    // A tab the browser will not let a script close (it has history of its own) says what to do instead.
    const kept = await context.newPage();
    await kept.goto(`${appUrl}/sources`);
    await kept.goto(href);
    await kept.getByTestId('back-to-widget').click();
    expect(await kept.getByRole('status').filter({ hasText: 'Close this tab' }).textContent({ timeout: 5000 })).toContain('return to the chat');
    await kept.close();

    const seen = await events(page);
    expect(seen.map((e) => e.type)).toEqual(['open', 'ready', 'question', 'answer']);
    expect(seen[2].detail).toEqual({ text: 'How does warfarin affect calcification?' });
    expect(seen[3].detail).toMatchObject({ status: 'answered' });

    await input.focus();
    await input.press('Escape');
    await page.waitForFunction(() => (window as unknown as { __widgetEvents: { type: string }[] }).__widgetEvents.some((e) => e.type === 'close'));
    expect(await page.locator('iframe[title="Ask the clinic chat"]').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('K2-ASSISTANT');
    await context.close();
  });

  it('fills a phone screen, keeps the input on screen, and answers questions asked through the JS API', async () => {
    const { context, page } = await newPage(PHONE, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await page.goto(host.widgetUrl(appUrl, DATA));
    await launcherVisibleAt(page);
    await page.screenshot({ path: path.join(SHOTS, 'widget-phone-closed.png') });

    await page.evaluate(() => (window as unknown as { K2Assistant: { ask(t: string): void } }).K2Assistant.ask('Which foods contain magnesium?'));
    const frameEl = page.locator('iframe[title="Ask the clinic chat"]');
    const frame = page.frameLocator('iframe[title="Ask the clinic chat"]');
    await frame.getByTestId('citation').first().waitFor({ state: 'visible', timeout: 15_000 });
    expect(await frame.locator('.message-user').innerText()).toBe('Which foods contain magnesium?');
    const panel = (await page.locator('k2-assistant .panel').boundingBox())!;
    expect(panel).toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    expect(await page.getByTestId('chat-launcher').isVisible()).toBe(false); // the panel's own close button replaces it
    const frameBox = (await frameEl.boundingBox())!;
    const inputBox = (await frame.getByTestId('chat-input').boundingBox())!;
    expect(inputBox.y + inputBox.height).toBeLessThanOrEqual(frameBox.y + frameBox.height);
    expect(await frame.locator('.embed-disclaimer').isVisible()).toBe(true);
    await frame.getByRole('button', { name: 'Regenerate' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SHOTS, 'widget-phone-open.png') });

    // A keyboard opening shrinks the visual viewport (simulated: headless Chromium has no keyboard);
    // the panel follows it, so the input stays above the keyboard.
    await page.evaluate(() => {
      const vv = window.visualViewport!;
      Object.defineProperty(vv, 'height', { get: () => 480 });
      vv.dispatchEvent(new Event('resize'));
    });
    await expect.poll(async () => (await page.locator('k2-assistant .panel').boundingBox())!.height).toBe(480);
    const shrunk = (await frame.getByTestId('chat-input').boundingBox())!;
    expect(shrunk.y + shrunk.height).toBeLessThanOrEqual(480);
    expect(shrunk.y).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Close chat' }).click();
    expect(await frameEl.isVisible()).toBe(false);
    expect(await page.getByTestId('chat-launcher').isVisible()).toBe(true);
    await context.close();
  });
});

describe('/widget-demo', () => {
  it('shows the snippet to copy and runs the widget under our own strict CSP, driven by its JS API', async () => {
    const { context, page } = await newPage();
    await page.goto(`${appUrl}/widget-demo`);
    expect(await page.locator('pre.snippet').first().innerText()).toContain(`<script src="${appUrl}/widget.js" async`);
    await launcherVisibleAt(page);
    await page.getByRole('button', { name: /^Ask “Which foods contain magnesium\?”/ }).click();
    const frame = page.frameLocator('iframe[title="Ask about vitamin K2 chat"]');
    await frame.getByTestId('citation').first().waitFor({ state: 'visible', timeout: 15_000 });
    expect(await frame.getByTestId('citation').first().getAttribute('href')).toMatch(new RegExp(`^${appUrl.replace(/[.]/g, '\\.')}/sources/`));
    await expect.poll(() => page.locator('pre.snippet').last().innerText(), { timeout: 15_000 }).toContain('k2-assistant:answer');
    await page.screenshot({ path: path.join(SHOTS, 'widget-demo.png'), fullPage: true });
    await context.close();
  });
});

describe('EMBED_ALLOWED_ORIGINS', () => {
  let restricted: RunningApp;
  beforeAll(async () => {
    restricted = await startApp({ EMBED_ALLOWED_ORIGINS: host.origin });
  });
  afterAll(async () => {
    await restricted?.stop();
  });

  it('lets a listed origin embed the widget and frame /embed', async () => {
    const { context, page } = await newPage();
    await page.goto(host.widgetUrl(restricted.url));
    await page.getByTestId('chat-launcher').click();
    await page.frameLocator('iframe[title="K2 Health Assistant chat"]').getByTestId('chat-input').waitFor({ timeout: 15_000 });
    await page.goto(host.frameUrl(restricted.url));
    expect(await page.frameLocator('#direct').getByTestId('chat-input').count()).toBe(1);
    await context.close();
  });

  it('refuses any other origin: the loader does not start and the browser refuses the frame', async () => {
    const { context, page } = await newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(other.widgetUrl(restricted.url));
    await page.waitForFunction(() => document.readyState === 'complete');
    await expect.poll(() => consoleErrors.join('\n')).toContain(`Not started: ${other.origin} is not allowed to embed this assistant`);
    expect(await page.locator('k2-assistant').count()).toBe(0);

    const embed = page.waitForResponse((r) => r.url().startsWith(`${restricted.url}/embed`));
    await page.goto(other.frameUrl(restricted.url));
    const csp = (await embed).headers()['content-security-policy'];
    expect(csp).toContain(`frame-ancestors 'self' ${host.origin}`);
    await page.waitForFunction(() => document.readyState === 'complete');
    expect(await page.frameLocator('#direct').getByTestId('chat-input').count()).toBe(0);
    await expect.poll(() => consoleErrors.join('\n')).toMatch(/frame-ancestors/);
    await context.close();
  });
});
