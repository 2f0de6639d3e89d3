import { parseJiraTimestamp } from './jira-time.js';
import type { JiraIssue } from './types.js';

/** An issue with the values JQL filters and sorts on already read out of its JSON. */
export interface IndexedIssue {
  issue: JiraIssue;
  id: number;
  projectKey: string;
  keyNumber: number;
  createdMs: number;
  updatedMs: number;
  resolvedMs: number | null;
}

export function indexIssue(issue: JiraIssue): IndexedIssue {
  const separator = issue.key.lastIndexOf('-');

  return {
    issue,
    id: Number(issue.id),
    projectKey: issue.key.slice(0, separator),
    keyNumber: Number(issue.key.slice(separator + 1)),
    createdMs: parseJiraTimestamp(issue.fields.created),
    updatedMs: parseJiraTimestamp(issue.fields.updated),
    resolvedMs: issue.fields.resolutiondate === null ? null : parseJiraTimestamp(issue.fields.resolutiondate),
  };
}
