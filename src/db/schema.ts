import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** A timestamp column: read as a Date, written as a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** JSON columns are written as serialised strings and read back parsed by pg. */
type Json<T> = ColumnType<T, string, string>;

export type ConnectionType = 'api_token' | 'oauth' | 'service_account';
export type ConnectionStatus =
  'awaiting_consent' | 'validating' | 'active' | 'needs_attention' | 'disconnected';
export type Purpose =
  | 'change_management'
  | 'incident_management'
  | 'project_management'
  | 'vulnerability_management'
  | 'access_review';
export type SyncRunStatus = 'running' | 'succeeded' | 'partial' | 'failed';
export type CheckStatus = 'passing' | 'failing' | 'not_evaluated';

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  /** SHA-256 of the key, hex. The key itself is shown once and never stored. */
  key_hash: string;
  /** The first characters of the key, so a person can tell keys apart. */
  key_prefix: string;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
}

export interface ConnectionsTable {
  id: string;
  workspace_id: string;
  type: ConnectionType;
  site: string;
  purposes: Json<Purpose[]>;
  status: ConnectionStatus;
  status_code: string | null;
  status_message: string | null;
  account_id: string | null;
  cloud_id: string | null;
  /** Seconds between periodic syncs. */
  sync_interval_seconds: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
  disconnected_at: Timestamp | null;
}

export interface CredentialsTable {
  connection_id: string;
  /** Which configured key encrypted this row; allows key rotation. */
  key_id: string;
  iv: Buffer;
  auth_tag: Buffer;
  ciphertext: Buffer;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ScopesTable {
  id: string;
  connection_id: string;
  purpose: Purpose;
  version: number;
  /** `{ projects, issueTypes }` or `{ jql }`. */
  definition: Json<ScopeDefinition>;
  /** Check options such as windows in days. */
  options: Json<Record<string, number>>;
  created_at: CreatedAt;
}

export type ScopeDefinition = { projects: string[]; issueTypes: string[] } | { jql: string };

export interface ScopeSyncStateTable {
  scope_id: string;
  /** Newest `updated` seen by the last successful sync of this scope. */
  watermark: Timestamp | null;
  last_full_sync_at: Timestamp | null;
}

export interface ProjectsTable {
  connection_id: string;
  jira_id: string;
  key: string;
  name: string;
  project_type_key: string | null;
  synced_at: Timestamp;
}

export interface StatusesTable {
  connection_id: string;
  jira_id: string;
  name: string;
  /** `new`, `indeterminate`, `done` or `undefined`. */
  category_key: string;
  synced_at: Timestamp;
}

export interface IssuesTable {
  connection_id: string;
  /** Jira's immutable issue id: keys change when issues move between projects. */
  jira_id: string;
  key: string;
  project_id: string;
  project_key: string;
  issue_type_id: string | null;
  issue_type_name: string | null;
  summary: string | null;
  status_id: string | null;
  status_name: string | null;
  status_category_key: string | null;
  assignee_account_id: string | null;
  assignee_display_name: string | null;
  priority_name: string | null;
  labels: Json<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: Timestamp | null;
  synced_at: Timestamp;
  sync_run_id: string;
}

export interface ScopeIssuesTable {
  scope_id: string;
  connection_id: string;
  issue_jira_id: string;
}

export interface SyncRunsTable {
  id: string;
  connection_id: string;
  kind: 'full' | 'incremental';
  status: SyncRunStatus;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  counts: Json<SyncCounts>;
  /** Resources that could not be read, with why: `[{ resource, code, message }]`. */
  problems: Json<SyncProblem[]>;
  error_code: string | null;
  error_message: string | null;
  /** Where the run stands, for resuming it; the sync activity owns its shape. */
  checkpoint: Json<unknown> | null;
}

export interface SyncCounts {
  projects: number;
  statuses: number;
  issues: number;
  pages: number;
}

export interface SyncProblem {
  resource: string;
  code: string;
  message: string;
}

export interface CheckResultsTable {
  id: string;
  workspace_id: string;
  check_id: string;
  /** The check's name when the result was made. */
  name: string;
  status: CheckStatus;
  reason: string;
  evaluated_at: Timestamp;
  /** The one sync run the result is based on, when there is exactly one; see `sync_run_ids`. */
  sync_run_id: string | null;
  /** Every sync run the result is based on (one per connection looked at). */
  sync_run_ids: Json<string[]>;
  /** Scope versions used, by connection id. */
  scope_versions: Json<Record<string, number>>;
  failing_entities: Json<unknown[]>;
  auditor_jql: string | null;
  summary: Json<Record<string, unknown>>;
}

export interface EvidenceTable {
  id: Generated<string>;
  workspace_id: string;
  check_id: string;
  check_result_id: string;
  sequence: number;
  /** The canonical JSON of the record that `hash` covers. */
  record: string;
  previous_hash: string | null;
  hash: string;
  created_at: CreatedAt;
}

export interface Database {
  workspaces: WorkspacesTable;
  api_keys: ApiKeysTable;
  connections: ConnectionsTable;
  credentials: CredentialsTable;
  scopes: ScopesTable;
  scope_sync_state: ScopeSyncStateTable;
  scope_issues: ScopeIssuesTable;
  projects: ProjectsTable;
  statuses: StatusesTable;
  issues: IssuesTable;
  sync_runs: SyncRunsTable;
  check_results: CheckResultsTable;
  evidence: EvidenceTable;
}

export type Connection = Selectable<ConnectionsTable>;
export type NewConnection = Insertable<ConnectionsTable>;
export type ConnectionUpdate = Updateable<ConnectionsTable>;
export type Scope = Selectable<ScopesTable>;
export type Issue = Selectable<IssuesTable>;
export type NewIssue = Insertable<IssuesTable>;
export type SyncRun = Selectable<SyncRunsTable>;
export type CheckResultRow = Selectable<CheckResultsTable>;
