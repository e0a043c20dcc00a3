import { afterEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/widget.js/route';

const saved = process.env.EMBED_ALLOWED_ORIGINS;
afterEach(() => {
  if (saved === undefined) delete process.env.EMBED_ALLOWED_ORIGINS;
  else process.env.EMBED_ALLOWED_ORIGINS = saved;
});

describe('GET /widget.js', () => {
  it('serves the loader as cacheable, cross-origin JavaScript with an ETag', async () => {
    delete process.env.EMBED_ALLOWED_ORIGINS;
    const res = GET(new Request('https://k2.example/widget.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const body = await res.text();
    expect(body).toContain('"allowedOrigins":[]');
    expect(body).toContain('"origin":"https://k2.example"');
  });

  it('names the origin visitors reach it at (the Host header), not the address `next start` listens on', async () => {
    const body = await GET(new Request('http://localhost:3000/widget.js', { headers: { host: 'assistant.example.org', 'x-forwarded-proto': 'https' } })).text();
    expect(body).toContain('"origin":"https://assistant.example.org"');
  });

  it('answers 304 without a body when the ETag matches', async () => {
    const first = GET(new Request('https://k2.example/widget.js'));
    const etag = first.headers.get('etag')!;
    const again = GET(new Request('https://k2.example/widget.js', { headers: { 'if-none-match': `"other", ${etag}` } }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('carries EMBED_ALLOWED_ORIGINS, read per request', async () => {
    process.env.EMBED_ALLOWED_ORIGINS = 'https://clinic.example/, https://blog.example';
    const body = await GET(new Request('https://k2.example/widget.js')).text();
    expect(body).toContain('"allowedOrigins":["https://clinic.example","https://blog.example"]');
  });
});
