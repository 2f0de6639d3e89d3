import { Router } from 'express';
import { createWorkspace } from '../../db/workspaces.js';
import { authenticateAdmin } from '../authenticate.js';
import type { RouteDeps } from '../deps.js';
import { notFoundHandler } from '../error-handler.js';
import { jsonBody } from '../json-body.js';
import { createWorkspaceBodySchema } from '../schemas/workspaces.js';
import { parseRequest } from '../validation.js';

/** The operator's routes, behind `ADMIN_API_KEY`: creating workspaces and their first API key. */
export function adminRouter({ db, config, logger }: RouteDeps): Router {
  const router = Router();
  router.use(authenticateAdmin(config.ADMIN_API_KEY), ...jsonBody());

  router.post('/workspaces', async (req, res) => {
    const { name } = parseRequest(createWorkspaceBodySchema, req.body, 'body');
    const { workspace, apiKey } = await createWorkspace(db, name);

    logger.info({ workspaceId: workspace.id }, 'Workspace created');
    res.status(201).json({
      workspace: { id: workspace.id, name: workspace.name, createdAt: workspace.createdAt.toISOString() },
      apiKey,
    });
  });

  // Without this, an unknown admin path would fall through to the workspace routes and ask for a
  // workspace key.
  router.use(notFoundHandler());

  return router;
}
