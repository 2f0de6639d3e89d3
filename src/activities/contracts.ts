/**
 * What crosses the workflow/activity boundary. Everything here is written to workflow history, so it
 * holds ids, counts, codes and short messages — never a Jira payload, an issue summary or a secret.
 */

export interface ConnectionRef {
  connectionId: string;
}

export type ValidationOutcome =
  { ok: true; accountId: string; isJiraAdmin: boolean } | { ok: false; code: string; message: string };

export interface SyncRunRef {
  connectionId: string;
  syncRunId: string;
}

export interface SyncOutcome {
  status: 'succeeded' | 'partial';
  counts: { projects: number; statuses: number; issues: number; pages: number };
  problems: number;
}

export interface FinishSyncRunInput extends SyncRunRef {
  status: 'failed';
  errorCode: string;
  errorMessage: string;
}

export interface EvaluateChecksInput {
  workspaceId: string;
  syncRunId: string | null;
}

export interface EvaluateChecksOutcome {
  evaluated: number;
  failing: number;
  notEvaluated: number;
}

export interface StatusChange {
  connectionId: string;
  status: 'active' | 'needs_attention' | 'disconnected';
  code: string | null;
  message: string | null;
}

export interface JqlCheckInput {
  connectionId: string;
  jql: string;
}

export type JqlCheckOutcome =
  { ok: true } | { ok: false; code: 'SCOPE_JQL_INVALID' | 'SCOPE_JQL_UNVERIFIED'; messages: string[] };
