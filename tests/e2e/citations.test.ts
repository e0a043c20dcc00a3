import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Citation } from '@/lib/answer/types';
import type { ChatMessage } from '@/lib/answer/ui-message';
import { launchBrowser } from '../support/browser';

let browser: Browser;
const appUrl = inject('appUrl');
const SHOTS = path.resolve('.data/screenshots');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

async function ask(page: Page, question: string) {
  const answers = await page.locator('.message-assistant').count();
  const input = page.getByTestId('chat-input');
  await input.fill(question);
  await input.press('Enter');
  // Finished: the answer's tools appear once the stream is complete.
  await page.waitForFunction((n) => document.querySelectorAll('.message-assistant .copy-answer').length >= n, answers + 1, { timeout: 20_000 });
}

/** The conversation as the page saved it in localStorage. */
const saved = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('k2-chat') ?? '[]')) as Promise<ChatMessage[]>;

async function inViewport(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.y >= 0 && box.y + Math.min(box.height, 40) <= vp.height;
}

describe('following cited sources', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1100, height: 650 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('previews a marker on hover with the article, section and exact supporting sentence; announces the answer once', async () => {
    await page.goto(appUrl);
    await page.evaluate(() => {
      const w = window as unknown as { __announced: string[] };
      w.__announced = [];
      const region = document.querySelector('[data-testid="answer-announcer"]')!;
      new MutationObserver(() => w.__announced.push(region.textContent ?? '')).observe(region, { subtree: true, childList: true, characterData: true });
    });
    await ask(page, 'What does vitamin K2 do?');
    // The announcement is set once the finished answer has rendered: wait for it, then count.
    await page.waitForFunction(() => !!document.querySelector('[data-testid="answer-announcer"]')?.textContent);
    await page.waitForTimeout(300);

    const announced = await page.evaluate(() => (window as unknown as { __announced: string[] }).__announced.filter(Boolean));
    expect(announced).toHaveLength(1);
    expect(announced[0]).toMatch(/^Answer: /);
    expect(announced[0]).not.toMatch(/\[\d+\]/);
    expect(await page.locator('.messages').getAttribute('aria-live')).toBeNull();
    expect(await page.locator('[role="log"]').count()).toBe(0);

    const [, answer] = await saved(page);
    const citations = answer.metadata!.citations!;
    expect(citations.length).toBeGreaterThan(0);
    const marker = page.getByTestId('citation').first();
    const n = Number((await marker.innerText()).replace(/\D/g, ''));
    const cited = citations.find((c) => c.n === n)!;

    await marker.hover();
    const preview = page.getByTestId('citation-preview');
    await preview.waitFor({ state: 'visible', timeout: 3000 });
    const card = squash(await preview.innerText());
    expect(card).toContain(cited.title);
    expect(card).toContain(cited.section);
    // The first marker's card quotes the sentence supporting its own claim, not every sentence cited from the passage.
    const claim = cited.claims![0];
    expect(claim.quote.length).toBeGreaterThan(20);
    for (const sentence of claim.quote.split(' … ')) expect(card).toContain(squash(sentence));
    for (const other of cited.claims!.slice(1)) if (!claim.quote.includes(other.quote)) expect(card).not.toContain(squash(other.quote));
    // The quotes are the passage's own text at the recorded offsets.
    expect(claim.quoteSpans.map((s) => cited.passage.slice(s.start, s.end)).join(' … ')).toBe(claim.quote);
    expect(cited.quoteSpans.map((s) => cited.passage.slice(s.start, s.end)).join(' … ')).toBe(cited.quote);
    expect(await marker.getAttribute('aria-describedby')).toBe(await preview.getAttribute('id'));
    await page.screenshot({ path: path.join(SHOTS, 'citation-preview.png') });

    await page.mouse.move(5, 5);
    await preview.waitFor({ state: 'hidden', timeout: 3000 });
  });

  it('opens the preview from the keyboard, closes it with Escape, and lists only cited sources grouped by article', async () => {
    await page.getByTestId('chat-input').focus();
    await page.locator('.brand').focus();
    let focused = '';
    for (let i = 0; i < 40 && focused !== 'citation'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    }
    expect(focused).toBe('citation');
    const preview = page.getByTestId('citation-preview');
    await preview.waitFor({ state: 'visible', timeout: 3000 });
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden', timeout: 3000 });

    const [, answer] = await saved(page);
    const citations = answer.metadata!.citations!;
    const docs = [...new Set(citations.map((c) => c.docId))];
    expect(await page.getByTestId('source-group').count()).toBe(docs.length);
    expect(await page.getByTestId('source-quote').count()).toBe(citations.length);
    const numbers = await page.locator('.source-n').allInnerTexts();
    expect(numbers.map((t) => Number(t.replace(/\D/g, ''))).sort((a, b) => a - b)).toEqual(citations.map((c) => c.n).sort((a, b) => a - b));
  });

  it('does not repeat the answer in the Sources block: each source is its article, section and link', async () => {
    const [, answer] = await saved(page);
    const text = answer.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
    const sources = squash(await page.locator('.message-assistant').first().locator('.sources').innerText());
    const sentences = text.replace(/\[\d+\]/g, '').split(/(?<=[.!?])\s+/).map(squash).filter((t) => t.split(' ').length >= 6);
    expect(sentences.length).toBeGreaterThan(1);
    for (const sentence of sentences) expect(sources).not.toContain(sentence.replace(/\s+([.,;:!?])/g, '$1'));
    for (const c of answer.metadata!.citations!) expect(sources).toContain(c.section);
    expect(sources.length).toBeLessThan(text.length);
    await page.locator('.message-assistant').first().screenshot({ path: path.join(SHOTS, 'answer-with-sources-desktop.png') });
  });

  it('copies the answer with its citations as footnotes that link to the passages', async () => {
    await page.getByRole('button', { name: 'Copy answer' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor({ timeout: 3000 });
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const [, answer] = await saved(page);
    const first = answer.metadata!.citations![0];
    expect(copied).toContain('[1]');
    expect(copied).toContain(`\n\nSources:\n[1] ${first.title} — ${first.section}.`);
    expect(copied).toContain(`${appUrl}/sources/${first.docId}?passage=${first.passageId}`);
  });

  it('follows a marker to the article with the passage highlighted and the sentence marked in view, then returns to the conversation as it was', async () => {
    await ask(page, 'What are good food sources of vitamin K2?');
    const conversation = () => page.locator('.message-user, .answer-markdown, .sources').allInnerTexts();
    const before = await conversation();
    // Scroll back up to the first answer and follow its marker.
    const marker = page.locator('.message-assistant').first().getByTestId('citation').first();
    await marker.scrollIntoViewIfNeeded();
    const scrollBefore = await page.evaluate(() => window.scrollY + (document.querySelector('.messages')?.scrollTop ?? 0));
    const [, answer] = await saved(page);
    const n = Number((await marker.innerText()).replace(/\D/g, ''));
    const cited = answer.metadata!.citations!.find((c: Citation) => c.n === n)!;

    await marker.click();
    await page.waitForURL(/\/sources\//);
    expect(new URL(page.url()).hash).toBe(`#${cited.passageId}`);
    const passage = page.getByTestId('cited-passage');
    await passage.waitFor({ state: 'visible' });
    expect(await passage.getAttribute('id')).toBe(cited.passageId);
    expect(await page.getByTestId('cited-passage').count()).toBe(1);
    // The link marks the sentence(s) behind that marker's claim.
    const claimQuote = cited.claims![0].quote;
    const marked = squash((await page.getByTestId('cited-sentence').allInnerTexts()).join(' '));
    for (const sentence of claimQuote.split(' … ')) expect(marked).toContain(squash(sentence));
    expect(squash(await passage.innerText())).toContain(squash(claimQuote.split(' … ')[0]));
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="cited-sentence"]')!.getBoundingClientRect();
      return el.top >= 0 && el.bottom <= window.innerHeight;
    });
    expect(await inViewport(page, '[data-testid="cited-sentence"]')).toBe(true);
    const shade = await page.getByTestId('cited-sentence').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    const passageShade = await passage.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(shade).not.toBe(passageShade); // the sentence is marked more strongly than the passage
    await page.screenshot({ path: path.join(SHOTS, 'cited-passage.png') });

    await page.getByRole('link', { name: /back to conversation/i }).click();
    await page.waitForURL(`${appUrl}/`);
    await page.waitForFunction((count) => document.querySelectorAll('.message-user, .answer-markdown, .sources').length === count, before.length);
    expect(await conversation()).toEqual(before);
    const scrollAfter = await page.evaluate(() => window.scrollY + (document.querySelector('.messages')?.scrollTop ?? 0));
    expect(Math.abs(scrollAfter - scrollBefore)).toBeLessThanOrEqual(4);
  });

  it('keeps the conversation across a reload, and "New chat" forgets it', async () => {
    const before = await page.locator('.message').allInnerTexts();
    await page.reload();
    await page.waitForFunction((count) => document.querySelectorAll('.message').length === count, before.length);
    expect(await page.locator('.message').allInnerTexts()).toEqual(before);
    expect(await page.getByTestId('citation').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'New chat' }).click();
    expect(await page.locator('.message').count()).toBe(0);
    await page.reload();
    await page.locator('.empty-state').waitFor();
    expect(await page.locator('.message').count()).toBe(0);
  });
});

describe('rendering saved answers', () => {
  it('previews adjacent markers one at a time and marks sentences the grounding check rejected', async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    const page = await context.newPage();
    const cite = (n: number, docId: string, section: string, quote: string): Citation => ({
      n, passageId: `${docId}--${n}`, docId, title: `Article ${docId}`, section, quote, quoteSpans: [{ start: 0, end: quote.length }], passage: quote, url: `/sources/${docId}#${docId}--${n}`,
    });
    const text = 'Vitamin K2 activates MGP [1][2]. It also cures every disease at 5000 mg [1].';
    const messages: ChatMessage[] = [
      { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'What does K2 do?' }] },
      {
        id: 'a1', role: 'assistant', parts: [{ type: 'text', text }],
        metadata: {
          status: 'answered', disclaimer: 'Not medical advice.', model: 'test',
          citations: [cite(1, 'alpha', 'Section One', 'K2 activates MGP.'), cite(2, 'beta', 'Section Two', 'MGP needs vitamin K2 to work.')],
          grounding: [
            { sentence: 'Vitamin K2 activates MGP [1][2].', cited: [1, 2], supported: true },
            { sentence: 'It also cures every disease at 5000 mg [1].', cited: [1], supported: false, reason: 'numbers not in the cited source: 5000' },
          ],
        },
      },
    ];
    await page.goto(appUrl);
    const json = JSON.stringify(messages);
    await page.evaluate((m) => localStorage.setItem('k2-chat', m), json);
    await page.reload();
    const markers = page.getByTestId('citation');
    await markers.first().waitFor();
    expect(await markers.count()).toBe(3);

    await markers.nth(0).hover();
    await page.getByTestId('citation-preview').waitFor();
    expect(await page.getByTestId('citation-preview').innerText()).toContain('Section One');
    await markers.nth(1).hover();
    await page.waitForFunction(() => document.querySelector('[data-testid="citation-preview"]')?.textContent?.includes('Section Two'));
    await page.waitForTimeout(400); // past the close delay of the first card
    expect(await page.getByTestId('citation-preview').count()).toBe(1);
    expect(await page.getByTestId('citation-preview').innerText()).toContain('MGP needs vitamin K2 to work.');

    const flagged = page.getByTestId('unsupported-claim');
    expect(await flagged.count()).toBe(1);
    expect(squash(await flagged.innerText())).toMatch(/^It also cures every disease at 5000 mg \[1\]\.? ?not confirmed by the cited source$/);
    expect(await flagged.getAttribute('title')).toContain('5000');
    expect(await page.getByTestId('grounding-warning').innerText()).toMatch(/One sentence is not confirmed/);
    // Two citations of two articles: two groups under the answer.
    expect(await page.getByTestId('source-group').count()).toBe(2);
    await context.close();
  });
});

describe('on a phone', () => {
  it('shows the preview on the first tap, follows on the card link, and keeps inputs at 16px or more', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 760 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(appUrl);
    expect(await page.getByTestId('chat-input').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16);
    await ask(page, 'What is MK-7?');
    await page.locator('.message-assistant').first().screenshot({ path: path.join(SHOTS, 'answer-with-sources-phone.png') });
    const marker = page.getByTestId('citation').first();
    await marker.scrollIntoViewIfNeeded();
    await marker.tap();
    const preview = page.getByTestId('citation-preview');
    await preview.waitFor({ state: 'visible', timeout: 3000 });
    expect(new URL(page.url()).pathname).toBe('/');
    const box = (await preview.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await preview.getByRole('link').tap();
    await page.waitForURL(/\/sources\//);
    await page.getByTestId('cited-passage').waitFor();
    await context.close();
  });
});

describe('source pages', () => {
  it('lists every article at /sources and answers unknown ids with a 404 page', async () => {
    const page = await browser.newPage();
    await page.goto(`${appUrl}/sources`);
    const links = page.locator('.article-list a');
    expect(await links.count()).toBe(5);
    for (const bad of ['/sources/no-such-article', '/sources/..%2F..%2Fpackage.json', '/sources/vitamin-k2-calcification-and-dosage.txt']) {
      const res = await page.goto(`${appUrl}${bad}`);
      expect(res?.status(), bad).toBe(404);
      expect(await page.locator('body').innerText()).not.toContain('"dependencies"');
    }
    await page.close();
  });
});
