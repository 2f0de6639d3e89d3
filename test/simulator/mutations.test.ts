import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRealisticScenario,
  startJiraSimulator,
  type JiraSimulator,
} from '../../src/simulator/index.js';
import { NOW, call, epochOf } from './support.js';

interface SearchPage {
  issues: { id: string; key: string; fields: Record<string, unknown> }[];
  isLast: boolean;
}

const scenario = createRealisticScenario({ now: NOW });
let clock = NOW;
let simulator: JiraSimulator;

beforeAll(async () => {
  simulator = await startJiraSimulator({ scenario, clock: () => clock });
});
afterAll(async () => {
  await simulator.close();
});

const search = (
  jql: string,
  fields = ['summary', 'status', 'assignee', 'updated', 'resolutiondate', 'created'],
) => call<SearchPage>(simulator, '/rest/api/3/search/jql', { body: { jql, fields, maxResults: 100 } });

describe('mutations', () => {
  it('shows a status change to the next incremental query, with updated and resolutiondate at the change', async () => {
    const watermark = NOW.getTime();
    expect((await search(`project = CHG AND updated >= ${watermark}`)).body.issues).toEqual([]);
    const open = scenario.issues.find(
      (issue) => issue.fields.project.key === 'CHG' && issue.fields.status.name === 'Implementing',
    );
    clock = new Date(NOW.getTime() + 60_000);

    simulator.updateIssue(open?.key ?? '', { status: 'Deployed' });

    const { body } = await search(`project = CHG AND updated >= ${watermark}`);
    expect(body.issues.map((issue) => issue.key)).toEqual([open?.key]);
    const fields = body.issues[0]?.fields ?? {};
    expect((fields.status as { name: string }).name).toBe('Deployed');
    expect(epochOf(fields.updated as string)).toBe(clock.getTime());
    expect(epochOf(fields.resolutiondate as string)).toBe(clock.getTime());
  });

  it('clears the resolution when an issue is reopened', async () => {
    const done = scenario.issues.find((issue) => issue.fields.status.name === 'Mitigated');
    const reopened = simulator.updateIssue(done?.id ?? '', {
      status: 'Triage',
      at: new Date(NOW.getTime() + 120_000),
    });
    expect(reopened.fields.resolutiondate).toBeNull();
    expect(reopened.fields.resolution).toBeNull();
    const { body } = await search(`key = "${done?.key}" AND statusCategory != Done`);
    expect(body.issues.map((issue) => issue.key)).toEqual([done?.key]);
  });

  it('unassigns and reassigns', async () => {
    const assigned = scenario.issues.find(
      (issue) => issue.fields.assignee !== null && issue.key.startsWith('OPS-'),
    );
    simulator.updateIssue(assigned?.key ?? '', { assigneeAccountId: null });
    expect((await search(`key = "${assigned?.key}" AND assignee is EMPTY`)).body.issues).toHaveLength(1);

    simulator.updateIssue(assigned?.key ?? '', { assigneeAccountId: scenario.credentials.accountId });
    expect((await search(`key = "${assigned?.key}" AND assignee = currentUser()`)).body.issues).toHaveLength(
      1,
    );
  });

  it('adds an issue with the next id and key, created now', async () => {
    const lastChg = Math.max(
      ...scenario.issues
        .filter((issue) => issue.key.startsWith('CHG-'))
        .map((issue) => Number(issue.key.slice(4))),
    );
    const lastId = Math.max(...scenario.issues.map((issue) => Number(issue.id)));
    clock = new Date(NOW.getTime() + 300_000);

    const created = simulator.addIssue({
      projectKey: 'CHG',
      issueType: 'Change',
      summary: 'Enable MFA for VPN',
    });

    expect(created.key).toBe(`CHG-${lastChg + 1}`);
    expect(created.id).toBe(String(lastId + 1));
    expect(created.fields).toMatchObject({
      summary: 'Enable MFA for VPN',
      assignee: null,
      resolutiondate: null,
    });
    expect(created.fields.status.name).toBe('Awaiting CAB');
    expect(epochOf(created.fields.created)).toBe(clock.getTime());
    const { body } = await search('project = CHG ORDER BY created DESC');
    expect(body.issues[0]?.key).toBe(created.key);
    expect(simulator.scenario.issues.at(-1)).toBe(created);
  });

  it('moves an issue to another project: same id, new key, the old key no longer exists', async () => {
    const issue = scenario.issues.find((candidate) => candidate.key.startsWith('ENG-'));
    const moved = simulator.updateIssue(issue?.key ?? '', { projectKey: 'SEC' });

    expect(moved.id).toBe(issue?.id);
    expect(moved.key).toMatch(/^SEC-\d+$/);
    expect((await search(`id = ${issue?.id}`)).body.issues.map((found) => found.key)).toEqual([moved.key]);
    expect((await search(`key = "${issue?.key}"`)).status).toBe(400);
  });

  it('deletes an issue', async () => {
    const issue = scenario.issues.find((candidate) => candidate.key.startsWith('PPL-'));
    simulator.deleteIssue(issue?.key ?? '');
    expect((await search(`id = ${issue?.id}`)).body.issues).toEqual([]);
    expect(simulator.scenario.issues.some((candidate) => candidate.id === issue?.id)).toBe(false);
  });

  it('never changes the scenario object the simulator was started with', () => {
    expect(scenario).toEqual(createRealisticScenario({ now: NOW }));
  });

  it('refuses to change an issue that does not exist', () => {
    expect(() => simulator.updateIssue('NOPE-1', { summary: 'x' })).toThrow(
      'The simulator has no issue NOPE-1',
    );
  });
});
