import express from 'express';
import { authenticateWorkspace } from './authenticate.js';
import type { ApiDeps, RouteDeps } from './deps.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { jsonBody } from './json-body.js';
import { createOpenApiDocument } from './openapi.js';
import { requestLog } from './request-log.js';
import { adminRouter } from './routes/admin.js';
import { checksRouter } from './routes/checks.js';
import { connectionsRouter } from './routes/connections.js';
import { healthRouter } from './routes/health.js';
import { scopesRouter } from './routes/scopes.js';

export type { ApiConfig, ApiDeps } from './deps.js';

/**
 * Builds the HTTP API. Everything it touches comes in through `deps`, so tests run it against their own
 * database and a fake orchestrator. Listening is left to the caller (`app.listen(port)`).
 *
 * Order matters: public routes first, then the admin routes behind the admin key, then everything else
 * under `/v1` behind a workspace key. Bodies are parsed only after authentication.
 */
export function createApp(deps: ApiDeps): express.Express {
  const routeDeps: RouteDeps = { ...deps, clock: deps.clock ?? (() => new Date()) };
  const openApiDocument = createOpenApiDocument();
  const app = express();

  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestLog(deps.logger));

  app.use(healthRouter(routeDeps));
  app.get('/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use('/v1/admin', adminRouter(routeDeps));

  app.use(
    '/v1',
    authenticateWorkspace(deps.db),
    ...jsonBody(),
    connectionsRouter(routeDeps),
    scopesRouter(routeDeps),
    checksRouter(routeDeps),
  );

  app.use(notFoundHandler());
  app.use(errorHandler(deps.logger));

  return app;
}
