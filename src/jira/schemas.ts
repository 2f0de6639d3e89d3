import { z } from 'zod';
import { parseJiraTimestamp } from './timestamps.js';

/**
 * The shapes of the Jira responses we read. Lenient where we do not look (unknown fields are dropped),
 * strict where we do (an id that is not a string is a broken response, not something to guess about).
 * Every optional field may come back absent or null and is normalised to null, because Jira leaves
 * fields out or nulls them depending on privacy settings, permissions and the `fields` asked for.
 */

const text = z.string().min(1);
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? null);
const optionalBoolean = z
  .boolean()
  .nullish()
  .transform((value) => value ?? null);

/** A Jira timestamp (`2024-03-12T12:47:09.993-0400`) read into a Date; see timestamps.ts. */
export const jiraTimestampSchema = z.string().transform((value, ctx) => {
  try {
    return parseJiraTimestamp(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const optionalJiraTimestampSchema = jiraTimestampSchema.nullish().transform((value) => value ?? null);

/** A user (`/myself`, `/users/search`). The e-mail is hidden by many privacy settings: absent or "" is null. */
export const jiraUserSchema = z.object({
  accountId: text,
  accountType: optionalText,
  displayName: optionalText,
  emailAddress: z
    .string()
    .nullish()
    .transform((value) => (value && value.trim() !== '' ? value : null)),
  active: optionalBoolean,
  timeZone: optionalText,
  locale: optionalText,
});
export type JiraUser = z.output<typeof jiraUserSchema>;

export const jiraUserListSchema = z.array(jiraUserSchema);

/** `/mypermissions?permissions=…`: one entry per permission key asked for. */
export const myPermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});
export type JiraPermissionGrants = Record<string, { havePermission: boolean }>;

export const serverInfoSchema = z.object({
  baseUrl: text,
  version: optionalText,
  deploymentType: optionalText,
  buildNumber: z
    .number()
    .nullish()
    .transform((value) => value ?? null),
  serverTitle: optionalText,
  /** Left as Jira's text: nothing depends on it, so a format change must not break validation. */
  serverTime: optionalText,
});
export type JiraServerInfo = z.output<typeof serverInfoSchema>;

/** Offset pages (`/project/search`, `/group/member`, …). Only `values` is required. */
export function pageBeanSchema<Item extends z.ZodType>(item: Item) {
  return z.object({
    startAt: z.number().int().nonnegative().nullish(),
    maxResults: z.number().int().nonnegative().nullish(),
    total: z.number().int().nonnegative().nullish(),
    isLast: z.boolean().nullish(),
    values: z.array(item),
  });
}

export const jiraProjectSchema = z.object({
  id: text,
  key: text,
  name: z.string(),
  projectTypeKey: optionalText,
  simplified: optionalBoolean,
  style: optionalText,
  isPrivate: optionalBoolean,
});
export type JiraProject = z.output<typeof jiraProjectSchema>;

export const projectPageSchema = pageBeanSchema(jiraProjectSchema);

const statusCategorySchema = z.object({ key: text });

/** `/status`: a bare array of every status in an active workflow, each with its category. */
export const jiraStatusSchema = z
  .object({
    id: text,
    name: z.string(),
    statusCategory: statusCategorySchema,
    scope: z.object({ type: z.string(), project: z.object({ id: text }).nullish() }).nullish(),
  })
  .transform((status) => ({
    id: status.id,
    name: status.name,
    /** `new`, `indeterminate`, `done` or `undefined`: the only portable way to tell open from closed. */
    categoryKey: status.statusCategory.key,
    /** The team-managed project the status belongs to; null for a global status. */
    projectId: status.scope?.project?.id ?? null,
  }));
export type JiraStatus = z.output<typeof jiraStatusSchema>;

export const statusListSchema = z.array(jiraStatusSchema);

/** An issue as `/search/jql` returns it when asked for JIRA_ISSUE_FIELDS. */
export const jiraIssueSchema = z.object({
  id: text,
  key: text,
  fields: z.object({
    summary: z.string(),
    status: z.object({ id: text, name: z.string(), statusCategory: statusCategorySchema }),
    issuetype: z.object({ id: text, name: z.string() }),
    project: z.object({ id: text, key: text }),
    assignee: z.object({ accountId: text, displayName: optionalText }).nullish(),
    priority: z.object({ name: z.string() }).nullish(),
    labels: z
      .array(z.string())
      .nullish()
      .transform((value) => value ?? []),
    created: jiraTimestampSchema,
    updated: jiraTimestampSchema,
    resolutiondate: optionalJiraTimestampSchema,
  }),
});
export type JiraIssue = z.output<typeof jiraIssueSchema>;

/** The fields jiraIssueSchema needs; a search must ask for them (Jira's default is `id` only). */
export const JIRA_ISSUE_FIELDS: readonly string[] = [
  'summary',
  'status',
  'issuetype',
  'project',
  'assignee',
  'priority',
  'labels',
  'created',
  'updated',
  'resolutiondate',
];

/** A `/search/jql` page. The last page omits `nextPageToken` (or sends null) and may say `isLast`. */
export const searchPageSchema = z.object({
  issues: z.array(jiraIssueSchema),
  nextPageToken: z
    .string()
    .nullish()
    .transform((value) => (value ? value : null)),
  isLast: optionalBoolean,
});
