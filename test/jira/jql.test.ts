import { describe, expect, it } from 'vitest';
import {
  and,
  before,
  eq,
  inList,
  isEmpty,
  notEq,
  onOrAfter,
  or,
  orderBy,
  quoteJqlValue,
  stripOrderBy,
  userJql,
} from '../../src/jira/jql.js';

describe('quoteJqlValue', () => {
  it('quotes every value, so reserved words stay values', () => {
    expect(quoteJqlValue('AND')).toBe('"AND"');
    expect(quoteJqlValue('IS')).toBe('"IS"');
  });

  it('escapes double quotes and backslashes, backslashes first', () => {
    expect(quoteJqlValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteJqlValue('C:\\temp')).toBe('"C:\\\\temp"');
    expect(quoteJqlValue('\\"')).toBe('"\\\\\\""');
    expect(quoteJqlValue('trailing\\')).toBe('"trailing\\\\"');
  });

  it('writes line breaks and tabs as escapes', () => {
    expect(quoteJqlValue('a\nb\r\tc')).toBe('"a\\nb\\r\\tc"');
  });

  it('leaves single quotes and other characters alone inside double quotes', () => {
    expect(quoteJqlValue("O'Brien ~ + - & | ! ( ) { } [ ] ^ * ? :")).toBe(
      '"O\'Brien ~ + - & | ! ( ) { } [ ] ^ * ? :"',
    );
  });
});

describe('clauses', () => {
  it('quotes a project key that is a reserved word', () => {
    expect(eq('project', 'AND').text).toBe('project = "AND"');
    expect(inList('project', ['AND', 'OR', 'OPS']).text).toBe('project in ("AND", "OR", "OPS")');
  });

  it('quotes issue type names with spaces and quotes', () => {
    expect(inList('issuetype', ['Change Request', 'Bug "P1"']).text).toBe(
      'issuetype in ("Change Request", "Bug \\"P1\\"")',
    );
    expect(notEq('statusCategory', 'Done').text).toBe('statusCategory != "Done"');
    expect(isEmpty('assignee').text).toBe('assignee is EMPTY');
  });

  it('writes instants as epoch milliseconds, whatever the time zone', () => {
    const instant = new Date('2024-03-31T00:30:00.000Z');

    expect(onOrAfter('updated', instant).text).toBe('updated >= 1711845000000');
    expect(before('created', instant).text).toBe('created < 1711845000000');
  });

  it('refuses an invalid date instead of writing NaN', () => {
    expect(() => onOrAfter('updated', new Date('nope'))).toThrow('Invalid Date');
    expect(() => before('updated', new Date(Number.NaN))).toThrow('Invalid Date');
  });

  it('refuses field names that could inject JQL, and empty lists', () => {
    expect(() => eq('project = X OR project', 'Y')).toThrow('Not a JQL field name');
    expect(() => eq('', 'Y')).toThrow('Not a JQL field name');
    expect(eq('cf[10010]', 'x').text).toBe('cf[10010] = "x"');
    expect(eq('customfield_10010', 'x').text).toBe('customfield_10010 = "x"');
    expect(() => inList('project', [])).toThrow('needs at least one value');
  });

  it('keeps a value that tries to close the quote inside the literal', () => {
    expect(eq('summary', '" OR project = "SECRET').text).toBe('summary = "\\" OR project = \\"SECRET"');
  });
});

describe('and / or', () => {
  it('joins simple clauses without extra parentheses', () => {
    expect(and(eq('project', 'OPS'), isEmpty('assignee')).text).toBe('project = "OPS" AND assignee is EMPTY');
  });

  it('wraps an OR inside an AND', () => {
    const either = or(eq('project', 'A'), eq('project', 'B'));

    expect(and(either, isEmpty('assignee')).text).toBe(
      '(project = "A" OR project = "B") AND assignee is EMPTY',
    );
  });

  it('wraps "(x) OR (y)", which starts and ends with parentheses but is not one group', () => {
    const either = or(userJql('priority = High'), userJql('labels = urgent'));

    expect(either.text).toBe('(priority = High) OR (labels = urgent)');
    expect(and(eq('project', 'OPS'), either).text).toBe(
      'project = "OPS" AND ((priority = High) OR (labels = urgent))',
    );
  });

  it('does not wrap a single group or a value that merely contains AND', () => {
    expect(and(userJql('a = 1 OR b = 2'), eq('summary', 'this AND that')).text).toBe(
      '(a = 1 OR b = 2) AND summary = "this AND that"',
    );
  });

  it('returns a single part unchanged and refuses none', () => {
    const one = eq('project', 'OPS');

    expect(and(one)).toBe(one);
    expect(() => and()).toThrow('AND of nothing');
    expect(() => or()).toThrow('OR of nothing');
  });
});

describe('userJql and ORDER BY', () => {
  it('strips a trailing ORDER BY and wraps the rest', () => {
    expect(userJql('project = OPS ORDER BY created DESC').text).toBe('(project = OPS)');
    expect(userJql('project = OPS\norder  by key').text).toBe('(project = OPS)');
    expect(userJql('(project = OPS)ORDER BY key').text).toBe('((project = OPS))');
  });

  it('leaves ORDER BY inside a quoted value alone', () => {
    expect(stripOrderBy('summary ~ "order by" ORDER BY key')).toBe('summary ~ "order by" ');
    expect(stripOrderBy("summary ~ 'ORDER BY \\' x' ORDER BY key")).toBe("summary ~ 'ORDER BY \\' x' ");
    expect(stripOrderBy('summary ~ "a \\" ORDER BY b"')).toBe('summary ~ "a \\" ORDER BY b"');
  });

  it('does not mistake a word ending in "order" for ORDER BY', () => {
    expect(stripOrderBy('labels = reorder by')).toBe('labels = reorder by');
  });

  it('refuses empty JQL, also when only an ORDER BY was given', () => {
    expect(() => userJql('   ')).toThrow('Empty JQL');
    expect(() => userJql('ORDER BY key')).toThrow('Empty JQL');
  });

  it('refuses JQL whose parentheses or quotes do not balance, which could escape the wrapping', () => {
    expect(() => userJql('project = A) OR (project = B')).toThrow('unbalanced parentheses');
    expect(() => userJql('(project = A')).toThrow('unbalanced parentheses');
    expect(() => userJql('summary ~ "open')).toThrow('unclosed quote');
    expect(userJql('summary ~ ")("').text).toBe('(summary ~ ")(")');
  });

  it('adds ORDER BY after the combined query', () => {
    const query = and(userJql('project = OPS ORDER BY rank'), onOrAfter('updated', new Date(0)));

    expect(orderBy(query, 'created')).toBe('(project = OPS) AND updated >= 0 ORDER BY created ASC');
    expect(orderBy(query, 'key', 'DESC')).toBe('(project = OPS) AND updated >= 0 ORDER BY key DESC');
    expect(() => orderBy(query, 'key; drop')).toThrow('Not a JQL field name');
  });
});
