import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toJiraIssueRecord } from '../../src/jira/issue-record.js';
import {
  jiraIssueSchema,
  jiraUserListSchema,
  jiraUserSchema,
  projectPageSchema,
  searchPageSchema,
  statusListSchema,
} from '../../src/jira/schemas.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/jira/fixtures');
const haveFixtures = existsSync(fixtures);
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8'));

/** A minimal issue as /search/jql returns it when asked for the record's fields. */
function issueJson(fields: Record<string, unknown> = {}) {
  return {
    id: '10003',
    key: 'CHG-3',
    fields: {
      summary: 'Rotate keys',
      status: { id: '3', name: 'In Progress', statusCategory: { id: 4, key: 'indeterminate' } },
      issuetype: { id: '10001', name: 'Change Request' },
      project: { id: '10000', key: 'CHG' },
      assignee: { accountId: 'acc-1', displayName: 'Alice' },
      priority: { id: '3', name: 'Medium' },
      labels: ['sox'],
      created: '2024-03-31T01:30:00.000+0100',
      updated: '2024-03-31T00:45:00.000+0000',
      resolutiondate: null,
      ...fields,
    },
  };
}

describe('issue schema and record', () => {
  it('maps an issue to a record with UTC instants (B08)', () => {
    const record = toJiraIssueRecord(jiraIssueSchema.parse(issueJson()));

    expect(record).toEqual({
      id: '10003',
      key: 'CHG-3',
      projectId: '10000',
      projectKey: 'CHG',
      issueTypeId: '10001',
      issueTypeName: 'Change Request',
      summary: 'Rotate keys',
      statusId: '3',
      statusName: 'In Progress',
      statusCategoryKey: 'indeterminate',
      assigneeAccountId: 'acc-1',
      assigneeDisplayName: 'Alice',
      priorityName: 'Medium',
      labels: ['sox'],
      created: new Date('2024-03-31T00:30:00.000Z'),
      updated: new Date('2024-03-31T00:45:00.000Z'),
      resolved: null,
    });
    expect(record.updated.getTime()).toBeGreaterThan(record.created.getTime());
  });

  it('takes absent and null optional fields as null or empty', () => {
    const json = issueJson({ assignee: null, priority: null, labels: null });
    delete (json.fields as Record<string, unknown>).resolutiondate;
    const absent = issueJson();
    delete (absent.fields as Record<string, unknown>).assignee;
    delete (absent.fields as Record<string, unknown>).priority;
    delete (absent.fields as Record<string, unknown>).labels;

    for (const issue of [json, absent]) {
      const record = toJiraIssueRecord(jiraIssueSchema.parse(issue));
      expect(record.assigneeAccountId).toBeNull();
      expect(record.assigneeDisplayName).toBeNull();
      expect(record.priorityName).toBeNull();
      expect(record.labels).toEqual([]);
      expect(record.resolved).toBeNull();
    }
  });

  it('reads a resolution date', () => {
    const record = toJiraIssueRecord(
      jiraIssueSchema.parse(issueJson({ resolutiondate: '2024-04-01T09:00:00.000-0400' })),
    );

    expect(record.resolved?.toISOString()).toBe('2024-04-01T13:00:00.000Z');
  });

  it('fails loudly, naming the field, on an unreadable timestamp', () => {
    const parsed = jiraIssueSchema.safeParse(issueJson({ created: '31/03/2024 01:30' }));

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['fields', 'created']);
    expect(parsed.error?.issues[0]?.message).toContain('Not a Jira timestamp');
  });

  it('refuses an issue without the fields the record needs', () => {
    expect(jiraIssueSchema.safeParse(issueJson({ status: null })).success).toBe(false);
    expect(jiraIssueSchema.safeParse({ id: '1', key: 'A-1', fields: {} }).success).toBe(false);
    expect(jiraIssueSchema.safeParse(issueJson({ project: { id: 10000, key: 'CHG' } })).success).toBe(false);
  });

  it('keeps open and closed apart by status category, not status name (B15)', () => {
    const categories = [
      ['Mitigated', 'done'],
      ['Offen', 'new'],
      ['Triage', 'indeterminate'],
    ].map(([name, key]) =>
      toJiraIssueRecord(
        jiraIssueSchema.parse(issueJson({ status: { id: '1', name, statusCategory: { key } } })),
      ),
    );

    expect(categories.map((r) => r.statusCategoryKey)).toEqual(['done', 'new', 'indeterminate']);
  });
});

describe('search page schema', () => {
  it('reads the last page without nextPageToken as having none (B01)', () => {
    const page = searchPageSchema.parse({ issues: [issueJson()], isLast: true });

    expect(page.nextPageToken).toBeNull();
    expect(page.isLast).toBe(true);
  });

  it('treats a null or empty token and a missing isLast as absent', () => {
    expect(searchPageSchema.parse({ issues: [], nextPageToken: null })).toEqual({
      issues: [],
      nextPageToken: null,
      isLast: null,
    });
    expect(searchPageSchema.parse({ issues: [], nextPageToken: '' }).nextPageToken).toBeNull();
  });
});

describe('user schema', () => {
  it('takes a hidden e-mail, absent or empty, as null (B05)', () => {
    const users = jiraUserListSchema.parse([
      {
        accountId: '5b10ac8d82e05b22cc7d4ef5',
        accountType: 'atlassian',
        displayName: 'Alice',
        emailAddress: 'alice@example.com',
        active: true,
      },
      { accountId: '5b10ac8d82e05b22cc7d4ef6', accountType: 'atlassian', displayName: 'Bob', active: true },
      {
        accountId: '5b10ac8d82e05b22cc7d4ef7',
        accountType: 'atlassian',
        displayName: 'Carol',
        emailAddress: '',
        active: true,
      },
    ]);

    expect(users.map((u) => u.emailAddress)).toEqual(['alice@example.com', null, null]);
  });

  it('keeps an unseen account type as Jira sent it', () => {
    expect(jiraUserSchema.parse({ accountId: 'x', accountType: 'robot' })).toEqual({
      accountId: 'x',
      accountType: 'robot',
      displayName: null,
      emailAddress: null,
      active: null,
      timeZone: null,
      locale: null,
    });
  });
});

describe.skipIf(!haveFixtures)('real Jira responses (needs ../shared/jira/fixtures)', () => {
  it('reads a real /search/jql page into records', () => {
    const page = searchPageSchema.parse(fixture('search_jql_page.json'));
    const records = page.issues.map(toJiraIssueRecord);

    expect(page.isLast).toBe(false);
    expect(page.nextPageToken).toMatch(/^Ckl1/);
    expect(records.map((r) => [r.key, r.statusCategoryKey, r.assigneeAccountId, r.priorityName])).toEqual([
      ['ETV-18', 'indeterminate', '712020:4891947c-7a8e-4889-b2cc-4064669804e1', 'Highest'],
      ['ETV-20', 'done', null, 'Medium'],
    ]);
    expect(records[0]?.created.toISOString()).toBe('2024-03-12T16:47:09.993Z');
    expect(records[1]?.resolved?.toISOString()).toBe('2024-03-12T16:48:35.723Z');
  });

  it('reads a real unassigned issue', () => {
    const record = toJiraIssueRecord(jiraIssueSchema.parse(fixture('issue_unassigned.json')));

    expect(record).toMatchObject({
      key: 'ETV-15',
      assigneeAccountId: null,
      resolved: null,
      statusName: 'To Do',
    });
    expect(record.created.toISOString()).toBe('2022-03-02T14:00:35.261Z');
  });

  it('reads real statuses with their categories', () => {
    expect(statusListSchema.parse(fixture('status_list.json'))).toEqual([
      { id: '3', name: 'In Progress', categoryKey: 'indeterminate', projectId: null },
      { id: '10000', name: 'To Do', categoryKey: 'new', projectId: null },
    ]);
  });

  it('reads real users with hidden e-mails and app accounts', () => {
    const users = jiraUserListSchema.parse(fixture('users_search_hidden_emails.json'));

    expect(users.map((u) => [u.accountType, u.emailAddress, u.active])).toEqual([
      ['atlassian', null, true],
      ['app', null, true],
      ['atlassian', null, false],
      ['atlassian', 'fake@contoso.com', true],
    ]);
  });

  it('reads the documented project page', () => {
    const page = projectPageSchema.parse(fixture('project_search_page.json'));

    expect(page.isLast).toBe(false);
    expect(page.values.map((p) => [p.id, p.key, p.projectTypeKey])).toEqual([
      ['10000', 'EX', null],
      ['10001', 'ABC', null],
    ]);
  });
});
