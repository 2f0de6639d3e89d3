import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  ConnectionStatus,
  Database,
  Purpose,
  ScopeDefinition,
  SyncProblem,
  SyncRunStatus,
} from '../../src/db/schema.js';

/** Rows for database tests: each test makes its own workspace, so tests never see each other's data. */

export async function insertWorkspace(db: Kysely<Database>): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('workspaces')
    .values({ id, name: `checks test ${id}` })
    .execute();
  return id;
}

export async function insertConnection(
  db: Kysely<Database>,
  workspaceId: string,
  values: { site?: string; status?: ConnectionStatus; purposes?: Purpose[]; createdAt?: Date } = {},
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('connections')
    .values({
      id,
      workspace_id: workspaceId,
      type: 'api_token',
      site: values.site ?? 'acme.atlassian.net',
      purposes: JSON.stringify(values.purposes ?? ['change_management', 'incident_management']),
      status: values.status ?? 'active',
      sync_interval_seconds: 3600,
      updated_at: new Date(),
      ...(values.createdAt ? { created_at: values.createdAt } : {}),
    })
    .execute();
  return id;
}

export async function insertScope(
  db: Kysely<Database>,
  connectionId: string,
  values: {
    purpose: Purpose;
    version: number;
    definition: ScopeDefinition;
    options?: Record<string, number>;
    lastFullSyncAt?: Date | null;
  },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('scopes')
    .values({
      id,
      connection_id: connectionId,
      purpose: values.purpose,
      version: values.version,
      definition: JSON.stringify(values.definition),
      options: JSON.stringify(values.options ?? {}),
    })
    .execute();
  if (values.lastFullSyncAt) {
    await db
      .insertInto('scope_sync_state')
      .values({ scope_id: id, watermark: values.lastFullSyncAt, last_full_sync_at: values.lastFullSyncAt })
      .execute();
  }
  return id;
}

export async function insertSyncRun(
  db: Kysely<Database>,
  connectionId: string,
  values: { status: SyncRunStatus; startedAt: Date; finishedAt?: Date | null; problems?: SyncProblem[] },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('sync_runs')
    .values({
      id,
      connection_id: connectionId,
      kind: 'full',
      status: values.status,
      started_at: values.startedAt,
      finished_at: values.finishedAt ?? null,
      counts: JSON.stringify({ projects: 0, statuses: 0, issues: 0, pages: 0 }),
      problems: JSON.stringify(values.problems ?? []),
    })
    .execute();
  return id;
}

export interface IssueValues {
  jiraId: string;
  key: string;
  projectKey?: string;
  issueTypeName?: string | null;
  statusName?: string | null;
  statusCategoryKey?: string | null;
  assigneeAccountId?: string | null;
  createdAt: Date;
  /** Scope ids the sync linked this issue to. */
  scopeIds?: string[];
}

export async function insertIssue(
  db: Kysely<Database>,
  connectionId: string,
  syncRunId: string,
  values: IssueValues,
): Promise<void> {
  const projectKey = values.projectKey ?? values.key.split('-')[0] ?? 'X';
  await db
    .insertInto('issues')
    .values({
      connection_id: connectionId,
      jira_id: values.jiraId,
      key: values.key,
      project_id: `p-${projectKey}`,
      project_key: projectKey,
      issue_type_id: '1',
      issue_type_name: values.issueTypeName === undefined ? 'Change' : values.issueTypeName,
      summary: `Summary of ${values.key}`,
      status_id: '3',
      status_name: values.statusName === undefined ? 'To Do' : values.statusName,
      status_category_key: values.statusCategoryKey === undefined ? 'new' : values.statusCategoryKey,
      assignee_account_id: values.assigneeAccountId === undefined ? 'account-1' : values.assigneeAccountId,
      assignee_display_name: values.assigneeAccountId === null ? null : 'Ada',
      priority_name: null,
      labels: JSON.stringify([]),
      created_at: values.createdAt,
      updated_at: values.createdAt,
      resolved_at: null,
      synced_at: values.createdAt,
      sync_run_id: syncRunId,
    })
    .execute();
  for (const scopeId of values.scopeIds ?? []) {
    await db
      .insertInto('scope_issues')
      .values({ scope_id: scopeId, connection_id: connectionId, issue_jira_id: values.jiraId })
      .execute();
  }
}
