import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiTokenConnectionBody,
  startApi,
  TEST_ADMIN_KEY,
  type ApiHarness,
  type ApiResponse,
} from './api-harness.js';

// ajv-formats is CommonJS: under NodeNext its plugin is the `default` of the imported module.
const addFormats = ajvFormats.default;

describe('GET /v1/openapi.json', () => {
  let api: ApiHarness;

  let document: any;

  beforeAll(async () => {
    api = await startApi();
    const response = await api.call('GET', '/v1/openapi.json', { apiKey: null });
    expect(response.status).toBe(200);
    document = response.body;
  });
  afterAll(async () => {
    await api.close();
  });

  it('is an OpenAPI 3.1 document listing every route with its methods', () => {
    expect(document.openapi).toBe('3.1.0');
    const methods = Object.fromEntries(
      Object.entries(document.paths as Record<string, object>).map(([path, item]) => [
        path,
        Object.keys(item).sort(),
      ]),
    );

    expect(methods).toEqual({
      '/healthz': ['get'],
      '/v1/openapi.json': ['get'],
      '/v1/admin/workspaces': ['post'],
      '/v1/connections': ['get', 'post'],
      '/v1/connections/{connectionId}': ['delete', 'get'],
      '/v1/connections/{connectionId}/sync': ['post'],
      '/v1/connections/{connectionId}/scopes': ['get'],
      '/v1/connections/{connectionId}/scopes/{purpose}': ['put'],
      '/v1/checks': ['get'],
      '/v1/checks/{checkId}': ['get'],
      '/v1/checks/{checkId}/history': ['get'],
    });
  });

  it('declares bearer authentication and the error shape on authenticated routes', () => {
    expect(document.components.securitySchemes.workspaceApiKey).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const create = document.paths['/v1/connections'].post;

    expect(create.security).toEqual([{ workspaceApiKey: [] }]);
    for (const status of ['400', '401', '409', '413', '415', '422', '503']) {
      expect(create.responses[status].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/Error',
      });
    }
  });

  it('describes the responses the API really sends', async () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: 'openapi.json', $defs: {}, components: document.components });
    const validate = (name: string, value: unknown) => {
      const check = ajv.compile({ $ref: `openapi.json#/components/schemas/${name}` });
      expect(check(value), JSON.stringify(check.errors)).toBe(true);
    };

    const connectionSchema = ajv.compile({ $ref: 'openapi.json#/components/schemas/Connection' });
    expect(connectionSchema({ id: 'x', status: 'sleeping' })).toBe(false);

    const created = await api.call('POST', '/v1/connections', { body: apiTokenConnectionBody() });
    validate('Connection', created.body);
    const scope = await api.call('PUT', `/v1/connections/${created.body.id}/scopes/change_management`, {
      body: { projects: ['CHG'], issueTypes: ['Change'] },
    });
    validate('SavedScope', scope.body);
    validate('Connection', (await api.call('GET', `/v1/connections/${created.body.id}`)).body);
    validate('Error', (await api.call('POST', '/v1/connections', { body: {} })).body);
    validate('CheckSummary', (await api.call('GET', '/v1/checks')).body.checks[0]);
  });

  it('declares the errors the API really sends when Temporal fails, a site is taken or a body is not UTF-8', async () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: 'openapi.json', $defs: {}, components: document.components });
    /** The response's status is declared for the route, and its body matches the declared schema. */
    const expectDeclared = (method: string, path: string, response: ApiResponse, status: number) => {
      expect(response.status).toBe(status);
      const declared = document.paths[path]?.[method]?.responses?.[String(status)];
      expect(declared, `${method} ${path} does not declare ${status}`).toBeDefined();
      const ref = declared.content['application/json'].schema.$ref as string;
      const check = ajv.compile({ $ref: `openapi.json${ref}` });
      expect(check(response.body), JSON.stringify(check.errors)).toBe(true);
    };
    const utf16 = { 'content-type': 'application/json; charset=utf-16' };

    const created = await api.call('POST', '/v1/connections', { body: apiTokenConnectionBody() });
    const id = created.body.id as string;
    const scopePath = `/v1/connections/${id}/scopes/change_management`;
    const taken = await api.call('POST', '/v1/connections', {
      body: apiTokenConnectionBody({ site: created.body.site }),
    });
    expectDeclared('post', '/v1/connections', taken, 409);
    expect(taken.body.error.code).toBe('CONNECTION_EXISTS');
    const refusedScope = await api.call('PUT', scopePath, {
      body: { projects: ['CHG'], issueTypes: ['Invalid'] },
    });
    expectDeclared('put', '/v1/connections/{connectionId}/scopes/{purpose}', refusedScope, 400);
    expect(refusedScope.body.error.code).toBe('SCOPE_JQL_INVALID');

    const bodyRoutes: Array<[string, string, string, unknown, string?]> = [
      ['POST', '/v1/connections', '/v1/connections', apiTokenConnectionBody()],
      ['PUT', scopePath, '/v1/connections/{connectionId}/scopes/{purpose}', { jql: 'labels = x' }],
      ['POST', '/v1/admin/workspaces', '/v1/admin/workspaces', { name: 'utf-16' }, TEST_ADMIN_KEY],
    ];
    for (const [method, path, template, body, apiKey] of bodyRoutes) {
      const response = await api.call(method, path, { body, headers: utf16, apiKey });
      expectDeclared(method.toLowerCase(), template, response, 415);
      expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }

    api.orchestrator.unavailable = true;
    api.orchestrator.failure = 'timeout';
    try {
      const temporalRoutes: Array<[string, string, string, unknown, string]> = [
        ['POST', '/v1/connections', '/v1/connections', apiTokenConnectionBody(), 'TEMPORAL_UNAVAILABLE'],
        [
          'POST',
          `/v1/connections/${id}/sync`,
          '/v1/connections/{connectionId}/sync',
          undefined,
          'TEMPORAL_UNAVAILABLE',
        ],
        [
          'DELETE',
          `/v1/connections/${id}`,
          '/v1/connections/{connectionId}',
          undefined,
          'TEMPORAL_UNAVAILABLE',
        ],
        [
          'PUT',
          scopePath,
          '/v1/connections/{connectionId}/scopes/{purpose}',
          { jql: 'labels = x' },
          'SCOPE_JQL_UNVERIFIED',
        ],
      ];
      for (const [method, path, template, body, code] of temporalRoutes) {
        const response = await api.call(method, path, { body });
        expectDeclared(method.toLowerCase(), template, response, 503);
        expect(response.body.error.code).toBe(code);
      }
    } finally {
      api.orchestrator.unavailable = false;
      api.orchestrator.failure = 'unreachable';
    }
  });
});
