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
    if (hasBody && !req.is('application/json')) {
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        415,
        'Send the request body as JSON (Content-Type: application/json).',
      );
    }
    next();
  };

  return [requireJson, express.json({ limit: MAX_BODY_BYTES, type: 'application/json' })];
}
