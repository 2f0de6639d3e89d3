import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pathOf } from './error-handler.js';

/** One log line per request: method, path, status, duration. Never headers, never bodies. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { method: req.method, path: pathOf(req), status: res.statusCode, durationMs: Math.round(durationMs) },
        'Request handled',
      );
    });
    next();
  };
}
