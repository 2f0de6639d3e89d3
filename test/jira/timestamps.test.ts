import { describe, expect, it } from 'vitest';
import {
  JiraTimestampError,
  parseJiraTimestamp,
  parseOptionalJiraTimestamp,
} from '../../src/jira/timestamps.js';

describe('parseJiraTimestamp', () => {
  it('reads an offset without a colon as Jira writes it (B08)', () => {
    const created = parseJiraTimestamp('2024-03-31T01:30:00.000+0100');
    const updated = parseJiraTimestamp('2024-03-31T00:45:00.000+0000');

    expect(created.toISOString()).toBe('2024-03-31T00:30:00.000Z');
    expect(updated.toISOString()).toBe('2024-03-31T00:45:00.000Z');
    // The strings compare the other way round; the instants do not.
    expect('2024-03-31T01:30:00.000+0100' > '2024-03-31T00:45:00.000+0000').toBe(true);
    expect(updated.getTime()).toBeGreaterThan(created.getTime());
  });

  it('reads negative offsets and keeps the milliseconds', () => {
    expect(parseJiraTimestamp('2024-03-12T12:47:09.993-0400').toISOString()).toBe('2024-03-12T16:47:09.993Z');
    expect(parseJiraTimestamp('2022-12-08T02:22:18.889-0800').toISOString()).toBe('2022-12-08T10:22:18.889Z');
  });

  it('reads offsets with half hours, across a day boundary', () => {
    expect(parseJiraTimestamp('2024-01-01T01:00:00.000+0530').toISOString()).toBe('2023-12-31T19:30:00.000Z');
    expect(parseJiraTimestamp('2024-12-31T22:00:00.000-0345').toISOString()).toBe('2025-01-01T01:45:00.000Z');
  });

  it('also accepts ±HH:mm, Z and a missing fraction', () => {
    expect(parseJiraTimestamp('2024-03-31T01:30:00.000+01:00').toISOString()).toBe(
      '2024-03-31T00:30:00.000Z',
    );
    expect(parseJiraTimestamp('2024-03-31T01:30:00.000Z').toISOString()).toBe('2024-03-31T01:30:00.000Z');
    expect(parseJiraTimestamp('2024-03-31T01:30:00+0100').toISOString()).toBe('2024-03-31T00:30:00.000Z');
    expect(parseJiraTimestamp('2024-03-31T01:30:00.5Z').toISOString()).toBe('2024-03-31T01:30:00.500Z');
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parseJiraTimestamp('2024-02-29T00:00:00.000+0000').toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(() => parseJiraTimestamp('2023-02-29T00:00:00.000+0000')).toThrow(JiraTimestampError);
  });

  it.each([
    '',
    'not a date',
    '2024-03-31',
    '2024-03-31 01:30:00.000+0100',
    '2024-03-31T01:30:00.000',
    '2024-03-31T01:30.000+0100',
    '2024-03-31T01:30:00.000+01',
    '2024-03-31T01:30:00.0000+0100',
    '2024-13-01T00:00:00.000+0000',
    '2024-04-31T00:00:00.000+0000',
    '2024-03-31T24:00:00.000+0000',
    '2024-03-31T23:60:00.000+0000',
    '2024-03-31T23:59:60.000+0000',
    '2024-03-31T01:30:00.000+1960',
    '2024-03-31T01:30:00.000+0160',
    ' 2024-03-31T01:30:00.000+0100',
    '1711848600000',
  ])('refuses %j with a typed error', (text) => {
    let thrown: unknown;
    try {
      parseJiraTimestamp(text);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(JiraTimestampError);
    expect((thrown as JiraTimestampError).code).toBe('JIRA_BAD_TIMESTAMP');
    expect((thrown as JiraTimestampError).text).toBe(text);
  });
});

describe('parseOptionalJiraTimestamp', () => {
  it('keeps null and absent as null', () => {
    expect(parseOptionalJiraTimestamp(null)).toBeNull();
    expect(parseOptionalJiraTimestamp(undefined)).toBeNull();
  });

  it('parses a present value and still fails loudly on a bad one', () => {
    expect(parseOptionalJiraTimestamp('2024-03-31T00:45:00.000+0000')?.toISOString()).toBe(
      '2024-03-31T00:45:00.000Z',
    );
    expect(() => parseOptionalJiraTimestamp('')).toThrow(JiraTimestampError);
  });
});
