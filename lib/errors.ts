/** The small vocabulary of errors the API answers with. Messages are safe to show to anyone. */
export const ERRORS = {
  bad_request: { status: 400, message: 'The request is not valid JSON or is missing required fields.' },
  invalid_input: { status: 422, message: 'The request did not pass validation.' },
  payload_too_large: { status: 413, message: 'The request body is larger than 64 KB. Send a shorter question or less history.' },
  unsupported_media_type: { status: 415, message: 'Send the request body as JSON with Content-Type: application/json.' },
  /** The client went away mid-request (nobody reads this; it keeps aborts out of the error log). */
  cancelled: { status: 499, message: 'The request was cancelled by the client.' },
  rate_limited: { status: 429, message: 'Too many questions from this address. Wait a minute and try again.' },
  unauthorized: { status: 401, message: 'Sign in first: this needs the site owner\'s session.' },
  forbidden: { status: 403, message: 'This request came from another site and was refused.' },
  not_found: { status: 404, message: 'Not found.' },
  method_not_allowed: { status: 405, message: 'This endpoint does not accept that HTTP method.' },
  internal: { status: 500, message: 'Something went wrong on our side. Please try again.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? ERRORS[code].message);
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status, headers: error.headers });
  }
  console.error('[api] unexpected error', error);
  return Response.json({ error: { code: 'internal', message: ERRORS.internal.message } }, { status: 500 });
}
