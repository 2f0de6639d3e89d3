import type { Scope } from '../db/schema.js';
import { and, onOrAfter, orderBy } from '../jira/jql.js';
import { scopeJql } from '../jira/scope-jql.js';

/**
 * How far back an incremental sync reaches before the last pass began: covers clock skew between
 * the worker and Jira, and Jira's search index catching up (it is eventually consistent).
 */
export const INCREMENTAL_OVERLAP_MS = 10 * 60 * 1000;

/**
 * The search for one pass over a scope. Ordered by creation, which never changes, so an issue updated
 * while the pass pages through cannot shift the pages and make the pass skip another issue.
 */
export function scopeSearchJql(scope: Pick<Scope, 'definition'>, watermark: Date | null): string {
  const base = scopeJql(scope.definition);
  const query = watermark
    ? and(base, onOrAfter('updated', new Date(watermark.getTime() - INCREMENTAL_OVERLAP_MS)))
    : base;
  return orderBy(query, 'created', 'ASC');
}
