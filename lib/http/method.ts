import { ApiError, errorResponse } from '../errors';

/**
 * A handler for the methods a route does not serve: 405 with the JSON error and an Allow header,
 * instead of Next's empty 405. Export it as e.g. `export const GET = methodNotAllowed('POST')`.
 */
export function methodNotAllowed(...allowed: string[]) {
  return (request: Request): Response =>
    errorResponse(
      new ApiError('method_not_allowed', `${request.method} is not supported here. Use ${allowed.join(' or ')}.`, { Allow: allowed.join(', ') }),
    );
}
