import type { JiraIssue, JiraIssueFields } from './types.js';

/**
 * Which fields a `/search/jql` caller gets. As in Jira Cloud, the default is the issue id and nothing
 * else; `*all` and `*navigable` give every field, `-name` removes one, unknown names are ignored.
 */
export interface FieldSelection {
  /** True when only `id` was asked for (or nothing): the issue is `{ id }`. */
  idOnly: boolean;
  fields: ReadonlySet<keyof JiraIssueFields>;
}

const ALL_FIELDS: readonly (keyof JiraIssueFields)[] = [
  'summary',
  'description',
  'status',
  'statuscategorychangedate',
  'issuetype',
  'project',
  'assignee',
  'reporter',
  'creator',
  'priority',
  'labels',
  'resolution',
  'created',
  'updated',
  'resolutiondate',
];

export function selectFields(requested: readonly string[]): FieldSelection {
  const names = requested
    .flatMap((entry) => entry.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const fields = new Set<keyof JiraIssueFields>();

  for (const name of names) {
    if (name === '*all' || name === '*navigable') ALL_FIELDS.forEach((field) => fields.add(field));
    else if (isField(name)) fields.add(name);
  }
  for (const name of names) {
    const excluded = name.startsWith('-') ? name.slice(1) : '';
    if (isField(excluded)) fields.delete(excluded);
  }

  return { idOnly: names.every((name) => name === 'id'), fields };
}

export function renderIssue(issue: JiraIssue, selection: FieldSelection): object {
  if (selection.idOnly) return { id: issue.id };
  const fields = Object.fromEntries(
    ALL_FIELDS.filter((field) => selection.fields.has(field)).map((field) => [field, issue.fields[field]]),
  );

  return { expand: issue.expand, id: issue.id, self: issue.self, key: issue.key, fields };
}

function isField(name: string): name is keyof JiraIssueFields {
  return (ALL_FIELDS as readonly string[]).includes(name);
}
