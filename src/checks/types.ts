import type {
  CheckStatus,
  ConnectionStatus,
  Purpose,
  ScopeDefinition,
  SyncProblem,
  SyncRunStatus,
} from '../db/schema.js';

export type { CheckStatus, ConnectionStatus, Purpose, ScopeDefinition, SyncProblem, SyncRunStatus };

/**
 * Everything the checks of one workspace look at, read once from the database. Checks are pure functions
 * of this snapshot: they never read the clock (`now` is part of it) and never query anything.
 */
export interface CheckSnapshot {
  workspaceId: string;
  /** The evaluation time. Every age and window is measured from it. */
  now: Date;
  /** All connections of the workspace, disconnected ones included, oldest first. */
  connections: ConnectionSnapshot[];
}

export interface SyncRunSnapshot {
  id: string;
  status: SyncRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  /** Resources this run could not read. */
  problems: SyncProblem[];
}

export interface ScopeSnapshot {
  id: string;
  version: number;
  definition: ScopeDefinition;
  /** Check options such as windows in days; read them through `readCheckOption`. */
  options: Record<string, number>;
  createdAt: Date;
  /**
   * When the last complete pass over this scope version began; null until one has finished. Before that,
   * the issues linked to the scope are not the whole set, so checks on them report `not_evaluated`.
   */
  lastFullSyncAt: Date | null;
}

export interface ConnectionSnapshot {
  id: string;
  /** The normalised site host, e.g. `acme.atlassian.net`. */
  site: string;
  status: ConnectionStatus;
  /** Why the connection needs attention, when it does (a stable error code). */
  statusCode: string | null;
  purposes: Purpose[];
  syncIntervalSeconds: number;
  /** The newest sync run of any status, a running one included. */
  lastSyncRun: SyncRunSnapshot | null;
  /** The newest run with status `succeeded` or `partial`: the one whose data the checks read. */
  lastCompletedSyncRun: SyncRunSnapshot | null;
  /** The newest scope version per purpose. */
  scopes: Partial<Record<Purpose, ScopeSnapshot>>;
  /** The issues of each scope, already filtered to what the scope says counts. */
  issues: Partial<Record<Purpose, IssueSnapshot[]>>;
  /** Resources the last completed sync could not read (`lastCompletedSyncRun.problems`, or none). */
  problems: SyncProblem[];
}

export interface IssueSnapshot {
  /** Jira's immutable issue id. */
  jiraId: string;
  key: string;
  projectKey: string;
  issueTypeName: string | null;
  summary: string | null;
  statusName: string | null;
  /** `new`, `indeterminate`, `done` or `undefined`; only `done` means closed. */
  statusCategoryKey: string | null;
  /** Absent, null or empty all mean "no assignee", as Jira may leave the field out. */
  assigneeAccountId?: string | null;
  assigneeDisplayName?: string | null;
  priorityName?: string | null;
  labels?: string[];
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
}

/** A Jira issue a failing check points at, with a link a person can open. */
export interface FailingIssue {
  type: 'issue';
  connectionId: string;
  site: string;
  key: string;
  /** `https://<site>/browse/<key>`. */
  url: string;
  summary?: string;
  /** What is wrong with it, e.g. `created 2026-10-01, no assignee`. */
  detail: string;
}

/** What a failing check points at. Accounts will join issues when the access-review checks land. */
export type FailingEntity = FailingIssue;

export interface CheckResult {
  checkId: string;
  name: string;
  status: CheckStatus;
  /** One sentence a person can act on, with the numbers behind the status. */
  reason: string;
  evaluatedAt: Date;
  /** The completed sync runs whose data the result is based on. */
  syncRunIds: string[];
  /** Scope versions used, by connection id. */
  scopeVersions: Record<string, number>;
  failingEntities: FailingEntity[];
  /**
   * A JQL an auditor can paste into Jira to see the same issues, when every connection involved is on
   * one site; null otherwise (then `summary.auditorJqlBySite` holds one query per site) and for checks
   * that do not look at issues.
   */
  auditorJql: string | null;
  /** What was looked at: counts, windows, thresholds. JSON values only (instants as ISO strings). */
  summary: Record<string, unknown>;
}

/** A check: a pure function from a snapshot to its result. */
export interface CheckDefinition {
  id: string;
  name: string;
  evaluate(snapshot: CheckSnapshot): CheckResult;
}
