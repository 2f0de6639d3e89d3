import type { ConnectionSnapshot, FailingIssue, IssueSnapshot } from './types.js';

/** The failing-entity entry for an issue, with the link a person opens to fix it. */
export function failingIssue(
  connection: ConnectionSnapshot,
  issue: IssueSnapshot,
  detail: string,
): FailingIssue {
  return {
    type: 'issue',
    connectionId: connection.id,
    site: connection.site,
    key: issue.key,
    url: issueUrl(connection.site, issue.key),
    ...(issue.summary ? { summary: issue.summary } : {}),
    detail,
  };
}

export function issueUrl(site: string, key: string): string {
  return `https://${site}/browse/${encodeURIComponent(key)}`;
}

/** `CHG-1, CHG-2, CHG-3`, or `CHG-1, CHG-2, CHG-3, CHG-4, CHG-5 and 7 more`: keys for a reason. */
export function listKeys(keys: readonly string[], max = 5): string {
  const shown = keys.slice(0, max).join(', ');
  return keys.length > max ? `${shown} and ${keys.length - max} more` : shown;
}

/** Oldest first, then by key: the order failing issues are listed in. */
export function byCreatedThenKey(a: IssueSnapshot, b: IssueSnapshot): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || compareText(a.key, b.key);
}

/** `1 change ticket`, `3 change tickets`. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Code-unit order, the same on every machine (unlike `localeCompare`). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
