import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { say, startOpenAIStandIn, type ModelRequest, type Script, type StandIn } from '../support/openai-stand-in';
import { groundedSentences, joinCited } from '../support/scripted-model';
import { startApp, type RunningApp } from '../support/server';

let standIn: StandIn;
let app: RunningApp;
let browser: Browser;
let script: (req: ModelRequest) => Script = (req) => say(joinCited(groundedSentences(req)));

beforeAll(async () => {
  standIn = await startOpenAIStandIn({ apiKey: 'e2e-key', reply: (req) => script(req) });
  app = await startApp({ OPENAI_API_KEY: 'e2e-key', OPENAI_BASE_URL: standIn.url, OPENAI_MODEL: 'scripted', OPENAI_TIMEOUT_MS: '3000', RATE_LIMIT_PER_MINUTE: '0' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await standIn?.close();
});

describe('the built app with a configured model', () => {
  it('answers /api/ask through the model, checked against its sources', async () => {
    script = (req) => say(joinCited(groundedSentences(req)));
    const res = await fetch(`${app.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Which foods contain magnesium?' }) });
    const body = await res.json();
    expect(body.model).toBe('openai:scripted');
    expect(body.grounding.every((g: { supported: boolean }) => g.supported)).toBe(true);
    expect(standIn.requests.at(-1)?.question).toBe('Which foods contain magnesium?');
  });

  it('shows the offline answer and why in the chat when the model stream breaks, never the partial text', async () => {
    script = () => ({ kind: 'cut', chunks: ['Warfarin PARTIAL-MODEL-TEXT ', 'and then'] });
    const page = await browser.newPage();
    await page.goto(app.url);
    const input = page.getByTestId('chat-input');
    await input.fill('How does warfarin affect calcification?');
    await input.press('Enter');
    await page.locator('.message-assistant .notice').waitFor({ state: 'visible', timeout: 15_000 });
    const answer = page.locator('.message-assistant').last();
    expect(await answer.locator('.notice').innerText()).toMatch(/broke off/);
    expect(await answer.innerText()).not.toContain('PARTIAL-MODEL-TEXT');
    expect(await answer.getByTestId('citation').count()).toBeGreaterThan(0);
    await page.close();
  });
});
