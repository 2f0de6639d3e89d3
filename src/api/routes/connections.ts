import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import {
  deleteConnection,
  findLiveConnection,
  insertConnection,
  latestSyncRuns,
  LiveConnectionExistsError,
  listConnections,
  markConnectionDisconnected,
  type NewConnectionValues,
} from '../../db/connections.js';
import { deleteCredentials, storeCredentials, type ApiTokenCredentials } from '../../db/credentials.js';
import type { Connection } from '../../db/schema.js';
import { latestScopes } from '../../db/scopes.js';
import { normalizeSite, parseAllowedCustomDomains, type SiteOptions } from '../../jira/site.js';
import { workspaceIdOf } from '../authenticate.js';
import { requireConnection } from '../connection-lookup.js';
import type { RouteDeps } from '../deps.js';
import { describeError } from '../error-handler.js';
import { ApiError, connectionDisconnected, temporalUnavailable } from '../errors.js';
import { ConnectionWorkflowNotFoundError } from '../orchestrator.js';
import { requestSyncOrRestart } from '../request-sync.js';
import { createConnectionBodySchema, UNSUPPORTED_CONNECTION_TYPES } from '../schemas/connections.js';
import { parseRequest } from '../validation.js';
import { toConnectionView } from '../views.js';

/** The sites this deployment accepts besides `*.atlassian.net` and `*.jira.com`. */
export function siteOptionsFrom(config: RouteDeps['config']): SiteOptions {
  return {
    allowedCustomDomains: parseAllowedCustomDomains(config.JIRA_ALLOWED_CUSTOM_DOMAINS),
    allowedTestSites: Object.keys(config.JIRA_SITE_BASE_URLS ?? {}),
  };
}

/** Creating, reading, syncing and disconnecting connections. */
export function connectionsRouter(deps: RouteDeps): Router {
  const { db, orchestrator, logger, clock, config } = deps;
  const siteOptions = siteOptionsFrom(config);
  const createBodySchema = createConnectionBodySchema(siteOptions);
  const router = Router();

  router.post('/connections', async (req, res) => {
    const workspaceId = workspaceIdOf(res);
    refuseUnsupportedType(req.body);
    const input = parseRequest(createBodySchema, req.body, 'body');
    if (input.type !== 'api_token') throw unsupportedType(input.type);
    const site = normalizeSite(input.site, siteOptions);
    if (!site.ok) throw new Error('site passed validation but does not normalise');

    const id = randomUUID();
    const now = clock();
    const syncIntervalSeconds = config.SYNC_INTERVAL_SECONDS;
    const connection = await storeNewConnection(deps, {
      id,
      workspaceId,
      type: 'api_token',
      site: site.site,
      purposes: [...new Set(input.purposes)],
      status: 'validating',
      syncIntervalSeconds,
      now,
      secret: { type: 'api_token', email: input.email, apiToken: input.apiToken },
    });

    // NOTE: the workflow starts only after the commit, because its first activity treats a connection
    // it cannot find as a permanent failure. If Temporal refuses or does not answer in time, the
    // connection is removed again (its credentials go with it), so nothing is left that no workflow will
    // ever validate or sync; a workflow that started after all finds no connection and ends.
    try {
      await orchestrator.startConnection({
        connectionId: id,
        workspaceId,
        site: site.site,
        syncIntervalMs: syncIntervalSeconds * 1000,
      });
    } catch (error) {
      logger.warn({ connectionId: id, err: describeError(error) }, 'Connection workflow did not start');
      await deleteConnection(db, id).catch((cleanupError: unknown) => {
        logger.error(
          { connectionId: id, err: describeError(cleanupError) },
          'Unstarted connection not removed',
        );
      });
      throw temporalUnavailable(error);
    }

    logger.info({ connectionId: id, workspaceId, site: site.site, type: 'api_token' }, 'Connection created');
    res
      .status(201)
      .location(`/v1/connections/${id}`)
      .json(toConnectionView(connection, null, []));
  });

  router.get('/connections', async (_req, res) => {
    const connections = await listConnections(db, workspaceIdOf(res));

    res.json({ connections: await withSyncRunsAndScopes(deps, connections) });
  });

  router.get('/connections/:connectionId', async (req, res) => {
    const connection = await requireConnection(db, workspaceIdOf(res), req.params.connectionId);
    const [view] = await withSyncRunsAndScopes(deps, [connection]);

    res.json(view);
  });

  router.post('/connections/:connectionId/sync', async (req, res) => {
    const connection = await requireConnection(db, workspaceIdOf(res), req.params.connectionId);
    if (connection.status === 'disconnected') throw connectionDisconnected();

    try {
      await requestSyncOrRestart(orchestrator, connection);
    } catch (error) {
      logger.warn({ connectionId: connection.id, err: describeError(error) }, 'Sync request failed');
      throw temporalUnavailable(error);
    }

    res.status(202).json({ accepted: true });
  });

  router.delete('/connections/:connectionId', async (req, res) => {
    const connection = await requireConnection(db, workspaceIdOf(res), req.params.connectionId);

    if (connection.status === 'disconnected') {
      // Disconnecting twice is fine; make sure nothing secret was left behind the first time.
      await deleteCredentials(db, connection.id);
    } else {
      await disconnect(deps, connection);
    }

    res.status(202).json({ accepted: true });
  });

  return router;
}

/**
 * Stores the connection with its encrypted credentials, in one transaction. A second live connection
 * to the same site is refused by the database, so two concurrent requests cannot both create one.
 */
async function storeNewConnection(
  { db, cipher }: RouteDeps,
  { secret, ...values }: NewConnectionValues & { secret: ApiTokenCredentials },
): Promise<Connection> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await insertConnection(trx, values);
      await storeCredentials(trx, cipher, values.id, secret, values.now);

      return row;
    });
  } catch (error) {
    if (!(error instanceof LiveConnectionExistsError)) throw error;
    const existing = await findLiveConnection(db, values.workspaceId, values.site);
    throw connectionExists(values.site, existing?.id ?? null);
  }
}

/**
 * Asks the workflow to disconnect (it stops its timers and deletes the credentials). When no workflow
 * is running, nobody else will do it, so the API marks the connection and deletes the credentials itself.
 */
async function disconnect(
  { db, orchestrator, logger, clock }: RouteDeps,
  connection: Connection,
): Promise<void> {
  try {
    await orchestrator.disconnect(connection.id);
    logger.info({ connectionId: connection.id }, 'Disconnect requested');
    return;
  } catch (error) {
    if (!(error instanceof ConnectionWorkflowNotFoundError)) {
      logger.warn({ connectionId: connection.id, err: describeError(error) }, 'Disconnect request failed');
      throw temporalUnavailable(error);
    }
  }

  await db.transaction().execute(async (trx) => {
    await markConnectionDisconnected(trx, connection.id, clock());
    await deleteCredentials(trx, connection.id);
  });
  logger.info({ connectionId: connection.id }, 'Connection disconnected without a running workflow');
}

async function withSyncRunsAndScopes({ db }: RouteDeps, connections: Connection[]) {
  const ids = connections.map((connection) => connection.id);
  const [runs, scopes] = await Promise.all([latestSyncRuns(db, ids), latestScopes(db, ids)]);

  return connections.map((connection) =>
    toConnectionView(
      connection,
      runs.get(connection.id) ?? null,
      scopes.filter((scope) => scope.connection_id === connection.id),
    ),
  );
}

/** Checked before the full validation, so an OAuth request hears "not yet" rather than field errors. */
function refuseUnsupportedType(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const type = (body as { type?: unknown }).type;
  if (typeof type === 'string' && UNSUPPORTED_CONNECTION_TYPES.includes(type)) throw unsupportedType(type);
}

/**
 * Two live connections to one site would sync the same issues twice and count every check twice. The
 * existing one is named so the caller can use it or disconnect it. It is null when a concurrent request
 * won the race and has removed its connection again since (its workflow did not start).
 */
function connectionExists(site: string, existingId: string | null): ApiError {
  const message =
    existingId === null
      ? `Another request was connecting ${site} to this workspace at the same moment. Try again.`
      : `This workspace already has a connection to ${site}: ${existingId}. Use it (change what it syncs ` +
        'with PUT /v1/connections/{id}/scopes/{purpose}), or disconnect it first (DELETE ' +
        '/v1/connections/{id}) to connect the site with other credentials or purposes.';

  return new ApiError('CONNECTION_EXISTS', 409, message, [
    {
      path: 'site',
      code: 'CONNECTION_EXISTS',
      message:
        existingId === null ? 'is being connected by another request' : `is connected by ${existingId}`,
    },
  ]);
}

function unsupportedType(type: string): ApiError {
  return new ApiError(
    'CONNECTION_TYPE_UNSUPPORTED',
    422,
    `Connections of type "${type}" are not available yet. Use type "api_token" with an Atlassian account ` +
      'e-mail and API token.',
  );
}
