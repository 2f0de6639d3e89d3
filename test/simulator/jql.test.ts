import { describe, expect, it } from 'vitest';
import { and, inList, isEmpty, notEq, onOrAfter, orderBy, quoteJqlValue, eq } from '../../src/jira/jql.js';
import { IssueStore } from '../../src/simulator/issue-store.js';
import { compileJql, createRealisticScenario, JqlError, type JiraIssue } from '../../src/simulator/index.js';
import { DAY_MS, NOW, epochOf } from './support.js';

const scenario = createRealisticScenario({ now: NOW });
const store = new IssueStore(structuredClone(scenario));
const botAccountId = scenario.credentials.accountId;

/** The keys a query finds, in its order. */
function keys(jql: string): string[] {
  const compiled = compileJql(
    jql,
    { ...scenario, issueIdForKey: (key) => store.issueIdForKey(key) },
    { now: NOW.getTime(), currentAccountId: botAccountId, timeZone: 'Europe/Berlin' },
  );
  return store
    .all()
    .filter(compiled.matches)
    .sort(compiled.compare)
    .map((entry) => entry.issue.key);
}

function errorOf(jql: string): string {
  try {
    keys(jql);
  } catch (error) {
    if (error instanceof JqlError) return error.message;
    throw error;
  }
  throw new Error(`"${jql}" was accepted`);
}

const keysWhere = (predicate: (issue: JiraIssue) => boolean) =>
  scenario.issues.filter(predicate).map((issue) => issue.key);
const sorted = (values: string[]) => [...values].sort();

describe('JQL quoting', () => {
  it('finds a project whose key is the reserved word IS when it is quoted, with " or \'', () => {
    const expected = keysWhere((issue) => issue.fields.project.key === 'IS');
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted(keys('project = "IS"'))).toEqual(sorted(expected));
    expect(sorted(keys("project in ('IS')"))).toEqual(sorted(expected));
    expect(sorted(keys(inList('project', ['IS']).text))).toEqual(sorted(expected));
  });

  it('refuses the reserved word IS unquoted, naming the position as Jira does', () => {
    expect(errorOf('project = IS')).toBe(
      "Error in the JQL Query: Expecting either a value, list or function but got 'IS'. You must surround 'IS' in quotation marks to use it as a value. (line 1, character 11)",
    );
    expect(errorOf('labels = user')).toBe(
      "Error in the JQL Query: 'user' is a reserved JQL word. You must surround it in quotation marks to use it in a query. (line 1, character 10)",
    );
  });

  it('reads backslash escapes, so quoteJqlValue round-trips quotes and backslashes', () => {
    const summary = 'Search for "C:\\Temp" fails';
    expect(keys(`summary ~ ${quoteJqlValue(summary)}`)).toEqual(
      keysWhere((issue) => issue.fields.summary.includes(summary)),
    );
    expect(keys(`summary ~ ${quoteJqlValue(summary)}`)).toHaveLength(1);
  });

  it('matches names without regard to case and accepts ids for projects, types and statuses', () => {
    const expected = sorted(keysWhere((issue) => issue.fields.issuetype.name === 'Change'));
    expect(sorted(keys('issuetype = change'))).toEqual(expected);
    expect(sorted(keys('type in ("CHANGE")'))).toEqual(expected);
    expect(sorted(keys('project = 10000 AND issuetype = 10100'))).toEqual(expected);
    expect(sorted(keys('status = "awaiting cab"'))).toEqual(
      sorted(keysWhere((issue) => issue.fields.status.name === 'Awaiting CAB')),
    );
  });
});

describe('JQL clauses', () => {
  it('runs the service-built query for incremental change sync', () => {
    const since = new Date(NOW.getTime() - 60 * DAY_MS);
    const jql = orderBy(
      and(and(inList('project', ['CHG']), inList('issuetype', ['Change'])), onOrAfter('updated', since)),
      'updated',
    );
    expect(jql).toBe(
      `(project in ("CHG") AND issuetype in ("Change")) AND updated >= ${since.getTime()} ORDER BY updated ASC`,
    );

    const expected = scenario.issues
      .filter(
        (issue) => issue.fields.project.key === 'CHG' && epochOf(issue.fields.updated) >= since.getTime(),
      )
      .sort((a, b) => epochOf(a.fields.updated) - epochOf(b.fields.updated) || Number(a.id) - Number(b.id))
      .map((issue) => issue.key);
    expect(expected.length).toBeGreaterThan(10);
    expect(keys(jql)).toEqual(expected);
  });

  it('compares instants given as epoch milliseconds, to the millisecond', () => {
    const issue = scenario.issues[300] as JiraIssue;
    const created = epochOf(issue.fields.created);
    expect(keys(`created >= ${created}`)).toContain(issue.key);
    expect(keys(`created > ${created}`)).not.toContain(issue.key);
    expect(keys(`created <= ${created}`)).toContain(issue.key);
    expect(keys(`created < ${created}`)).not.toContain(issue.key);
    expect(keys(`created = ${created}`)).toEqual([issue.key]);
    expect(keys(`created >= ${created}`)).toHaveLength(scenario.issues.length - 300);
  });

  it("reads a bare date in the API user's time zone (Berlin), not in UTC", () => {
    // Midnight of 1 May 2025 in Berlin (+0200) is 22:00 UTC the day before.
    const midnightBerlin = Date.UTC(2025, 3, 30, 22, 0);
    expect(keys('created >= "2025-05-01"')).toEqual(keys(`created >= ${midnightBerlin}`));
    expect(keys('created >= 2025/05/01')).toEqual(keys(`created >= ${midnightBerlin}`));
    expect(keys('created >= "2025-05-01 10:30"')).toEqual(
      keys(`created >= ${midnightBerlin + 10.5 * 3_600_000}`),
    );
  });

  it('reads periods relative to now', () => {
    expect(keys('created >= -30d')).toEqual(keys(`created >= ${NOW.getTime() - 30 * DAY_MS}`));
    expect(keys('updated < "-2w"')).toEqual(keys(`updated < ${NOW.getTime() - 14 * DAY_MS}`));
  });

  it('finds empty fields only with IS EMPTY: != and NOT never match an unassigned issue', () => {
    const unassigned = sorted(keysWhere((issue) => issue.fields.assignee === null));
    const assignedToOthers = sorted(
      keysWhere(
        (issue) => issue.fields.assignee !== null && issue.fields.assignee.displayName !== 'Kenji Sato',
      ),
    );
    const kenji = scenario.users.find((user) => user.displayName === 'Kenji Sato')?.accountId as string;

    expect(sorted(keys(isEmpty('assignee').text))).toEqual(unassigned);
    expect(sorted(keys('assignee = EMPTY'))).toEqual(unassigned);
    expect(sorted(keys(notEq('assignee', kenji).text))).toEqual(assignedToOthers);
    expect(sorted(keys(`NOT assignee = "${kenji}"`))).toEqual(assignedToOthers);
    expect(keys('assignee is not EMPTY')).toHaveLength(scenario.issues.length - unassigned.length);
  });

  it('resolves users by account id, e-mail and currentUser()', () => {
    const kenji = scenario.users.find((user) => user.displayName === 'Kenji Sato');
    const expected = sorted(keysWhere((issue) => issue.fields.assignee?.accountId === kenji?.accountId));
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted(keys(eq('assignee', kenji?.accountId ?? '').text))).toEqual(expected);
    expect(sorted(keys('assignee = "kenji.sato@acme.example"'))).toEqual(expected);
    expect(sorted(keys('reporter = currentUser()'))).toEqual(
      sorted(keysWhere((issue) => issue.fields.reporter?.accountId === botAccountId)),
    );
  });

  it('takes status categories by name, key or id, and statusCategory != Done keeps "No Category"', () => {
    const notDone = sorted(keysWhere((issue) => issue.fields.status.statusCategory.key !== 'done'));
    expect(sorted(keys('statusCategory != Done'))).toEqual(notDone);
    expect(sorted(keys('statusCategory != "done"'))).toEqual(notDone);
    expect(sorted(keys('statusCategory not in (3)'))).toEqual(notDone);
    expect(sorted(keys('statusCategory in ("To Do", indeterminate)'))).toEqual(
      sorted(keysWhere((issue) => ['new', 'indeterminate'].includes(issue.fields.status.statusCategory.key))),
    );
    const uncategorised = keysWhere((issue) => issue.fields.status.statusCategory.key === 'undefined');
    expect(uncategorised.length).toBeGreaterThan(0);
    expect(sorted(keys('statusCategory = "No Category"'))).toEqual(sorted(uncategorised));
    expect(sorted(keys('statusCategory = undefined'))).toEqual(sorted(uncategorised));
  });

  it('matches labels by membership', () => {
    expect(sorted(keys('labels = incident OR project = OPS AND issuetype = Incident'))).toEqual(
      sorted(
        keysWhere(
          (issue) =>
            issue.fields.labels.includes('incident') ||
            (issue.fields.project.key === 'OPS' && issue.fields.issuetype.name === 'Incident'),
        ),
      ),
    );
    expect(sorted(keys('labels in ("cve", "cab-approved")'))).toEqual(
      sorted(
        keysWhere((issue) => issue.fields.labels.some((label) => ['cve', 'cab-approved'].includes(label))),
      ),
    );
    expect(sorted(keys('labels != cve'))).toEqual(
      sorted(keysWhere((issue) => issue.fields.labels.length > 0 && !issue.fields.labels.includes('cve'))),
    );
  });

  it('gives AND precedence over OR, and honours parentheses and NOT', () => {
    const a = keys('project = SEC OR project = PPL AND priority is EMPTY');
    const b = keys('project = SEC OR (project = PPL AND priority is EMPTY)');
    const c = keys('(project = SEC OR project = PPL) AND priority is EMPTY');
    expect(a).toEqual(b);
    expect(c).toEqual(keys('project = PPL'));
    expect(sorted(keys('project = CHG AND NOT (status = Deployed OR status = "Rolled back")'))).toEqual(
      sorted(
        keysWhere(
          (issue) =>
            issue.fields.project.key === 'CHG' &&
            !['Deployed', 'Rolled back'].includes(issue.fields.status.name),
        ),
      ),
    );
  });

  it('finds issues by key or id, any case', () => {
    const issue = scenario.issues[42] as JiraIssue;
    expect(keys(`key = ${issue.key.toLowerCase()}`)).toEqual([issue.key]);
    expect(keys(`issuekey in ("${issue.key}", ${issue.id})`)).toEqual([issue.key]);
    expect(keys(`id = ${issue.id}`)).toEqual([issue.key]);
  });
});

describe('JQL ORDER BY', () => {
  it('orders by created DESC, then by the next field', () => {
    const found = keys('project = OPS ORDER BY created DESC');
    const expected = scenario.issues
      .filter((issue) => issue.fields.project.key === 'OPS')
      .sort((a, b) => epochOf(b.fields.created) - epochOf(a.fields.created))
      .map((issue) => issue.key);
    expect(found).toEqual(expected);
  });

  it('orders keys by project, then numerically', () => {
    const found = keys('project in (ENG, "IS") ORDER BY key ASC');
    const engCount = scenario.issues.filter((issue) => issue.fields.project.key === 'ENG').length;
    expect(found.slice(0, 11)).toEqual(Array.from({ length: 11 }, (_, index) => `ENG-${index + 1}`));
    expect(found[engCount]).toBe('IS-1');
    expect(keys('project in (ENG, "IS") ORDER BY issuekey DESC')).toEqual([...found].reverse());
  });

  it('puts unresolved issues after resolved ones in ascending resolution order', () => {
    const found = keys('project = OPS ORDER BY resolved ASC, key ASC');
    const firstOpen = found.findIndex(
      (key) => scenario.issues.find((issue) => issue.key === key)?.fields.resolutiondate === null,
    );
    const afterFirstOpen = found
      .slice(firstOpen)
      .map((key) => scenario.issues.find((issue) => issue.key === key));
    expect(firstOpen).toBeGreaterThan(0);
    expect(afterFirstOpen.every((issue) => issue?.fields.resolutiondate === null)).toBe(true);
  });
});

describe('JQL errors', () => {
  it.each([
    [
      'unknown field',
      'colour = red',
      "Field 'colour' does not exist or you do not have permission to view it.",
    ],
    ['unknown project', 'project = "NOPE"', "The value 'NOPE' does not exist for the field 'project'."],
    [
      'unknown issue type',
      'issuetype = Epicc',
      "The value 'Epicc' does not exist for the field 'issuetype'.",
    ],
    ['unknown issue key', 'key = CHG-99999', "An issue with key 'CHG-99999' does not exist for field 'key'."],
    ['operator the field lacks', 'project > 10', "The operator '>' is not supported by the 'project' field."],
    ['unsortable field', 'project = CHG ORDER BY labels', "Not able to sort using field 'labels'."],
    [
      'unknown sort field',
      'project = CHG ORDER BY colour',
      "Field 'colour' does not exist or you do not have permission to view it.",
    ],
    [
      'invalid date',
      'created > "last tuesday"',
      "Date value 'last tuesday' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
    ],
  ])('refuses an %s', (_name, jql, message) => {
    expect(errorOf(jql)).toBe(message);
  });

  it.each([
    [
      'an unterminated string',
      'project = "CHG',
      "The quoted string 'CHG' has not been completed. (line 1, character 11)",
    ],
    ['a missing parenthesis', '(project = CHG', "Expecting ')' but got 'EOF'. (line 1, character 15)"],
    ['a missing operator', 'project CHG', "Expecting operator but got 'CHG'."],
    [
      'trailing words',
      'project = CHG ENG',
      "Expecting either 'OR' or 'AND' but got 'ENG'. (line 1, character 15)",
    ],
    [
      'a missing value',
      'project =',
      "Expecting either a value, list or function but got 'EOF'. (line 1, character 10)",
    ],
    ['IN without a list', 'project in CHG', "Expecting '(' but got 'CHG'."],
    ['a bad escape', 'summary ~ "a\\qb"', "The escape sequence '\\q' in the string 'a' is illegal."],
    [
      'a reserved character',
      'project = CHG & issuetype = Change',
      "The character '&' is a reserved JQL character.",
    ],
    ['ORDER without BY', 'project = CHG ORDER created', "Expecting 'by' but got 'created'."],
  ])('refuses %s as a syntax error', (_name, jql, fragment) => {
    const message = errorOf(jql);
    expect(message.startsWith('Error in the JQL Query: ')).toBe(true);
    expect(message).toContain(fragment);
  });

  it('refuses more than seven ORDER BY fields', () => {
    expect(
      errorOf('project = CHG ORDER BY created, updated, key, id, resolved, summary, issuekey, createdDate'),
    ).toBe('The ORDER BY clause can contain at most 7 fields.');
  });

  it('marks a query without a search restriction as unbounded', () => {
    const compile = (jql: string) =>
      compileJql(
        jql,
        { ...scenario, issueIdForKey: () => undefined },
        { now: 0, currentAccountId: '', timeZone: 'UTC' },
      );
    expect(compile('').bounded).toBe(false);
    expect(compile('  ORDER BY key DESC').bounded).toBe(false);
    expect(compile('project = CHG ORDER BY key DESC').bounded).toBe(true);
  });
});
