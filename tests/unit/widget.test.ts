import { describe, expect, it } from 'vitest';
import { normalizeOrigin, onAccentColor, parseEmbedParams } from '@/lib/widget/embed-params';
import { loaderSource, widgetScript } from '@/lib/widget/widget-script';

describe('parseEmbedParams (the widget frame query)', () => {
  it('accepts an allowed parent origin, a hex accent and up to four starter questions', () => {
    const p = parseEmbedParams(
      { parent: 'https://clinic.example', accent: '#AA3355', q: ['What is MK-7?', '  ', 'a', 'b', 'c', 'd'] },
      ['https://clinic.example'],
    );
    expect(p).toEqual({
      parentOrigin: 'https://clinic.example',
      parentAllowed: true,
      accent: '#aa3355',
      onAccent: '#fff',
      starters: ['What is MK-7?', 'a', 'b', 'c'],
    });
  });

  it('marks a parent outside EMBED_ALLOWED_ORIGINS as not allowed, and any parent allowed when the list is empty', () => {
    expect(parseEmbedParams({ parent: 'https://evil.example' }, ['https://clinic.example']).parentAllowed).toBe(false);
    expect(parseEmbedParams({ parent: 'https://evil.example' }, []).parentAllowed).toBe(true);
  });

  it('drops malformed parents and accents instead of failing', () => {
    for (const parent of ['javascript:alert(1)', 'https://a.example/path', 'not a url', '*', '']) {
      const p = parseEmbedParams({ parent, accent: 'red;background:url(x)' }, []);
      expect(p.parentOrigin, parent).toBeNull();
      expect(p.parentAllowed).toBe(false);
      expect(p.accent).toBe('#0f6e5a');
    }
  });

  it('normalizes origins: trailing slash and case are fine, paths are not', () => {
    expect(normalizeOrigin('HTTPS://Clinic.Example/')).toBe('https://clinic.example');
    expect(normalizeOrigin('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(normalizeOrigin('https://clinic.example/blog')).toBeNull();
    expect(normalizeOrigin('ftp://clinic.example')).toBeNull();
  });

  it('picks readable text on the accent', () => {
    expect(onAccentColor('#0f6e5a')).toBe('#fff');
    expect(onAccentColor('#ffeb3b')).toBe('#111');
    expect(onAccentColor('#fff')).toBe('#111');
    expect(onAccentColor('#000')).toBe('#fff');
  });
});

describe('widgetScript (GET /widget.js body)', () => {
  it('calls the loader with the deployment config, as valid JavaScript', () => {
    const { body } = widgetScript({ allowedOrigins: ['https://clinic.example'], origin: 'https://k2.example' });
    expect(body).toContain('function k2AssistantWidget(config)');
    expect(body.trimEnd().endsWith('({"allowedOrigins":["https://clinic.example"],"origin":"https://k2.example"});')).toBe(true);
    expect(() => new Function(body)).not.toThrow();
  });

  it('cannot be broken out of by a hostile origin value', () => {
    const { body } = widgetScript({ allowedOrigins: ['</script><script>alert(1)</script>'], origin: 'x' });
    expect(body).not.toContain('</script>');
    expect(() => new Function(body)).not.toThrow();
  });

  it('changes its ETag when the config changes, not otherwise', () => {
    const a = widgetScript({ allowedOrigins: [], origin: 'https://k2.example' });
    expect(widgetScript({ allowedOrigins: [], origin: 'https://k2.example' }).etag).toBe(a.etag);
    expect(widgetScript({ allowedOrigins: ['https://b.example'], origin: 'https://k2.example' }).etag).not.toBe(a.etag);
  });

  it('uses no inline-style or innerHTML APIs a strict host CSP or Trusted Types would block', () => {
    const src = loaderSource()
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    expect(src).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|setAttribute\(\s*['"]style|\beval\(|new Function/);
  });
});
