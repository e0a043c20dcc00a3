import { ApiError, errorResponse } from '../errors';

/** The methods our routes answer; the ones a route does not serve get a 405 from `otherMethods`. */
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];

type Handler = (request: Request) => Response;

/**
 * A handler for the methods a route does not serve: 405 with the JSON error and an Allow header,
 * instead of Next's empty 405. Routes use it through `otherMethods`.
 */
export function methodNotAllowed(...allowed: string[]): Handler {
  return (request: Request): Response =>
    errorResponse(
      new ApiError('method_not_allowed', `${request.method} is not supported here. Use ${allowed.join(' or ')}.`, { Allow: allowed.join(', ') }),
    );
}

/**
 * 405 handlers for every method in METHODS but `allowed`:
 * `export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');`
 */
export function otherMethods<A extends Method>(...allowed: A[]): Record<Exclude<Method, A>, Handler> {
  const handler = methodNotAllowed(...allowed);
  const others = METHODS.filter((m): m is Exclude<Method, A> => !(allowed as Method[]).includes(m));
  return Object.fromEntries(others.map((m) => [m, handler])) as Record<Exclude<Method, A>, Handler>;
}
