import type { ScopeDefinition } from '../db/schema.js';
import { and, inList, userJql, type Jql } from './jql.js';

/**
 * The clauses that select a scope's issues in Jira: `project in (…)` and `issuetype in (…)` for a list
 * scope (an empty list does not restrict), or the user's own JQL in parentheses. Callers append their
 * own clauses and join them all with one `and(…)`, so the query reads flat.
 */
export function scopeClauses(definition: ScopeDefinition): Jql[] {
  if ('jql' in definition) return [userJql(definition.jql)];

  const clauses: Jql[] = [];
  if (definition.projects.length > 0) clauses.push(inList('project', definition.projects));
  if (definition.issueTypes.length > 0) clauses.push(inList('issuetype', definition.issueTypes));
  return clauses;
}

/** The JQL that selects a scope's issues; the API refuses scopes that would select everything. */
export function scopeJql(definition: ScopeDefinition): Jql {
  const clauses = scopeClauses(definition);
  if (clauses.length === 0) throw new RangeError('A scope needs projects, issue types or JQL');
  return and(...clauses);
}
