import type {
  CheckSnapshot,
  ConnectionSnapshot,
  IssueSnapshot,
  ScopeDefinition,
  ScopeSnapshot,
  SyncRunSnapshot,
} from '../../src/checks/types.js';

/** The evaluation time of every hand-built snapshot. */
export const NOW = new Date('2026-11-15T12:00:00.000Z');
export const DAY = 24 * 60 * 60 * 1000;

export function daysAgo(days: number, plusMs = 0): Date {
  return new Date(NOW.getTime() - days * DAY + plusMs);
}

export function minutesAgo(minutes: number): Date {
  return new Date(NOW.getTime() - minutes * 60_000);
}

export function syncRun(id: string, overrides: Partial<SyncRunSnapshot> = {}): SyncRunSnapshot {
  return {
    id,
    status: 'succeeded',
    startedAt: minutesAgo(12),
    finishedAt: minutesAgo(10),
    problems: [],
    ...overrides,
  };
}

export function scope(
  definition: ScopeDefinition,
  options: Record<string, number> = {},
  overrides: Partial<ScopeSnapshot> = {},
): ScopeSnapshot {
  return {
    id: `scope-${JSON.stringify(definition).length}`,
    version: 1,
    definition,
    options,
    createdAt: daysAgo(200),
    lastFullSyncAt: minutesAgo(12),
    ...overrides,
  };
}

export const changeScope = (options: Record<string, number> = {}, overrides: Partial<ScopeSnapshot> = {}) =>
  scope({ projects: ['CHG'], issueTypes: ['Change'] }, options, overrides);

export const incidentScope = (options: Record<string, number> = {}, overrides: Partial<ScopeSnapshot> = {}) =>
  scope({ projects: ['INC'], issueTypes: ['Incident'] }, options, overrides);

/** An issue with an assignee, created a day ago, in status "To Do". */
export function issue(key: string, overrides: Partial<IssueSnapshot> = {}): IssueSnapshot {
  return {
    jiraId: `id-${key}`,
    key,
    projectKey: key.split('-')[0] ?? key,
    issueTypeName: 'Change',
    summary: `Summary of ${key}`,
    statusName: 'To Do',
    statusCategoryKey: 'new',
    assigneeAccountId: 'account-1',
    assigneeDisplayName: 'Ada',
    createdAt: daysAgo(1),
    updatedAt: daysAgo(1),
    resolvedAt: null,
    ...overrides,
  };
}

/** An active, recently synced connection with both purposes and no scopes unless given. */
export function connection(overrides: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  const run = syncRun(`run-${overrides.id ?? 'conn-1'}`);
  return {
    id: 'conn-1',
    site: 'acme.atlassian.net',
    status: 'active',
    statusCode: null,
    purposes: ['change_management', 'incident_management'],
    syncIntervalSeconds: 3600,
    lastSyncRun: run,
    lastCompletedSyncRun: run,
    scopes: {},
    issues: {},
    problems: [],
    ...overrides,
  };
}

export function snapshot(...connections: ConnectionSnapshot[]): CheckSnapshot {
  return { workspaceId: 'workspace-1', now: NOW, connections };
}
