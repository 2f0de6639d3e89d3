import type { Kysely } from 'kysely';
import type {
  CheckSnapshot,
  ConnectionSnapshot,
  IssueSnapshot,
  ScopeSnapshot,
  SyncRunSnapshot,
} from '../checks/types.js';
import type { Database, Issue, Purpose, ScopeDefinition, SyncRun } from './schema.js';

/**
 * Reads what the checks of a workspace look at, in five queries whatever the number of issues:
 * connections, the newest scope version per connection and purpose, the newest sync run and the newest
 * completed one per connection, and the issues linked to those scopes. Issues of disconnected
 * connections are not loaded: no check reads them.
 */
export async function loadCheckSnapshot(
  db: Kysely<Database>,
  workspaceId: string,
  now: Date,
): Promise<CheckSnapshot> {
  const connections = await db
    .selectFrom('connections')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (connections.length === 0) return { workspaceId, now, connections: [] };

  const connectionIds = connections.map((c) => c.id);
  const [scopes, lastRuns, completedRuns] = await Promise.all([
    latestScopes(db, connectionIds),
    latestSyncRuns(db, connectionIds, false),
    latestSyncRuns(db, connectionIds, true),
  ]);
  const liveIds = new Set(connections.filter((c) => c.status !== 'disconnected').map((c) => c.id));
  const issues = await scopeIssues(
    db,
    scopes.filter((s) => liveIds.has(s.connection_id)).map((s) => s.id),
  );

  return {
    workspaceId,
    now,
    connections: connections.map((c): ConnectionSnapshot => {
      const lastCompletedSyncRun = completedRuns.get(c.id) ?? null;
      const scopesOfConnection = scopes.filter((s) => s.connection_id === c.id);
      return {
        id: c.id,
        site: c.site,
        status: c.status,
        statusCode: c.status_code,
        purposes: c.purposes,
        syncIntervalSeconds: c.sync_interval_seconds,
        lastSyncRun: lastRuns.get(c.id) ?? null,
        lastCompletedSyncRun,
        scopes: Object.fromEntries(scopesOfConnection.map((s) => [s.purpose, toScopeSnapshot(s)])),
        issues: liveIds.has(c.id)
          ? Object.fromEntries(
              scopesOfConnection.map((s) => [
                s.purpose,
                (issues.get(s.id) ?? []).filter((i) => inListScope(s.definition, i)).map(toIssueSnapshot),
              ]),
            )
          : {},
        problems: lastCompletedSyncRun?.problems ?? [],
      };
    }),
  };
}

interface ScopeRow {
  id: string;
  connection_id: string;
  purpose: Purpose;
  version: number;
  definition: ScopeDefinition;
  options: Record<string, number>;
  created_at: Date;
  last_full_sync_at: Date | null;
}

async function latestScopes(db: Kysely<Database>, connectionIds: string[]): Promise<ScopeRow[]> {
  return db
    .selectFrom('scopes')
    .leftJoin('scope_sync_state', 'scope_sync_state.scope_id', 'scopes.id')
    .distinctOn(['scopes.connection_id', 'scopes.purpose'])
    .select([
      'scopes.id',
      'scopes.connection_id',
      'scopes.purpose',
      'scopes.version',
      'scopes.definition',
      'scopes.options',
      'scopes.created_at',
      'scope_sync_state.last_full_sync_at',
    ])
    .where('scopes.connection_id', 'in', connectionIds)
    .orderBy('scopes.connection_id')
    .orderBy('scopes.purpose')
    .orderBy('scopes.version', 'desc')
    .execute();
}

/** The newest run per connection; with `completed`, the newest that succeeded or was partial. */
async function latestSyncRuns(
  db: Kysely<Database>,
  connectionIds: string[],
  completed: boolean,
): Promise<Map<string, SyncRunSnapshot>> {
  let query = db
    .selectFrom('sync_runs')
    .distinctOn('connection_id')
    .select(['id', 'connection_id', 'status', 'started_at', 'finished_at', 'problems'])
    .where('connection_id', 'in', connectionIds);
  if (completed) query = query.where('status', 'in', ['succeeded', 'partial']);
  const rows = await query
    .orderBy('connection_id')
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

  return new Map(rows.map((r) => [r.connection_id, toSyncRunSnapshot(r)]));
}

/** The issues linked to each scope, by scope id; issues are matched on connection and Jira id. */
async function scopeIssues(db: Kysely<Database>, scopeIds: string[]): Promise<Map<string, Issue[]>> {
  const byScope = new Map<string, Issue[]>();
  if (scopeIds.length === 0) return byScope;

  const rows = await db
    .selectFrom('scope_issues')
    .innerJoin('issues', (join) =>
      join
        .onRef('issues.connection_id', '=', 'scope_issues.connection_id')
        .onRef('issues.jira_id', '=', 'scope_issues.issue_jira_id'),
    )
    .selectAll('issues')
    .select('scope_issues.scope_id')
    .where('scope_issues.scope_id', 'in', scopeIds)
    .orderBy('issues.created_at')
    .orderBy('issues.jira_id')
    .execute();

  for (const { scope_id, ...issue } of rows) {
    const list = byScope.get(scope_id);
    if (list) list.push(issue);
    else byScope.set(scope_id, [issue]);
  }
  return byScope;
}

/**
 * For a list scope, an issue counts while its current project and issue type are listed: issues move
 * between projects and change type after the sync linked them. Matching ignores case, as JQL does. A JQL
 * scope is whatever Jira returned for it.
 */
function inListScope(definition: ScopeDefinition, issue: Issue): boolean {
  if ('jql' in definition) return true;

  return (
    matchesAny(definition.projects, issue.project_key) &&
    matchesAny(definition.issueTypes, issue.issue_type_name)
  );
}

/** An empty list does not restrict; a listed value must match, ignoring case. */
function matchesAny(listed: readonly string[], value: string | null): boolean {
  if (listed.length === 0) return true;
  if (value === null) return false;

  const lower = value.toLowerCase();
  return listed.some((l) => l.toLowerCase() === lower);
}

function toScopeSnapshot(row: ScopeRow): ScopeSnapshot {
  return {
    id: row.id,
    version: row.version,
    definition: row.definition,
    options: row.options,
    createdAt: row.created_at,
    lastFullSyncAt: row.last_full_sync_at,
  };
}

function toSyncRunSnapshot(
  row: Pick<SyncRun, 'id' | 'status' | 'started_at' | 'finished_at' | 'problems'>,
): SyncRunSnapshot {
  return {
    id: row.id,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    problems: row.problems,
  };
}

function toIssueSnapshot(row: Issue): IssueSnapshot {
  return {
    jiraId: row.jira_id,
    key: row.key,
    projectKey: row.project_key,
    issueTypeName: row.issue_type_name,
    summary: row.summary,
    statusName: row.status_name,
    statusCategoryKey: row.status_category_key,
    assigneeAccountId: row.assignee_account_id,
    assigneeDisplayName: row.assignee_display_name,
    priorityName: row.priority_name,
    labels: row.labels,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
  };
}
