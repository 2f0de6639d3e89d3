import { Router } from 'express';
import { sql } from 'kysely';
import type { RouteDeps } from '../deps.js';
import { describeError } from '../error-handler.js';
import { ApiError } from '../errors.js';

/** `GET /healthz` for load balancers: 200 when the database answers, 503 when it does not. */
export function healthRouter({ db, logger }: RouteDeps): Router {
  const router = Router();

  router.get('/healthz', async (_req, res) => {
    try {
      await sql`select 1`.execute(db);
    } catch (error) {
      logger.warn({ err: describeError(error) }, 'Health check: database unreachable');
      throw new ApiError('DATABASE_UNAVAILABLE', 503, 'The database does not answer.');
    }

    res.json({ status: 'ok' });
  });

  return router;
}
