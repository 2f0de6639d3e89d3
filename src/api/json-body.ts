import express, { type RequestHandler } from 'express';
import { ApiError } from './errors.js';

/** Large enough for any request of this API, small enough that nobody can make us buffer much. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Parses JSON bodies and refuses any other body with 415. A request without a body (or an empty one,
 * as `fetch` sends for a bare POST) passes through with `req.body` undefined.
 */
export function jsonBody(): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const length = req.headers['content-length'];
    const hasBody =
      req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    const encoding = req.headers['content-encoding'];
    if (hasBody && encoding !== undefined && encoding.toLowerCase() !== 'identity') {
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        415,
        'Send the request body as UTF-8 JSON, without compression (no Content-Encoding).',
      );
    }
    if (hasBody && !req.is('application/json')) {
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        415,
        'Send the request body as JSON (Content-Type: application/json).',
      );
    }
    const charset = hasBody ? charsetOf(req.headers['content-type']) : undefined;
    if (charset !== undefined && charset !== 'utf-8') {
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        415,
        'Send the request body as UTF-8 JSON (Content-Type: application/json; charset=utf-8); other ' +
          'charsets are not accepted.',
      );
    }
    next();
  };

  return [
    requireJson,
    express.json({ limit: MAX_BODY_BYTES, type: 'application/json' }),
    refuseNulCharacters,
  ];
}

/**
 * The declared charset, lower case. JSON is UTF-8 (RFC 8259); the parser would decode another `utf-*`
 * charset and then fail on the result, answering 400 for what is a media type problem.
 */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/**
 * PostgreSQL cannot store the NUL character in text or jsonb, and no field of this API has a use for
 * it: refuse it up front, naming the field, instead of failing when the row is written.
 */
const refuseNulCharacters: RequestHandler = (req, _res, next) => {
  const path = findNul(req.body, []);
  if (path) {
    const field = path.join('.') || 'body';
    throw new ApiError(
      'VALIDATION_FAILED',
      400,
      `${field} contains a NUL character (\\u0000), which is not allowed.`,
      [{ path: field, code: 'INVALID_CHARACTER', message: 'must not contain the NUL character (\\u0000)' }],
    );
  }
  next();
};

function findNul(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNul(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key];
      const found = findNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
