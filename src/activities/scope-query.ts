import type { Scope } from '../db/schema.js';
import { and, inList, onOrAfter, orderBy, userJql, type Jql } from '../jira/jql.js';

/**
 * How far back an incremental sync reaches before the last pass began: covers clock skew between
 * the worker and Jira, and Jira's search index catching up (it is eventually consistent).
 */
export const INCREMENTAL_OVERLAP_MS = 10 * 60 * 1000;

/** The JQL that selects a scope's issues. */
export function scopeJql(scope: Pick<Scope, 'definition'>): Jql {
  const definition = scope.definition;
  if ('jql' in definition) return userJql(definition.jql);
  return and(inList('project', definition.projects), inList('issuetype', definition.issueTypes));
}

/**
 * The search for one pass over a scope. Ordered by creation, which never changes, so an issue updated
 * while the pass pages through cannot shift the pages and make the pass skip another issue.
 */
export function scopeSearchJql(scope: Pick<Scope, 'definition'>, watermark: Date | null): string {
  const base = scopeJql(scope);
  const query = watermark
    ? and(base, onOrAfter('updated', new Date(watermark.getTime() - INCREMENTAL_OVERLAP_MS)))
    : base;
  return orderBy(query, 'created', 'ASC');
}
