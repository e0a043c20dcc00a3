import { z } from 'zod';
import { unknownFieldsError } from '@/lib/answer/input-schema';
import { ApiError } from '@/lib/errors';
import { parseWith, readJson } from '@/lib/http/request';

export const SessionRequestSchema = z.strictObject(
  { token: z.string({ error: 'Send "token": the ADMIN_TOKEN.' }).max(1000, '"token" is too long.') },
  { error: (issue) => unknownFieldsError('"token"')(issue) ?? 'Send a JSON object such as {"token": "…"}.' },
);

const MAX_FORM_BYTES = 4 * 1024;

export type SessionRequest = { via: 'json'; token: string } | { via: 'form'; intent: 'sign-in' | 'sign-out'; token: string };

/** The sign-in form (`application/x-www-form-urlencoded`, from /insights) or the JSON API. */
export async function readSessionRequest(request: Request): Promise<SessionRequest> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get('content-type') ?? '')) {
    return { via: 'json', ...parseWith(SessionRequestSchema, await readJson(request)) };
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_FORM_BYTES) throw new ApiError('payload_too_large', 'The form is larger than 4 KB.');
  const text = await request.text();
  if (text.length > MAX_FORM_BYTES) throw new ApiError('payload_too_large', 'The form is larger than 4 KB.');
  const form = new URLSearchParams(text);
  return { via: 'form', intent: form.get('intent') === 'sign-out' ? 'sign-out' : 'sign-in', token: (form.get('token') ?? '').slice(0, 1000) };
}
