import { and, or, type Jql } from '../jira/jql.js';
import { scopeClauses } from '../jira/scope-jql.js';
import type { ScopeDefinition } from './types.js';

/** The scope's clauses and the check's, joined with AND; null when there is nothing to join. */
export function scopeQuery(definition: ScopeDefinition, ...criteria: Jql[]): Jql | null {
  const clauses = [...scopeClauses(definition), ...criteria];
  return clauses.length > 0 ? and(...clauses) : null;
}

export interface SiteQuery {
  site: string;
  query: Jql | null;
}

/**
 * One query per site, because a JQL runs on one Jira site: the queries of connections on the same site
 * are joined with OR. `finish` turns the query into text (for instance to append `ORDER BY`).
 */
export function auditorJqlBySite(
  queries: readonly SiteQuery[],
  finish: (query: Jql) => string = (query) => query.text,
): Record<string, string> {
  const bySite = new Map<string, Jql[]>();
  for (const { site, query } of queries) {
    if (query) bySite.set(site, [...(bySite.get(site) ?? []), query]);
  }

  return Object.fromEntries([...bySite].map(([site, parts]) => [site, finish(or(...parts))]));
}

/** The result's `auditorJql`: the one query when a single site is involved, otherwise null. */
export function singleSiteJql(bySite: Record<string, string>): string | null {
  const queries = Object.values(bySite);
  return queries.length === 1 ? (queries[0] ?? null) : null;
}
