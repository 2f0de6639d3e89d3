import { beforeAll, describe, expect, it } from 'vitest';
import type { JiraSimulator } from '../../src/simulator/index.js';
import { instant } from '../support/scenario-expectations.js';
import {
  connectApiToken,
  useSimulatedService,
  waitFor,
  type ServiceHarness,
} from '../support/service-harness.js';

describe('a scope given as JQL', () => {
  const service = useSimulatedService();
  let simulator: JiraSimulator;
  let harness: ServiceHarness;
  let connectionId: string;

  beforeAll(async () => {
    ({ simulator, harness } = service);
    connectionId = await connectApiToken(harness, simulator, ['incident_management']);
  });

  it('is refused with the message Jira gave when Jira rejects it, and nothing is saved', async () => {
    const refused = await harness.call('PUT', `/v1/connections/${connectionId}/scopes/incident_management`, {
      jql: 'project = OPS AND priority ~~ High',
    });

    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('SCOPE_JQL_INVALID');
    expect(refused.body.error.message).toMatch(/^Jira refused the JQL: Error in the JQL Query/);
    const { body } = await harness.call('GET', `/v1/connections/${connectionId}/scopes`);
    expect(body.scopes).toEqual([]);
  });

  it('is checked with Jira, saved, synced and used by the incident check', async () => {
    const jql = 'project = OPS AND issuetype = Incident ORDER BY created DESC';
    const saved = await harness.call('PUT', `/v1/connections/${connectionId}/scopes/incident_management`, {
      jql,
      options: { resolutionDays: 0 },
    });
    expect(saved.status).toBe(201);
    expect(saved.body.definition).toEqual({ jql });

    const result = await waitFor('the incident check with the JQL scope', async () => {
      const { body } = await harness.call('GET', '/v1/checks/incident_management.incident_closed');
      return body.result?.scopeVersions[connectionId] === saved.body.version &&
        body.result.status !== 'not_evaluated'
        ? body.result
        : undefined;
    });

    // With 0 days allowed, every open incident fails, whatever its age.
    const open = simulator.scenario.issues
      .filter((i) => i.fields.project.key === 'OPS' && i.fields.issuetype.name === 'Incident')
      .filter((i) => i.fields.status.statusCategory.key !== 'done')
      .sort((a, b) => instant(a.fields.created) - instant(b.fields.created))
      .map((i) => i.key);
    expect(result.status).toBe('failing');
    expect(result.failingEntities.map((e: { key: string }) => e.key).sort()).toEqual([...open].sort());
    expect(result.auditorJql).toBe('(project = OPS AND issuetype = Incident) AND statusCategory != "Done"');
  });
});
