import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ApiError } from './errors.js';
import { MAX_BODY_BYTES } from './json-body.js';

/** Answers every route nobody matched, in the API's error shape. */
export function notFoundHandler(): RequestHandler {
  return (req) => {
    throw new ApiError(
      'NOT_FOUND',
      404,
      `There is no route ${req.method} ${pathOf(req)}. The routes are listed at /v1/openapi.json.`,
    );
  };
}

/**
 * The one place errors become responses: `{ error: { code, message, details? } }`. Unexpected errors
 * are logged and answered with a 500 that reveals nothing about them.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) {
      // Only chosen fields: a parser error carries the raw request body, which may hold a token.
      logger.error({ err: describeError(error), method: req.method, path: pathOf(req) }, 'Request failed');
    }
    if (res.headersSent) {
      next(error);
      return;
    }

    if (apiError.status === 401) res.set('WWW-Authenticate', 'Bearer realm="jira-compliance"');
    const { code, message, details } = apiError;
    res.status(apiError.status).json({ error: details ? { code, message, details } : { code, message } });
  };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;

  const parserError = bodyParserError(error);
  if (parserError) return parserError;

  return new ApiError(
    'INTERNAL',
    500,
    'Something went wrong on our side. It has been logged; try again later.',
  );
}

/** Errors of express.json() carry a `type` saying what went wrong with the body. */
function bodyParserError(error: unknown): ApiError | null {
  if (typeof error !== 'object' || error === null) return null;
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status >= 500) return null;

  switch (type) {
    case 'entity.too.large':
      return new ApiError(
        'PAYLOAD_TOO_LARGE',
        413,
        `The request body is larger than ${MAX_BODY_BYTES / 1024} kB, the most this API accepts.`,
      );
    case 'entity.parse.failed':
      return new ApiError(
        'MALFORMED_JSON',
        400,
        'The request body is not valid JSON (or not a JSON object).',
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        415,
        'Send the request body as UTF-8 JSON, without compression.',
      );
    default:
      return new ApiError('BAD_REQUEST', 400, 'The request body could not be read.');
  }
}

/** What is logged of an error: type, message, code and stack, never its other fields (they may hold a body). */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { value: typeof error };
  const code = (error as { code?: unknown }).code;

  return {
    type: error.name,
    message: error.message,
    code: typeof code === 'string' ? code : undefined,
    stack: error.stack,
  };
}

/** The request path without its query string. */
export function pathOf(req: Request): string {
  return req.originalUrl.split('?', 1)[0] ?? req.originalUrl;
}
