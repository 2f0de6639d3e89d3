import type {
  CheckSnapshot,
  ConnectionSnapshot,
  IssueSnapshot,
  Purpose,
  ScopeSnapshot,
  SyncProblem,
  SyncRunSnapshot,
} from './types.js';

/**
 * The `resource` a sync records in `sync_runs.problems` when it could not read the issues of every scope
 * (`issues`) or of one purpose's scope (`issues:<purpose>`). Checks on those issues then report
 * `not_evaluated` instead of passing on partial data.
 */
export const ALL_ISSUES_RESOURCE = 'issues';

export function issuesResource(purpose: Purpose): string {
  return `${ALL_ISSUES_RESOURCE}:${purpose}`;
}

/** A scope whose issues are completely synced: a check can be evaluated on them. */
export interface EvaluableScope {
  connection: ConnectionSnapshot;
  scope: ScopeSnapshot;
  syncRun: SyncRunSnapshot;
  issues: IssueSnapshot[];
}

/** A scope whose issues cannot be trusted yet, with why, in words a person can act on. */
export interface UnevaluableScope {
  connection: ConnectionSnapshot;
  scope: ScopeSnapshot;
  why: string;
}

export interface ScopedIssues {
  evaluable: EvaluableScope[];
  unevaluable: UnevaluableScope[];
}

/** Connections that serve `purpose` now: they have it and are not disconnected. */
export function connectionsServing(snapshot: CheckSnapshot, purpose: Purpose): ConnectionSnapshot[] {
  return snapshot.connections.filter((c) => c.status !== 'disconnected' && c.purposes.includes(purpose));
}

/**
 * Splits the scopes of a purpose into those a check can look at and those it cannot, because no sync
 * has completed, the newest scope version has not been fully synced, or the last sync could not read
 * the issues. Disconnected connections are left out: their data is no longer kept current.
 */
export function scopedIssues(snapshot: CheckSnapshot, purpose: Purpose): ScopedIssues {
  const result: ScopedIssues = { evaluable: [], unevaluable: [] };

  for (const connection of connectionsServing(snapshot, purpose)) {
    const scope = connection.scopes[purpose];
    if (!scope) continue;

    const readiness = issuesReadiness(connection, scope, purpose);
    if (!readiness.ready) {
      result.unevaluable.push({ connection, scope, why: readiness.why });
      continue;
    }

    result.evaluable.push({
      connection,
      scope,
      syncRun: readiness.syncRun,
      issues: connection.issues[purpose] ?? [],
    });
  }

  return result;
}

type Readiness = { ready: true; syncRun: SyncRunSnapshot } | { ready: false; why: string };

function issuesReadiness(connection: ConnectionSnapshot, scope: ScopeSnapshot, purpose: Purpose): Readiness {
  const syncRun = connection.lastCompletedSyncRun;
  if (!syncRun) return { ready: false, why: 'no sync has completed yet' };
  if (!scope.lastFullSyncAt) {
    return { ready: false, why: `scope version ${scope.version} has not been fully synced yet` };
  }

  const problem = issuesProblem(connection.problems, purpose);
  if (problem) return { ready: false, why: `the last sync could not read its issues (${problem.code})` };

  return { ready: true, syncRun };
}

function issuesProblem(problems: SyncProblem[], purpose: Purpose): SyncProblem | undefined {
  return problems.find((p) => p.resource === ALL_ISSUES_RESOURCE || p.resource === issuesResource(purpose));
}

/** `acme.atlassian.net: no sync has completed yet; beta.atlassian.net: …`. */
export function describeUnevaluable(scopes: UnevaluableScope[]): string {
  return scopes.map((s) => `${s.connection.site}: ${s.why}`).join('; ');
}

/** The scope version each scope used, by connection id, for the result. */
export function scopeVersionsOf(
  scopes: readonly { connection: ConnectionSnapshot; scope: ScopeSnapshot }[],
): Record<string, number> {
  return Object.fromEntries(scopes.map((s) => [s.connection.id, s.scope.version]));
}

/** The sync runs whose data the evaluable scopes hold, without repeats. */
export function syncRunIdsOf(scopes: readonly EvaluableScope[]): string[] {
  return [...new Set(scopes.map((s) => s.syncRun.id))];
}

/**
 * The `not_evaluated` answer of a change-management check: no scope at all, or a scope whose tickets
 * could not be read. Null when every scope was read and the check can decide.
 */
export function changeTicketsNotEvaluated({
  evaluable,
  unevaluable,
}: ScopedIssues): { status: 'not_evaluated'; reason: string } | null {
  if (evaluable.length === 0 && unevaluable.length === 0) {
    return {
      status: 'not_evaluated',
      reason:
        'No change-management scope is configured; give a connection the change_management purpose and ' +
        'a scope that says which tickets are changes.',
    };
  }
  if (unevaluable.length > 0) {
    return {
      status: 'not_evaluated',
      reason: `Change tickets could not be checked: ${describeUnevaluable(unevaluable)}.`,
    };
  }
  return null;
}
