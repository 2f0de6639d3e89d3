import { Router } from 'express';
import { z } from 'zod';
import type { Purpose, ScopeDefinition } from '../../db/schema.js';
import { scopeJql } from '../../jira/scope-jql.js';
import { insertScopeVersion, latestScopes, ScopeVersionConflictError } from '../../db/scopes.js';
import { workspaceIdOf } from '../authenticate.js';
import { requireConnection } from '../connection-lookup.js';
import type { RouteDeps } from '../deps.js';
import { describeError } from '../error-handler.js';
import { ApiError, connectionDisconnected } from '../errors.js';
import { requestSyncOrRestart } from '../request-sync.js';
import { purposeSchema } from '../schemas/common.js';
import { scopeBodySchema, scopeOptionSchemas } from '../schemas/scopes.js';
import { parseRequest } from '../validation.js';
import { toScopeView } from '../views.js';

const purposeParamsSchema = z.object({ purpose: purposeSchema });

/** Reading and saving the scopes that say which Jira data each purpose's checks look at. */
export function scopesRouter({ db, orchestrator, logger, clock }: RouteDeps): Router {
  const router = Router();

  router.get('/connections/:connectionId/scopes', async (req, res) => {
    const connection = await requireConnection(db, workspaceIdOf(res), req.params.connectionId);
    const scopes = await latestScopes(db, [connection.id]);

    res.json({ scopes: scopes.map(toScopeView) });
  });

  router.put('/connections/:connectionId/scopes/:purpose', async (req, res) => {
    const connection = await requireConnection(db, workspaceIdOf(res), req.params.connectionId);
    const { purpose } = parseRequest(purposeParamsSchema, { purpose: req.params.purpose }, 'path');
    const body = parseRequest(scopeBodySchema, req.body, 'body');
    // Parsed under `options` so that problems are reported as `options.<name>`.
    const { options } = parseRequest(
      z.object({ options: scopeOptionSchemas[purpose] }),
      { options: body.options ?? {} },
      'body',
    );

    if (connection.status === 'disconnected') throw connectionDisconnected();
    if (!connection.purposes.includes(purpose)) throw purposeNotEnabled(purpose, connection.purposes);
    const definition = definitionOf(body);
    await assertScopeAccepted(orchestrator, connection.id, definition);

    const scope = await saveVersion(() =>
      insertScopeVersion(db, {
        connectionId: connection.id,
        purpose,
        definition,
        options,
        now: clock(),
      }),
    );
    logger.info({ connectionId: connection.id, purpose, version: scope.version }, 'Scope saved');

    // The scope is saved either way; without a sync request the next periodic sync picks it up.
    let syncRequested = true;
    try {
      await requestSyncOrRestart(orchestrator, connection);
    } catch (error) {
      syncRequested = false;
      logger.warn(
        { connectionId: connection.id, err: describeError(error) },
        'Sync after scope change not requested',
      );
    }

    res.status(201).json({ ...toScopeView(scope), syncRequested });
  });

  return router;
}

/**
 * Only Jira knows the site's fields, functions, projects and issue types: a worker asks it whether the
 * scope's query is valid before the scope is saved. Both forms are checked, because Jira refuses a
 * query naming a project or issue type it does not know, and every sync of the scope would fail.
 * Problems name `jql` for a JQL scope and `scope` for a list of projects and issue types.
 */
async function assertScopeAccepted(
  orchestrator: RouteDeps['orchestrator'],
  connectionId: string,
  definition: ScopeDefinition,
): Promise<void> {
  let outcome;
  try {
    outcome = await orchestrator.checkScopeJql(connectionId, scopeJql(definition).text);
  } catch {
    throw new ApiError(
      'SCOPE_JQL_UNVERIFIED',
      503,
      'The scope could not be checked with Jira right now: no worker answered in time, or the workflow ' +
        'service (Temporal) is unavailable. Nothing was saved; try again shortly.',
    );
  }
  if (outcome.ok) return;

  const isJql = 'jql' in definition;
  const jiraSays = outcome.messages.join(' ');
  let message = jiraSays;
  if (outcome.code === 'SCOPE_JQL_INVALID') {
    message = isJql
      ? `Jira refused the JQL: ${jiraSays}`
      : `Jira refused the scope: ${jiraSays} Check that every key in projects and every name in ` +
        'issueTypes exists on the site.';
  }
  const status = outcome.code === 'SCOPE_JQL_INVALID' ? 400 : 409;
  throw new ApiError(outcome.code, status, message, [
    { path: isJql ? 'jql' : 'scope', code: outcome.code, message },
  ]);
}

async function saveVersion<T>(save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (error instanceof ScopeVersionConflictError)
      throw new ApiError(error.code, 409, `${error.message} Try again.`);
    throw error;
  }
}

/** Project keys are stored in upper case, as Jira shows them; repeated entries are dropped. */
function definitionOf(body: z.output<typeof scopeBodySchema>): ScopeDefinition {
  if (body.jql !== undefined) return { jql: body.jql };

  return {
    projects: [...new Set((body.projects ?? []).map((key) => key.toUpperCase()))],
    issueTypes: [...new Set(body.issueTypes ?? [])],
  };
}

function purposeNotEnabled(purpose: Purpose, purposes: Purpose[]): ApiError {
  return new ApiError(
    'PURPOSE_NOT_ENABLED',
    409,
    `This connection is not used for ${purpose} (its purposes: ${purposes.join(', ')}). ` +
      'Create a connection with that purpose to give it a scope.',
  );
}
