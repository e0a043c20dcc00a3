import type { z } from 'zod';
import { ApiError } from '../errors';

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON body with a size limit, answering 413/415/400 with messages a person can act on. */
export async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (type && !/^application\/(.+\+)?json\b/i.test(type) && !/^text\/plain\b/i.test(type)) {
    throw new ApiError('unsupported_media_type');
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new ApiError('payload_too_large');
  if (!request.body) throw new ApiError('bad_request', 'The request has no body. Send JSON such as {"question": "What does vitamin K2 do?"}.');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new ApiError('payload_too_large');
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw new ApiError('bad_request', 'The request body is empty. Send JSON such as {"question": "What does vitamin K2 do?"}.');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', 'The request body is not valid JSON.');
  }
}

/** Validates with a zod schema; the first problem becomes a 422 message naming the field. */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new ApiError('invalid_input', `${where}${issue.message}`);
}

/**
 * The client address for rate limiting. Each proxy appends the address it received the request from
 * to X-Forwarded-For, so only the last `trustedProxies` entries are trustworthy: the entry that many
 * places from the right is the client (earlier ones can be forged). `next start` itself fills the
 * header from the socket when it is absent, so 1 fits both a direct deployment and one proxy in front.
 */
export function clientIp(request: Request, trustedProxies = 1): string {
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const ip = hops.length ? hops[Math.max(0, hops.length - Math.max(1, trustedProxies))] : request.headers.get('x-real-ip')?.trim();
  return ip ? ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '').slice(0, 100) : 'local';
}

/** A hostname (or bracketed IPv6 address) with an optional port: nothing else may reach a URL we build. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

type HeaderSource = { get(name: string): string | null };

const firstValue = (headers: HeaderSource, name: string) => headers.get(name)?.split(',')[0]?.trim() || undefined;

/**
 * The origin as the visitor sees it, for absolute links: X-Forwarded-Proto and X-Forwarded-Host from a
 * proxy in front, else the Host header, else `fallback`. `next start` builds `request.url` from the
 * address it listens on (http://localhost:3000), not from Host, so that one is only the last resort.
 * Only the first value of a comma list counts; a host that is not `hostname[:port]` is ignored.
 */
export function originFromHeaders(headers: HeaderSource, fallback: string): string {
  const base = new URL(fallback);
  const host = [firstValue(headers, 'x-forwarded-host'), firstValue(headers, 'host')].find((h) => h && HOST.test(h));
  if (!host) return base.origin;
  const proto = firstValue(headers, 'x-forwarded-proto')?.toLowerCase();
  const scheme = proto === 'https' || proto === 'http' ? proto : base.protocol.slice(0, -1);
  return new URL(`${scheme}://${host}`).origin;
}

/** `originFromHeaders` for a route handler's request, falling back to the origin of `request.url`. */
export function publicOrigin(request: Request): string {
  return originFromHeaders(request.headers, request.url);
}
