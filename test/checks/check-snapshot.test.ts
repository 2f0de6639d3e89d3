import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Kysely } from 'kysely';
import { evaluateAllChecks } from '../../src/checks/registry.js';
import { loadCheckSnapshot } from '../../src/db/check-snapshot.js';
import { createDatabase } from '../../src/db/database.js';
import type { Database } from '../../src/db/schema.js';
import { insertConnection, insertIssue, insertScope, insertSyncRun, insertWorkspace } from './db-fixtures.js';

const NOW = new Date('2026-11-15T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

let db: Kysely<Database>;

beforeAll(() => {
  db = createDatabase(inject('databaseUrl'), { maxConnections: 4 });
});

afterAll(async () => {
  await db.destroy();
});

describe('loadCheckSnapshot', () => {
  it('reads the newest scope versions, their current issues and the latest sync runs of the workspace', async () => {
    const workspaceId = await insertWorkspace(db);
    const otherWorkspaceId = await insertWorkspace(db);
    const connectionId = await insertConnection(db, workspaceId, { createdAt: daysAgo(10) });
    const disconnectedId = await insertConnection(db, workspaceId, {
      site: 'old.atlassian.net',
      status: 'disconnected',
      purposes: ['change_management'],
      createdAt: daysAgo(5),
    });
    const foreignId = await insertConnection(db, otherWorkspaceId);

    const oldChangeScope = await insertScope(db, connectionId, {
      purpose: 'change_management',
      version: 1,
      definition: { projects: ['CHG'], issueTypes: ['Change'] },
      lastFullSyncAt: daysAgo(2),
    });
    const changeScope = await insertScope(db, connectionId, {
      purpose: 'change_management',
      version: 2,
      definition: { projects: ['chg'], issueTypes: ['Change', 'Change Request'] },
      options: { reviewWindowDays: 30 },
      lastFullSyncAt: hoursAgo(2),
    });
    const incidentScope = await insertScope(db, connectionId, {
      purpose: 'incident_management',
      version: 1,
      definition: { jql: 'labels = incident' },
    });
    const disconnectedScope = await insertScope(db, disconnectedId, {
      purpose: 'change_management',
      version: 1,
      definition: { projects: ['CHG'], issueTypes: ['Change'] },
      lastFullSyncAt: daysAgo(30),
    });

    await insertSyncRun(db, connectionId, {
      status: 'succeeded',
      startedAt: hoursAgo(4),
      finishedAt: hoursAgo(3.9),
    });
    const problems = [
      { resource: 'groups', code: 'JIRA_FORBIDDEN', message: 'needs Browse users and groups' },
    ];
    const partialRun = await insertSyncRun(db, connectionId, {
      status: 'partial',
      startedAt: hoursAgo(2),
      finishedAt: hoursAgo(1.9),
      problems,
    });
    await insertSyncRun(db, connectionId, {
      status: 'failed',
      startedAt: hoursAgo(1),
      finishedAt: hoursAgo(0.9),
    });
    const runningRun = await insertSyncRun(db, connectionId, { status: 'running', startedAt: hoursAgo(0.1) });
    const foreignRun = await insertSyncRun(db, foreignId, { status: 'succeeded', startedAt: hoursAgo(1) });

    const created = new Date('2026-11-01T10:15:00.000Z');
    await insertIssue(db, connectionId, partialRun, {
      jiraId: '10001',
      key: 'CHG-1',
      assigneeAccountId: null,
      createdAt: created,
      scopeIds: [oldChangeScope, changeScope],
    });
    // Linked to the new version but now of another type, or moved to another project: no longer in scope.
    await insertIssue(db, connectionId, partialRun, {
      jiraId: '10002',
      key: 'CHG-2',
      issueTypeName: 'Bug',
      createdAt: created,
      scopeIds: [changeScope],
    });
    await insertIssue(db, connectionId, partialRun, {
      jiraId: '10003',
      key: 'OPS-3',
      issueTypeName: 'Change',
      createdAt: created,
      scopeIds: [changeScope],
    });
    await insertIssue(db, connectionId, partialRun, {
      jiraId: '10004',
      key: 'CHG-4',
      issueTypeName: 'change request',
      createdAt: daysAgo(3),
      scopeIds: [changeScope],
    });
    // Linked only to the old scope version.
    await insertIssue(db, connectionId, partialRun, {
      jiraId: '10005',
      key: 'CHG-5',
      createdAt: created,
      scopeIds: [oldChangeScope],
    });
    await insertIssue(db, connectionId, partialRun, {
      jiraId: '10006',
      key: 'INC-6',
      issueTypeName: 'Incident',
      statusName: 'Mitigated',
      statusCategoryKey: 'done',
      createdAt: created,
      scopeIds: [incidentScope],
    });
    // The same Jira id on another connection must not join onto this connection's scope.
    await insertIssue(db, foreignId, foreignRun, { jiraId: '10001', key: 'FOREIGN-1', createdAt: created });
    await insertIssue(db, disconnectedId, partialRun, {
      jiraId: '20001',
      key: 'CHG-9',
      createdAt: created,
      scopeIds: [disconnectedScope],
    });

    const snapshot = await loadCheckSnapshot(db, workspaceId, NOW);

    expect(snapshot.workspaceId).toBe(workspaceId);
    expect(snapshot.now).toBe(NOW);
    expect(snapshot.connections.map((c) => c.id)).toEqual([connectionId, disconnectedId]);

    const [connection, disconnected] = snapshot.connections;
    expect(connection).toMatchObject({
      site: 'acme.atlassian.net',
      status: 'active',
      statusCode: null,
      purposes: ['change_management', 'incident_management'],
      syncIntervalSeconds: 3600,
      lastSyncRun: { id: runningRun, status: 'running', finishedAt: null, problems: [] },
      lastCompletedSyncRun: { id: partialRun, status: 'partial', finishedAt: hoursAgo(1.9), problems },
      problems,
    });
    expect(connection?.scopes.change_management).toEqual({
      id: changeScope,
      version: 2,
      definition: { projects: ['chg'], issueTypes: ['Change', 'Change Request'] },
      options: { reviewWindowDays: 30 },
      createdAt: expect.any(Date),
      lastFullSyncAt: hoursAgo(2),
    });
    expect(connection?.scopes.incident_management).toMatchObject({ version: 1, lastFullSyncAt: null });
    expect(connection?.issues.change_management?.map((i) => i.key)).toEqual(['CHG-1', 'CHG-4']);
    expect(connection?.issues.change_management?.[0]).toEqual({
      jiraId: '10001',
      key: 'CHG-1',
      projectKey: 'CHG',
      issueTypeName: 'Change',
      summary: 'Summary of CHG-1',
      statusName: 'To Do',
      statusCategoryKey: 'new',
      assigneeAccountId: null,
      assigneeDisplayName: null,
      priorityName: null,
      labels: [],
      createdAt: created,
      updatedAt: created,
      resolvedAt: null,
    });
    expect(connection?.issues.incident_management?.map((i) => [i.key, i.statusCategoryKey])).toEqual([
      ['INC-6', 'done'],
    ]);

    expect(disconnected?.status).toBe('disconnected');
    expect(disconnected?.scopes.change_management?.version).toBe(1);
    expect(disconnected?.issues).toEqual({});
    expect(disconnected?.lastSyncRun).toBeNull();
    expect(disconnected?.lastCompletedSyncRun).toBeNull();
    expect(disconnected?.problems).toEqual([]);
  });

  it('feeds the checks: an unassigned change ticket fails, an incident scope never fully synced is not evaluated', async () => {
    const workspaceId = await insertWorkspace(db);
    const connectionId = await insertConnection(db, workspaceId);
    const changeScope = await insertScope(db, connectionId, {
      purpose: 'change_management',
      version: 1,
      definition: { projects: ['CHG'], issueTypes: ['Change'] },
      lastFullSyncAt: hoursAgo(1),
    });
    await insertScope(db, connectionId, {
      purpose: 'incident_management',
      version: 1,
      definition: { projects: ['INC'], issueTypes: ['Incident'] },
    });
    const run = await insertSyncRun(db, connectionId, {
      status: 'succeeded',
      startedAt: hoursAgo(1),
      finishedAt: hoursAgo(0.5),
    });
    await insertIssue(db, connectionId, run, {
      jiraId: '1',
      key: 'CHG-1',
      assigneeAccountId: null,
      createdAt: daysAgo(2),
      scopeIds: [changeScope],
    });

    const results = evaluateAllChecks(await loadCheckSnapshot(db, workspaceId, NOW));

    expect(results.map((r) => [r.checkId, r.status])).toEqual([
      ['change_management.ticketing_system_configured', 'passing'],
      ['change_management.system_connected', 'passing'],
      ['change_management.ticket_has_assignee', 'failing'],
      ['change_management.recent_ticket_activity', 'passing'],
      ['incident_management.incident_closed', 'not_evaluated'],
    ]);
    expect(results[2]?.failingEntities.map((e) => e.key)).toEqual(['CHG-1']);
    expect(results[2]?.syncRunIds).toEqual([run]);
  });

  it('returns no connections for a workspace without any', async () => {
    const workspaceId = await insertWorkspace(db);

    expect(await loadCheckSnapshot(db, workspaceId, NOW)).toEqual({ workspaceId, now: NOW, connections: [] });
  });
});
