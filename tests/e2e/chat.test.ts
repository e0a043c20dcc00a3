import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser';

let browser: Browser;
const appUrl = inject('appUrl');

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Records the length of the last answer's text at every DOM change, to see it stream. */
async function watchAnswerLengths(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __lengths: number[] };
    w.__lengths = [];
    new MutationObserver(() => {
      const answers = document.querySelectorAll('.message-assistant .answer-markdown');
      const last = answers[answers.length - 1];
      const len = last?.textContent?.length ?? 0;
      if (len && w.__lengths[w.__lengths.length - 1] !== len) w.__lengths.push(len);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function ask(page: Page, question: string) {
  const input = page.getByTestId('chat-input');
  await input.fill(question);
  await input.press('Enter');
}

describe('chat in the browser', () => {
  it('streams a cited answer with a disclaimer, and the citation opens the passage', async () => {
    const page = await browser.newPage();
    await page.goto(appUrl);
    await watchAnswerLengths(page);
    await ask(page, 'How does warfarin affect calcification?');

    const citation = page.getByTestId('citation').first();
    await citation.waitFor({ state: 'visible', timeout: 15_000 });
    await expect(page.getByTestId('disclaimer').first()).toBeTruthy();
    expect(await page.getByTestId('disclaimer').first().isVisible()).toBe(true);
    const lengths = await page.evaluate(() => (window as unknown as { __lengths: number[] }).__lengths);
    expect(lengths.length).toBeGreaterThanOrEqual(3); // the text grew in several steps: it streamed
    const answer = await page.locator('.message-assistant .answer-markdown').last().innerText();
    expect(answer.toLowerCase()).toContain('warfarin');
    expect(await page.locator('.sources li').count()).toBeGreaterThan(0);

    const href = await citation.getAttribute('href');
    expect(href).toMatch(/^\/sources\/[a-z0-9-]+\?passage=[a-z0-9-]+--\d+&quote=[\d,-]+#[a-z0-9-]+--\d+$/);
    await citation.click();
    await page.waitForURL(/\/sources\//);
    const passageId = decodeURIComponent(new URL(page.url()).hash.slice(1));
    const passage = page.locator(`[id="${passageId}"]`);
    expect(await passage.isVisible()).toBe(true);
    const box = await passage.boundingBox();
    const viewport = page.viewportSize()!;
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(viewport.height);
    await page.close();
  });

  it('answers a follow-up using the conversation, and declines what the articles do not cover', async () => {
    const page = await browser.newPage();
    await page.goto(appUrl);
    await ask(page, 'What is MK-7?');
    await page.getByTestId('citation').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByRole('button', { name: 'Regenerate' }).waitFor();
    await ask(page, 'What doses have studies used?');
    await page.waitForFunction(() => document.querySelectorAll('.message-assistant').length === 2 && !!document.querySelector('.message-actions'), null, { timeout: 15_000 });
    const followUp = await page.locator('.message-assistant').nth(1).innerText();
    expect(followUp).toMatch(/micrograms/);

    await ask(page, 'How do mRNA vaccines work?');
    // A decline offers no Regenerate: wait for the reply to be complete instead.
    await page.waitForFunction(() => document.querySelectorAll('.message-assistant[aria-busy="false"]').length === 3 && !document.querySelector('.composer .stop'), null, { timeout: 15_000 });
    const declined = page.locator('.message-assistant').nth(2);
    expect(await declined.innerText()).toMatch(/couldn't find this/i);
    expect(await declined.getByTestId('citation').count()).toBe(0);
    await page.close();
  });
});
