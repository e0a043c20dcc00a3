import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_QUESTION_CHARS } from '@/lib/answer/input-schema';
import type { ChatMessage } from '@/lib/answer/ui-message';
import { launchBrowser } from '../support/browser';
import { startHostPage, type HostPage } from '../support/host-page';
import { startApp, type RunningApp } from '../support/server';

/**
 * The chat as people use it (issue 13): what is typed before the chat is ready, the newest message
 * in view above the input, Stop, declines, errors, the disclaimer and the input on phones — each at
 * desktop and phone size.
 */
const appUrl = inject('appUrl');
const SHOTS = path.resolve('.data/screenshots');
const SIZES = [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
] as const;

let browser: Browser;
let host: HostPage;
/** The app with a slower offline model, so a reply is still streaming when the test looks or stops it. */
let slow: RunningApp;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, host, slow] = await Promise.all([launchBrowser(), startHostPage(), startApp({ RATE_LIMIT_PER_MINUTE: '0', EXTRACTIVE_STREAM_DELAY_MS: '70' })]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), slow?.stop()]);
});

type Size = (typeof SIZES)[number];

async function open(size: Size, url = appUrl): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(size[1]);
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.empty-state').waitFor();
  return { context, page };
}

async function ask(page: Page | Frame, question: string) {
  const input = page.getByTestId('chat-input');
  await input.fill(question);
  await input.press('Enter');
}

/** Waits until `count` replies are complete (nothing streaming, the Stop button gone). */
const settled = (page: Page, count: number) =>
  page.waitForFunction((n) => document.querySelectorAll('.message-assistant[aria-busy="false"]').length >= n && !document.querySelector('.composer .stop'), count, { timeout: 20_000 });

const box = async (locator: Locator) => (await locator.boundingBox())!;

/** The element is on screen between the top of the conversation and the top edge of the input area. */
async function expectAboveInput(page: Page, locator: Locator) {
  const [item, list, bottom] = await Promise.all([box(locator), box(page.locator('.messages')), box(page.locator('.chat-bottom'))]);
  expect(item.y + item.height).toBeLessThanOrEqual(bottom.y + 1);
  expect(item.y + item.height).toBeGreaterThan(list.y);
}

/** A long saved conversation, so the newest message starts below the fold unless the chat scrolls. */
function seedConversation(turns = 5): ChatMessage[] {
  const long = 'Vitamin K2 activates matrix Gla protein, which keeps calcium out of the arteries. '.repeat(6).trim();
  return Array.from({ length: turns }, (_, i): ChatMessage[] => [
    { id: `u${i}`, role: 'user', parts: [{ type: 'text', text: `Earlier question ${i + 1}?` }] },
    { id: `a${i}`, role: 'assistant', parts: [{ type: 'text', text: long }], metadata: { status: 'answered', disclaimer: 'Not medical advice.', model: 'test', citations: [] } },
  ]).flat();
}

async function openWithConversation(size: Size, url: string) {
  const { context, page } = await open(size, url);
  await page.evaluate((m) => localStorage.setItem('k2-chat', m), JSON.stringify(seedConversation()));
  await page.reload();
  await page.locator('.message-assistant').nth(4).waitFor();
  return { context, page };
}

/** Holds back the app's JavaScript, so the page is shown (and typed into) before the chat is ready. */
const holdScripts = (context: BrowserContext, ms = 1500) =>
  context.route('**/_next/static/**/*.js', async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });

describe.each(SIZES)('issue 13 at %s size', (name, options) => {
  const size: Size = [name, options] as Size;

  it('1. keeps a question typed before the chat is ready and sends it once it is (main page)', async () => {
    const context = await browser.newContext(options);
    await holdScripts(context);
    const page = await context.newPage();
    await page.goto(appUrl, { waitUntil: 'commit' });
    const input = page.getByTestId('chat-input');
    await input.waitFor();
    await input.click();
    await page.keyboard.type('What is MK-7?');
    expect(await page.locator('.empty-state').count()).toBe(0); // the chat is not ready yet
    await page.keyboard.press('Enter');
    await page.locator('.message-user').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.message-user').allInnerTexts()).toEqual(['What is MK-7?']);
    await page.getByTestId('citation').first().waitFor({ timeout: 15_000 });
    expect(await input.inputValue()).toBe('');

    // Typed without Enter: the text is still in the box once the chat is ready.
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.reload({ waitUntil: 'commit' });
    await input.waitFor();
    await input.click();
    await page.keyboard.type('Which foods contain magnesium');
    await page.locator('.empty-state').waitFor({ timeout: 15_000 });
    await expect.poll(() => input.inputValue()).toBe('Which foods contain magnesium');
    expect(await page.locator('.message-user').count()).toBe(0);
    await context.close();
  });

  it('1. keeps a question typed the moment the widget opens and sends it once the chat is ready', async () => {
    const context = await browser.newContext(options);
    await holdScripts(context);
    const page = await context.newPage();
    await page.goto(host.widgetUrl(appUrl, { 'data-title': 'Ask the clinic' }));
    await page.getByTestId('chat-launcher').click();
    const frame = page.frameLocator('iframe[title="Ask the clinic chat"]');
    const input = frame.getByTestId('chat-input');
    await input.waitFor({ timeout: 15_000 });
    await input.click();
    await page.keyboard.type('Which foods contain magnesium?');
    expect(await frame.locator('.empty-state').count()).toBe(0);
    await page.keyboard.press('Enter');
    await frame.getByTestId('citation').first().waitFor({ timeout: 20_000 });
    expect(await frame.locator('.message-user').allInnerTexts()).toEqual(['Which foods contain magnesium?']);
    const events = await page.evaluate(() => (window as unknown as { __widgetEvents: { type: string; detail: unknown }[] }).__widgetEvents);
    expect(events.find((e) => e.type === 'question')?.detail).toEqual({ text: 'Which foods contain magnesium?' });
    await context.close();
  });

  it('2. keeps the status line, the streaming answer and the header in view above the input, unless the reader scrolls up', async () => {
    const { context, page } = await openWithConversation(size, slow.url);
    // Hold the request a moment so "Finding the relevant passages…" can be seen.
    await page.route('**/api/chat', async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    await ask(page, 'What does vitamin K2 do?');
    const status = page.locator('.messages .typing').last();
    await status.waitFor();
    await expectAboveInput(page, status);

    const streaming = page.locator('.message-assistant[aria-busy="true"]');
    await page.waitForFunction(() => (document.querySelector('.message-assistant[aria-busy="true"] .answer-markdown')?.textContent?.length ?? 0) > 40, null, { timeout: 15_000 });
    await expectAboveInput(page, streaming);
    await page.waitForTimeout(500);
    await expectAboveInput(page, streaming);
    if (name === 'phone') await page.screenshot({ path: path.join(SHOTS, 'issue13-streaming-phone.png') });
    else await page.screenshot({ path: path.join(SHOTS, 'issue13-streaming-desktop.png') });
    // The header and "New chat" stay at the top in a long conversation.
    expect((await box(page.locator('.app-header'))).y).toBe(0);
    expect((await box(page.getByRole('button', { name: 'New chat' }))).y).toBeLessThan(120);

    // The reader scrolls up: the chat stops following the stream.
    await page.locator('.messages').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(600);
    expect(await page.locator('.messages').evaluate((el) => el.scrollTop)).toBeLessThan(50);
    await settled(page, 6);
    // Regenerate, under the newest answer, is in view once it is complete (scrolling back down follows again).
    await page.locator('.messages').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expectAboveInput(page, page.getByRole('button', { name: 'Regenerate' }));
    await context.close();
  });

  it('2 and 6. shows a failed request in words with Try again above the input, and Try again answers', async () => {
    const { context, page } = await openWithConversation(size, appUrl);
    await page.route('**/api/chat', (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' }));
    await ask(page, 'What is MK-7?');
    const alert = page.getByTestId('chat-error');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).not.toContain('Internal Server Error');
    expect(text).toMatch(/something went wrong on our side/i);
    const retry = alert.getByRole('button', { name: 'Try again' });
    await expectAboveInput(page, retry);
    await page.screenshot({ path: path.join(SHOTS, `issue13-error-${name}.png`) });

    await page.unroute('**/api/chat');
    await retry.click();
    await page.getByTestId('citation').first().waitFor({ timeout: 15_000 });
    expect(await alert.count()).toBe(0);
    expect(await page.locator('.message-user').last().innerText()).toBe('What is MK-7?');
    await settled(page, 6);
    await expectAboveInput(page, page.getByRole('button', { name: 'Regenerate' }));
    await context.close();
  });

  it('6. says the assistant could not be reached when the network fails, and passes on the API\'s own message (429)', async () => {
    const { context, page } = await open(size);
    await page.route('**/api/chat', (route) => route.abort('internetdisconnected'));
    await ask(page, 'What is MK-7?');
    const alert = page.getByTestId('chat-error');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/couldn't reach the assistant.*try again/is);
    expect(await alert.innerText()).not.toMatch(/failed to fetch/i);

    await page.unroute('**/api/chat');
    const limited = { error: { code: 'rate_limited', message: 'Too many questions from this address. Wait a minute and try again.' } };
    await page.route('**/api/chat', (route) => route.fulfill({ status: 429, json: limited }));
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => alert.innerText()).toContain('Too many questions from this address. Wait a minute and try again.');
    await context.close();
  });

  it('6. shows an answer stream that fails before any text as the error alone, with no empty answer left "finding passages"', async () => {
    const { context, page } = await open(size);
    const failing = 'data: {"type":"error","errorText":"Something went wrong while answering. Please try again."}\n\ndata: [DONE]\n\n';
    await page.route('**/api/chat', (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' }, body: failing }));
    await ask(page, 'What is MK-7?');
    const alert = page.getByTestId('chat-error');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Something went wrong while answering. Please try again.');
    expect(await page.locator('.message-assistant').count()).toBe(0);
    expect(await page.locator('.typing').count()).toBe(0);
    await context.close();
  });

  it('4. Stop keeps what was shown, labelled as stopped, with working citations and Regenerate, and no Copy', async () => {
    const { context, page } = await open(size, slow.url);
    await ask(page, 'How does warfarin affect calcification?');
    // Stop once a marker has streamed in.
    await page.waitForFunction(() => /\[\d+\]/.test(document.querySelector('.message-assistant[aria-busy="true"] .answer-markdown')?.textContent ?? ''), null, { timeout: 15_000 });
    await page.getByRole('button', { name: 'Stop' }).click();
    const answer = page.locator('.message-assistant').last();
    await answer.getByTestId('stopped-note').waitFor();
    const shown = await answer.locator('.answer-markdown').innerText();
    // The markers shown become working links to their passages, with a Sources list.
    await page.waitForFunction(() => !document.querySelector('.citation-pending') && document.querySelectorAll('.message-assistant .sources li').length > 0, null, { timeout: 15_000 });
    const markers = answer.getByTestId('citation');
    expect(await markers.count()).toBeGreaterThan(0);
    for (const href of await markers.evaluateAll((els) => els.map((e) => e.getAttribute('href')))) expect(href).toMatch(/^\/sources\/[a-z0-9-]+/);
    await page.waitForTimeout(800);
    expect(await answer.locator('.answer-markdown').innerText()).toBe(shown); // nothing more arrived
    expect(await answer.getByRole('button', { name: 'Copy answer' }).count()).toBe(0);
    await expectAboveInput(page, page.getByRole('button', { name: 'Regenerate' }));
    await page.screenshot({ path: path.join(SHOTS, `issue13-stopped-${name}.png`) });

    // The preview of a marker of the stopped answer shows its passage.
    await markers.first().focus();
    await page.getByTestId('citation-preview').waitFor();
    await page.keyboard.press('Escape');

    // Still stopped after a reload; Regenerate gives the whole answer.
    await page.reload();
    await page.getByTestId('stopped-note').waitFor();
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await page.getByRole('button', { name: 'Copy answer' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('stopped-note').count()).toBe(0);
    const full = await page.locator('.message-assistant .answer-markdown').last().innerText();
    expect(full.length).toBeGreaterThan(shown.length);
    expect(full.startsWith(shown.slice(0, 40))).toBe(true);
    await context.close();
  });

  it('5. offers a decline\'s suggested questions as buttons that ask them, with no Regenerate under declines or emergencies', async () => {
    const { context, page } = await open(size);
    await ask(page, 'How do mRNA vaccines work?');
    await settled(page, 1);
    const declined = page.locator('.message-assistant').last();
    expect(await declined.getAttribute('class')).toContain('status-not-covered');
    const suggestions = declined.locator('.suggestions button');
    expect(await suggestions.count()).toBeGreaterThanOrEqual(2);
    const first = await suggestions.first().innerText();
    expect(first).toMatch(/\?$/);
    expect(await declined.locator('.answer-markdown li').count()).toBe(0); // not also shown as plain bullets
    expect(await page.getByRole('button', { name: 'Regenerate' }).count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, `issue13-decline-${name}.png`) });

    await suggestions.first().click();
    await settled(page, 2);
    expect(await page.locator('.message-user').last().innerText()).toBe(first);
    expect(await page.locator('.message-assistant').last().getByTestId('citation').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Regenerate' }).waitFor();

    await ask(page, 'I have crushing chest pain and my left arm is numb, should I take vitamin K2?');
    await settled(page, 3);
    expect(await page.locator('.message-assistant').last().getAttribute('class')).toContain('status-emergency');
    expect(await page.getByRole('button', { name: 'Regenerate' }).count()).toBe(0);
    await context.close();
  });

  it('7 and 11. shows one disclaimer line by the input, before and after questions, and says where the chat is saved', async () => {
    const { context, page } = await open(size);
    const disclaimer = page.getByTestId('disclaimer');
    expect(await disclaimer.count()).toBe(1);
    const [line, input] = await Promise.all([box(disclaimer), box(page.getByTestId('chat-input'))]);
    expect(line.y).toBeGreaterThanOrEqual(input.y + input.height);
    expect(line.y - (input.y + input.height)).toBeLessThan(40);
    expect(line.y + line.height).toBeLessThanOrEqual(options.viewport.height);
    expect(await page.locator('.saved-note').count()).toBe(0);

    await ask(page, 'What is MK-7?');
    await settled(page, 1);
    await ask(page, 'Which foods contain magnesium?');
    await settled(page, 2);
    expect(await disclaimer.count()).toBe(1);
    expect(await disclaimer.isVisible()).toBe(true);
    const note = page.locator('.saved-note');
    expect(await note.innerText()).toMatch(/saved in this browser only/i);
    const [noteBox, newChat] = await Promise.all([box(note), box(page.getByRole('button', { name: 'New chat' }))]);
    expect(Math.abs(noteBox.y + noteBox.height / 2 - (newChat.y + newChat.height / 2))).toBeLessThan(12); // on the same line
    await context.close();
  });

  it('8. grows the input with its text, counts near the limit, keeps over-long pasted text and shows keyboard hints only with a keyboard', async () => {
    const { context, page } = await open(size);
    const input = page.getByTestId('chat-input');
    const placeholder = (await input.getAttribute('placeholder')) ?? '';
    expect(placeholder).not.toMatch(/enter|shift/i);
    const hint = page.locator('.composer-hint');
    expect(await hint.isVisible()).toBe(name === 'desktop');
    const placeholderFits = await input.evaluate((el: HTMLTextAreaElement) => {
      const probe = document.createElement('span');
      probe.style.font = getComputedStyle(el).font;
      probe.textContent = el.placeholder;
      document.body.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      const s = getComputedStyle(el);
      return width <= el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    });
    expect(placeholderFits).toBe(true);

    const empty = await box(input);
    await input.click();
    await page.keyboard.insertText('Line one of a longer question about vitamin K2 and calcium\nline two\nline three\nline four');
    const grown = await box(input);
    expect(grown.height).toBeGreaterThan(empty.height + 30);
    expect(grown.height).toBeLessThanOrEqual(options.viewport.height * 0.3 + 2);
    expect(grown.y + grown.height).toBeLessThanOrEqual(options.viewport.height);
    expect(await page.getByTestId('chat-input-count').innerText()).toBe('');

    // Pasting more than the limit keeps all of it, says so, and does not send until shortened.
    await input.fill('');
    const long = 'Does vitamin K2 help? '.repeat(100).slice(0, MAX_QUESTION_CHARS + 100);
    await page.keyboard.insertText(long);
    expect((await input.inputValue()).length).toBe(MAX_QUESTION_CHARS + 100);
    const count = page.getByTestId('chat-input-count');
    expect(await count.innerText()).toMatch(/2,10\d \/ 2,000 — 10\d too many/);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await input.press('Enter');
    await page.waitForTimeout(300);
    expect(await page.locator('.message-user').count()).toBe(0);
    const inputBox = await box(input);
    expect(inputBox.y + inputBox.height).toBeLessThanOrEqual(options.viewport.height);

    await input.fill(long.slice(0, MAX_QUESTION_CHARS - 150));
    expect(await count.innerText()).toMatch(/^1,8\d\d \/ 2,000$/);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(false);
    await input.fill('What is MK-7?');
    expect(await count.innerText()).toBe('');
    await context.close();
  });
});

describe('issue 13 on a phone: citations and the 404 page', () => {
  it('9. gives citation markers a hit target of at least 24×24 px', async () => {
    const { context, page } = await open(SIZES[1]);
    await ask(page, 'What does vitamin K2 do?');
    await settled(page, 1);
    const sizes = await page.getByTestId('citation').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.width, r.height]));
    expect(sizes.length).toBeGreaterThan(0);
    for (const [w, h] of sizes) {
      expect(w).toBeGreaterThanOrEqual(24);
      expect(h).toBeGreaterThanOrEqual(24);
    }
    await context.close();
  });

  it('9. shows the 404 page with the site header and a way back to the chat', async () => {
    const context = await browser.newContext(SIZES[1][1]);
    const page = await context.newPage();
    const res = await page.goto(`${appUrl}/no-such-page`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('.app-header .brand').isVisible()).toBe(true);
    await page.locator('.app-header').getByRole('link', { name: 'Back to chat' }).click();
    await page.waitForURL(`${appUrl}/`);
    await page.getByTestId('chat-input').waitFor();
    await context.close();
  });
});

describe('New chat', () => {
  it('starts a new conversation: the next question is sent with a new conversation id (regression: the old id was kept)', async () => {
    const { context, page } = await open(SIZES[0]);
    const ids: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/chat') ids.push((request.postDataJSON() as { id: string }).id);
    });
    await ask(page, 'What does vitamin K2 do?');
    await settled(page, 1);
    await ask(page, 'Which foods contain it?');
    await settled(page, 2);
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.locator('.empty-state').waitFor();
    await ask(page, 'Which foods contain magnesium?');
    await settled(page, 1);
    expect(ids).toHaveLength(3);
    expect(ids[1]).toBe(ids[0]); // one conversation, one id
    expect(ids[2]).not.toBe(ids[0]);
    await context.close();
  });
});
