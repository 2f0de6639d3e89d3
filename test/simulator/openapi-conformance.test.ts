import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRealisticScenario,
  startJiraSimulator,
  type JiraSimulator,
} from '../../src/simulator/index.js';
import { NOW, call, sharedExists, sharedRoot } from './support.js';

/**
 * Every answer of the simulator, checked against the official Jira Cloud OpenAPI description. The
 * spec's schemas are loaded as one document so that its `#/components/schemas/...` references resolve.
 */

function createValidator(): (schemaName: string) => ValidateFunction {
  const spec = JSON.parse(
    readFileSync(path.join(sharedRoot, 'jira/openapi/jira-platform-v3.json'), 'utf8'),
  ) as {
    components: { schemas: Record<string, unknown> };
  };
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  // ajv-formats is CommonJS: under NodeNext its plugin is the default export's `default`.
  ajvFormats.default(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  ajv.addSchema({ $id: 'jira-platform-v3', components: { schemas: spec.components.schemas } });

  const cache = new Map<string, ValidateFunction>();
  return (schemaName) => {
    let validate = cache.get(schemaName);
    if (!validate) {
      validate = ajv.compile({ $ref: `jira-platform-v3#/components/schemas/${schemaName}` });
      cache.set(schemaName, validate);
    }
    return validate;
  };
}

describe.skipIf(!sharedExists)('simulator answers conform to the Jira OpenAPI spec (needs ../shared)', () => {
  let schema: (schemaName: string) => ValidateFunction;
  let simulator: JiraSimulator;

  const expectValid = (schemaName: string, value: unknown) => {
    const validate = schema(schemaName);
    expect(validate(value) ? [] : validate.errors, schemaName).toEqual([]);
  };

  beforeAll(async () => {
    schema = createValidator();
    simulator = await startJiraSimulator({
      scenario: createRealisticScenario({ now: NOW }),
      clock: () => NOW,
    });
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it('has a validator that rejects what the spec forbids', () => {
    expect(schema('User')({ accountId: 'x', favouriteColour: 'blue' })).toBe(false);
    expect(schema('SearchAndReconcileResults')({ issues: [], total: 3 })).toBe(false);
    expect(schema('ServerInformation')({ serverTime: 'yesterday' })).toBe(false);
  });

  it('GET /myself is a User', async () => {
    expectValid('User', (await call(simulator, '/rest/api/3/myself')).body);
  });

  it('GET /mypermissions is Permissions, and its 400 an ErrorCollection', async () => {
    expectValid(
      'Permissions',
      (await call(simulator, '/rest/api/3/mypermissions?permissions=ADMINISTER,BROWSE_PROJECTS')).body,
    );
    expectValid('ErrorCollection', (await call(simulator, '/rest/api/3/mypermissions')).body);
  });

  it('GET /serverInfo is ServerInformation', async () => {
    expectValid('ServerInformation', (await call(simulator, '/rest/api/3/serverInfo')).body);
  });

  it('GET /project/search is a PageBeanProject, with and without insight', async () => {
    expectValid('PageBeanProject', (await call(simulator, '/rest/api/3/project/search?maxResults=2')).body);
    expectValid('PageBeanProject', (await call(simulator, '/rest/api/3/project/search?expand=insight')).body);
  });

  it('GET /status is an array of StatusDetails', async () => {
    const { body } = await call<unknown[]>(simulator, '/rest/api/3/status');
    expect(body.length).toBeGreaterThan(0);
    for (const status of body) expectValid('StatusDetails', status);
  });

  it('GET /statuses/search is a PageOfStatuses', async () => {
    expectValid('PageOfStatuses', (await call(simulator, '/rest/api/3/statuses/search?maxResults=4')).body);
  });

  it("GET and POST /search/jql are SearchAndReconcileResults whose issue fields have the spec's shapes", async () => {
    const jql = 'project in ("CHG", "OPS", "IS") ORDER BY created DESC';
    const viaGet = await call(
      simulator,
      `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}&maxResults=5`,
    );
    const viaPost = await call<{ issues: { fields: Record<string, unknown> }[] }>(
      simulator,
      '/rest/api/3/search/jql',
      {
        body: { jql, maxResults: 100, fields: ['*all'] },
      },
    );
    expectValid('SearchAndReconcileResults', viaGet.body);
    expectValid('SearchAndReconcileResults', viaPost.body);

    for (const { fields } of viaPost.body.issues) {
      expectValid('StatusDetails', fields.status);
      expectValid('IssueTypeDetails', fields.issuetype);
      expectValid('ProjectDetails', fields.project);
      for (const user of [fields.assignee, fields.reporter, fields.creator])
        if (user !== null) expectValid('User', user);
      if (fields.priority !== null) expectValid('Priority', fields.priority);
      if (fields.resolution !== null) expectValid('Resolution', fields.resolution);
    }
  });

  it('POST /search/approximate-count is a JQLCountResultsBean', async () => {
    const { body } = await call(simulator, '/rest/api/3/search/approximate-count', {
      body: { jql: 'project = CHG' },
    });
    expectValid('JQLCountResultsBean', body);
  });

  it('errors are ErrorCollections: 400 bad JQL, 404, 410', async () => {
    expectValid('ErrorCollection', (await call(simulator, '/rest/api/3/search/jql?jql=project%20%3D')).body);
    expectValid('ErrorCollection', (await call(simulator, '/rest/api/3/nothing-here')).body);
    expectValid('ErrorCollection', (await call(simulator, '/rest/api/3/search?jql=project%3DOPS')).body);
  });
});
