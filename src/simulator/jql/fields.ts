import type { IndexedIssue } from '../indexed-issue.js';
import type {
  JiraIssueType,
  JiraPriority,
  JiraProject,
  JiraStatus,
  JiraStatusCategory,
  JiraUser,
} from '../types.js';
import type { ClauseOperator } from './ast.js';
import { JqlError } from './jql-error.js';

/** What JQL values are resolved against: the site's configuration and the calling user. */
export interface JqlCatalog {
  projects: readonly JiraProject[];
  issueTypes: readonly JiraIssueType[];
  statuses: readonly JiraStatus[];
  statusCategories: readonly JiraStatusCategory[];
  priorities: readonly JiraPriority[];
  users: readonly JiraUser[];
  /** The issue id for a key (any case), if the issue exists. */
  issueIdForKey: (key: string) => string | undefined;
}

/**
 * A field whose value is a set of canonical ids (an empty set is EMPTY). Values in a query are resolved
 * to those ids, and an unknown value is refused as Jira does.
 */
export interface IdentityField {
  kind: 'identity';
  read: (entry: IndexedIssue) => readonly string[];
  resolve: (value: string, field: string, catalog: JqlCatalog) => string;
}

export interface DateField {
  kind: 'date';
  read: (entry: IndexedIssue) => number | null;
}

export interface TextField {
  kind: 'text';
  read: (entry: IndexedIssue) => string;
}

export type FieldDefinition = IdentityField | DateField | TextField;

const IDENTITY_OPERATORS: ReadonlySet<ClauseOperator> = new Set(['=', '!=', 'in', 'not in', 'is', 'is not']);
const DATE_OPERATORS: ReadonlySet<ClauseOperator> = new Set([
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'not in',
  'is',
  'is not',
]);
const TEXT_OPERATORS: ReadonlySet<ClauseOperator> = new Set(['~', '!~', 'is', 'is not']);

export function operatorsOf(field: FieldDefinition): ReadonlySet<ClauseOperator> {
  return field.kind === 'identity'
    ? IDENTITY_OPERATORS
    : field.kind === 'date'
      ? DATE_OPERATORS
      : TEXT_OPERATORS;
}

function missing(value: string, field: string): JqlError {
  return new JqlError(`The value '${value}' does not exist for the field '${field}'.`);
}

function lookup<T>(items: readonly T[], value: string, field: string, ...keys: ((item: T) => string)[]): T {
  const lower = value.toLowerCase();
  const item = items.find((candidate) => keys.some((key) => key(candidate).toLowerCase() === lower));
  if (item === undefined) throw missing(value, field);
  return item;
}

function userField(read: (entry: IndexedIssue) => JiraUser | null): IdentityField {
  return {
    kind: 'identity',
    read: (entry) => {
      const user = read(entry);
      return user ? [user.accountId] : [];
    },
    resolve: (value, field, catalog) =>
      lookup(
        catalog.users,
        value,
        field,
        (u) => u.accountId,
        (u) => u.emailAddress ?? '',
        (u) => u.displayName,
      ).accountId,
  };
}

const issueKeyField: IdentityField = {
  kind: 'identity',
  read: (entry) => [entry.issue.id],
  resolve: (value, field, catalog) => {
    if (/^\d+$/.test(value)) return value;
    const id = catalog.issueIdForKey(value);
    if (id === undefined)
      throw new JqlError(`An issue with key '${value}' does not exist for field '${field}'.`);
    return id;
  },
};

const issueTypeField: IdentityField = {
  kind: 'identity',
  read: (entry) => [entry.issue.fields.issuetype.id],
  resolve: (value, field, catalog) =>
    lookup(
      catalog.issueTypes,
      value,
      field,
      (t) => t.name,
      (t) => t.id,
    ).id,
};

const createdField: DateField = { kind: 'date', read: (entry) => entry.createdMs };
const updatedField: DateField = { kind: 'date', read: (entry) => entry.updatedMs };
const resolvedField: DateField = { kind: 'date', read: (entry) => entry.resolvedMs };
const summaryField: TextField = { kind: 'text', read: (entry) => entry.issue.fields.summary };

/** The searchable fields, by lower-case name and alias. */
export const FIELDS: ReadonlyMap<string, FieldDefinition> = new Map<string, FieldDefinition>([
  [
    'project',
    {
      kind: 'identity',
      read: (entry) => [entry.issue.fields.project.id],
      resolve: (value, field, catalog) =>
        lookup(
          catalog.projects,
          value,
          field,
          (p) => p.key,
          (p) => p.id,
          (p) => p.name,
        ).id,
    },
  ],
  ['issuetype', issueTypeField],
  ['type', issueTypeField],
  [
    'status',
    {
      kind: 'identity',
      read: (entry) => [entry.issue.fields.status.id],
      resolve: (value, field, catalog) =>
        lookup(
          catalog.statuses,
          value,
          field,
          (s) => s.name,
          (s) => s.id,
        ).id,
    },
  ],
  [
    'statuscategory',
    {
      kind: 'identity',
      read: (entry) => [String(entry.issue.fields.status.statusCategory.id)],
      resolve: (value, field, catalog) =>
        String(
          lookup(
            catalog.statusCategories,
            value,
            field,
            (c) => c.name,
            (c) => c.key,
            (c) => String(c.id),
          ).id,
        ),
    },
  ],
  ['assignee', userField((entry) => entry.issue.fields.assignee)],
  ['reporter', userField((entry) => entry.issue.fields.reporter)],
  ['creator', userField((entry) => entry.issue.fields.creator)],
  [
    'priority',
    {
      kind: 'identity',
      read: (entry) => (entry.issue.fields.priority ? [entry.issue.fields.priority.id] : []),
      resolve: (value, field, catalog) =>
        lookup(
          catalog.priorities,
          value,
          field,
          (p) => p.name,
          (p) => p.id,
        ).id,
    },
  ],
  ['labels', { kind: 'identity', read: (entry) => entry.issue.fields.labels, resolve: (value) => value }],
  ['key', issueKeyField],
  ['issuekey', issueKeyField],
  ['id', issueKeyField],
  ['issue', issueKeyField],
  ['created', createdField],
  ['createddate', createdField],
  ['updated', updatedField],
  ['updateddate', updatedField],
  ['resolved', resolvedField],
  ['resolutiondate', resolvedField],
  ['summary', summaryField],
  ['text', summaryField],
]);

/** Sort keys for ORDER BY; an issue without a value sorts after every issue with one (in ASC). */
export const SORT_KEYS: ReadonlyMap<string, (entry: IndexedIssue) => number | string | null> = new Map<
  string,
  (entry: IndexedIssue) => number | string | null
>([
  ['created', (entry) => entry.createdMs],
  ['createddate', (entry) => entry.createdMs],
  ['updated', (entry) => entry.updatedMs],
  ['updateddate', (entry) => entry.updatedMs],
  ['resolved', (entry) => entry.resolvedMs],
  ['resolutiondate', (entry) => entry.resolvedMs],
  ['id', (entry) => entry.id],
  ['summary', (entry) => entry.issue.fields.summary.toLowerCase()],
]);

/** Keys sort by project key, then numerically by issue number (ENG-9 before ENG-10). */
export const KEY_SORT_FIELDS: ReadonlySet<string> = new Set(['key', 'issuekey']);
