import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  checkDetailSchema,
  checkHistorySchema,
  checkListSchema,
  historyQuerySchema,
} from './schemas/checks.js';
import { acceptedResponseSchema, connectionIdParamsSchema, errorResponseSchema } from './schemas/common.js';
import { connectionListSchema, connectionSchema, createConnectionBodySchema } from './schemas/connections.js';
import {
  savedScopeSchema,
  scopeBodyDocumentSchema,
  scopeListSchema,
  scopeParamsSchema,
} from './schemas/scopes.js';
import { createdWorkspaceSchema, createWorkspaceBodySchema } from './schemas/workspaces.js';

type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const json = (schema: z.ZodType, description: string): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});

const error = (description: string): ResponseConfig => json(errorResponseSchema, description);

/** Errors any authenticated route can answer with. */
const commonErrors = {
  401: error('UNAUTHENTICATED: the workspace API key is missing, unknown or revoked.'),
  500: error('INTERNAL: an unexpected error; the message reveals nothing.'),
};

const bodyErrors = {
  400: error('VALIDATION_FAILED (details list each field), SITE_INVALID or MALFORMED_JSON.'),
  413: error('PAYLOAD_TOO_LARGE: the body is larger than 64 kB.'),
  415: error('UNSUPPORTED_MEDIA_TYPE: the body is not JSON, not UTF-8, or compressed.'),
};

/** Every call to Temporal has a deadline (10 s; 45 s for the JQL check), so none of them waits forever. */
const temporalUnavailable = error(
  'TEMPORAL_UNAVAILABLE: the workflow service (Temporal) refused the call or did not answer within 10 s. ' +
    'Repeating the request is safe.',
);

const connectionNotFound = { 404: error('CONNECTION_NOT_FOUND: no such connection in this workspace.') };
const checkNotFound = { 404: error('CHECK_NOT_FOUND: no check has this id.') };

/**
 * The API described as OpenAPI 3.1, generated from the same zod schemas that validate requests, so the
 * document cannot drift from what the server accepts.
 */
export function createOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'workspaceApiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A workspace API key: `Authorization: Bearer jcw_…`.',
  });
  const admin = registry.registerComponent('securitySchemes', 'adminApiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator key from the ADMIN_API_KEY setting.',
  });
  const security = [{ [bearer.name]: [] }];

  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'Health check: 200 when the database answers',
    responses: {
      200: json(z.object({ status: z.literal('ok') }), 'The service and its database are up.'),
      503: error('DATABASE_UNAVAILABLE'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/openapi.json',
    summary: 'This document',
    responses: { 200: { description: 'The OpenAPI 3.1 document.' } },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/admin/workspaces',
    summary: 'Create a workspace and its API key (operator only)',
    security: [{ [admin.name]: [] }],
    request: {
      body: { content: { 'application/json': { schema: createWorkspaceBodySchema } }, required: true },
    },
    responses: {
      201: json(createdWorkspaceSchema, 'The workspace; the API key is shown only here.'),
      ...bodyErrors,
      401: error('UNAUTHENTICATED: the admin key is missing or wrong.'),
      404: error('ADMIN_API_DISABLED: ADMIN_API_KEY is not set.'),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/connections',
    summary: 'Connect a Jira Cloud site',
    description:
      'Stores the credentials encrypted and starts the connection workflow, which validates them and syncs. ' +
      'Only `api_token` connections are available so far. A workspace has at most one connection per site ' +
      'that is not disconnected.',
    security,
    request: {
      body: { content: { 'application/json': { schema: createConnectionBodySchema({}) } }, required: true },
    },
    responses: {
      201: json(connectionSchema, 'The connection, in status `validating`. Never contains the token.'),
      ...bodyErrors,
      409: error(
        'CONNECTION_EXISTS: the workspace already has a connection to this site that is not disconnected ' +
          '(the message names it; details name `site`). Use it, or disconnect it first.',
      ),
      422: error('CONNECTION_TYPE_UNSUPPORTED: `oauth` and `service_account` are not available yet.'),
      503: error(
        'TEMPORAL_UNAVAILABLE: the workflow could not be started in time (10 s); nothing was kept. ' +
          'Repeating the request is safe.',
      ),
      ...commonErrors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/connections',
    summary: 'List the connections of the workspace',
    security,
    responses: {
      200: json(connectionListSchema, 'Newest first, disconnected ones included.'),
      ...commonErrors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/connections/{connectionId}',
    summary: 'Read a connection: status, why it needs attention, last sync run, scopes',
    security,
    request: { params: connectionIdParamsSchema },
    responses: { 200: json(connectionSchema, 'The connection.'), ...connectionNotFound, ...commonErrors },
  });
  registry.registerPath({
    method: 'delete',
    path: '/v1/connections/{connectionId}',
    summary: 'Disconnect: stop syncing and delete the stored credentials (evidence is kept)',
    security,
    request: { params: connectionIdParamsSchema },
    responses: {
      202: json(acceptedResponseSchema, 'Accepted; disconnecting again is accepted too.'),
      ...connectionNotFound,
      503: temporalUnavailable,
      ...commonErrors,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/connections/{connectionId}/sync',
    summary: 'Start a sync now',
    security,
    request: { params: connectionIdParamsSchema },
    responses: {
      202: json(acceptedResponseSchema, 'The sync was requested.'),
      ...connectionNotFound,
      409: error('CONNECTION_DISCONNECTED'),
      503: temporalUnavailable,
      ...commonErrors,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/connections/{connectionId}/scopes',
    summary: 'The latest scope version of each purpose',
    security,
    request: { params: connectionIdParamsSchema },
    responses: { 200: json(scopeListSchema, 'Latest versions.'), ...connectionNotFound, ...commonErrors },
  });
  registry.registerPath({
    method: 'put',
    path: '/v1/connections/{connectionId}/scopes/{purpose}',
    summary: 'Save a new scope version for a purpose and sync it',
    description:
      'Before saving, a worker asks Jira whether the scope selects issues: the JQL of a `jql` scope, or the ' +
      '`project in (…) AND issuetype in (…)` query of a list scope. Problems found name `jql` for a JQL scope ' +
      'and `scope` for a list scope. The check waits at most 45 s. `syncRequested` is false when the sync ' +
      'could not be requested; the next periodic sync then uses the new version.',
    security,
    request: {
      params: scopeParamsSchema,
      body: { content: { 'application/json': { schema: scopeBodyDocumentSchema } }, required: true },
    },
    responses: {
      201: json(savedScopeSchema, 'The new version.'),
      ...bodyErrors,
      400: error(
        'VALIDATION_FAILED (details list each field), MALFORMED_JSON, or SCOPE_JQL_INVALID: Jira refused ' +
          "the scope's query (the message quotes Jira; details name `jql` or `scope`).",
      ),
      ...connectionNotFound,
      409: error(
        'CONNECTION_DISCONNECTED, PURPOSE_NOT_ENABLED, SCOPE_VERSION_CONFLICT, or SCOPE_JQL_UNVERIFIED: ' +
          'Jira could not be asked because the connection does not work (fix it first).',
      ),
      503: error(
        'SCOPE_JQL_UNVERIFIED: no worker checked the scope with Jira within 45 s, or Temporal is ' +
          'unavailable; nothing was saved. Try again shortly.',
      ),
      ...commonErrors,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/checks',
    summary: 'Every check with its latest status (`pending` before its first evaluation)',
    security,
    responses: { 200: json(checkListSchema, 'All checks.'), ...commonErrors },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/checks/{checkId}',
    summary: 'The latest result of a check, with failing entities and auditor JQL',
    security,
    request: { params: z.object({ checkId: z.string() }) },
    responses: { 200: json(checkDetailSchema, 'The check.'), ...checkNotFound, ...commonErrors },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/checks/{checkId}/history',
    summary: 'Results of a check in a period, with verification of its evidence chain',
    security,
    request: { params: z.object({ checkId: z.string() }), query: historyQuerySchema },
    responses: {
      200: json(checkHistorySchema, 'The results, newest first.'),
      400: error('VALIDATION_FAILED: a query parameter is invalid (details name it).'),
      ...checkNotFound,
      ...commonErrors,
    },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Jira compliance API',
      version: '1',
      description:
        'Connects Jira Cloud sites to a compliance programme. Every error is `{ "error": { "code", "message", ' +
        '"details"? } }` with a stable code.',
    },
  });
}
