/**
 * Jira writes instants as `2024-03-12T12:47:09.993-0400`: milliseconds and a numeric offset without a
 * colon, in the calling user's time zone. That offset form is outside the ECMAScript date-time format, so
 * `Date.parse` accepts it in some engines and not in others; this parser reads it explicitly and refuses
 * anything it does not understand instead of guessing.
 */

export class JiraTimestampError extends Error {
  override readonly name = 'JiraTimestampError';
  readonly code = 'JIRA_BAD_TIMESTAMP';

  constructor(readonly text: string) {
    super(
      `Not a Jira timestamp (expected yyyy-MM-ddTHH:mm:ss.SSS±HHmm): ${JSON.stringify(text.slice(0, 64))}`,
    );
  }
}

// yyyy-MM-ddTHH:mm:ss[.SSS](Z | ±HHmm | ±HH:mm)
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

const MINUTE_MS = 60_000;

/** Parses a Jira timestamp into the instant it names; throws JiraTimestampError on anything else. */
export function parseJiraTimestamp(text: string): Date {
  const match = TIMESTAMP.exec(text);
  if (!match) throw new JiraTimestampError(text);

  const [, year, month, day, hour, minute, second, fraction, zulu, sign, offsetHours, offsetMinutes] = match;
  const parts = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: fraction === undefined ? 0 : Number(fraction.padEnd(3, '0')),
  };
  const offset = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  if (!isValidWallClock(parts) || Number(offsetHours ?? 0) > 18 || Number(offsetMinutes ?? 0) > 59) {
    throw new JiraTimestampError(text);
  }

  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const local = new Date(0);
  local.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  local.setUTCHours(parts.hour, parts.minute, parts.second, parts.millisecond);

  return new Date(local.getTime() - offset * MINUTE_MS);
}

/** Like parseJiraTimestamp, for fields Jira leaves null or out (`resolutiondate` of an open issue). */
export function parseOptionalJiraTimestamp(value: string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  return parseJiraTimestamp(value);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function isValidWallClock(t: WallClock): boolean {
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > daysInMonth(t.year, t.month)) return false;
  return t.hour <= 23 && t.minute <= 59 && t.second <= 59;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
