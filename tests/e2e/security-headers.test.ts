import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startApp, type RunningApp } from '../support/server';

const appUrl = inject('appUrl');

/** The CSP directives as a map: name → sources. */
function directives(csp: string | null): Map<string, string[]> {
  expect(csp, 'a Content-Security-Policy header').toBeTruthy();
  return new Map(
    csp!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

const PAGES = ['/', '/sources', '/sources/vitamin-k2-reduces-calcification', '/no-such-page', '/api/search?q=vitamin', '/api/ask', '/embed'];

describe('security headers on every page', () => {
  it.each(PAGES)('%s: strict CSP without inline-script holes, nosniff, Referrer-Policy', async (pathname) => {
    const res = await fetch(`${appUrl}${pathname}`, { redirect: 'manual' });
    const csp = directives(res.headers.get('content-security-policy'));
    const scriptSrc = csp.get('script-src')!;
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc.some((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s))).toBe(true);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc.some((s) => s === '*' || /^(https?|data|blob):?$/.test(s))).toBe(false);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const embed = pathname === '/embed';
    expect(csp.get('frame-ancestors')).toEqual(embed ? ['*'] : ["'self'"]);
    expect(res.headers.get('x-frame-options')).toBe(embed ? null : 'SAMEORIGIN');
  });

  it('puts a fresh nonce on every script of a page, and no inline event handlers', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const res = await fetch(appUrl);
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy')!)![1];
      seen.add(nonce);
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    }
    expect(seen.size).toBe(2);
  });

  it('lets the app run under its CSP: no violation while the chat answers', async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && violations.push(m.text()));
      await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load: CSP ${e.violatedDirective}`)));
      await page.goto(appUrl);
      const input = page.getByTestId('chat-input');
      await input.fill('What is MK-7?');
      await input.press('Enter');
      await page.getByTestId('citation').first().waitFor({ state: 'visible', timeout: 20_000 });
      await page.goto(`${appUrl}/sources/vitamin-k2-reduces-calcification`);
      await page.locator('h1').waitFor();
      expect(violations).toEqual([]);
    } finally {
      await browser?.close();
    }
  });
});

describe('framing follows EMBED_ALLOWED_ORIGINS only on /embed', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ EMBED_ALLOWED_ORIGINS: 'https://clinic.example, https://pharmacy.example/' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    ['/embed', ["'self'", 'https://clinic.example', 'https://pharmacy.example'], null],
    ['/embed/anything', ["'self'", 'https://clinic.example', 'https://pharmacy.example'], null],
    ['/', ["'self'"], 'SAMEORIGIN'],
    ['/embedded', ["'self'"], 'SAMEORIGIN'],
    ['/sources', ["'self'"], 'SAMEORIGIN'],
  ])('%s may be framed by %j', async (pathname, ancestors, xfo) => {
    const res = await fetch(`${app.url}${pathname}`, { redirect: 'manual' });
    expect(directives(res.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(ancestors);
    expect(res.headers.get('x-frame-options')).toBe(xfo);
  });
});
