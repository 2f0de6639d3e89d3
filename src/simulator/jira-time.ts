/**
 * Jira's timestamp form, `2024-03-12T12:47:09.993-0400`: milliseconds and a numeric offset without a
 * colon, in the time zone of a user. The simulator writes it, and reads it back to filter and sort.
 */

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The UTC offset of `timeZone` at `instant`, in minutes (e.g. -240 for New York in summer). */
export function timeZoneOffsetMinutes(instant: Date, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!match) throw new Error(`Unexpected offset "${name}" for time zone ${timeZone}`);
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);

  return match[1] === '-' ? -minutes : minutes;
}

/** Formats an instant as Jira does for a user in `timeZone`. */
export function formatJiraTimestamp(instant: Date, timeZone: string): string {
  const offset = timeZoneOffsetMinutes(instant, timeZone);
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);

  return `${local}${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`;
}

const JIRA_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})([+-])(\d{2})(\d{2})$/;

/** Reads a timestamp in Jira's form back to epoch milliseconds; throws on anything else. */
export function parseJiraTimestamp(text: string): number {
  const match = JIRA_TIMESTAMP.exec(text);
  if (!match) throw new Error(`Not a Jira timestamp: ${text}`);
  const [, year, month, day, hour, minute, second, millis, , offsetHours, offsetMinutes] = match.map(Number);
  const wallClock = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, millis!);
  const offset = (offsetHours! * 60 + offsetMinutes!) * (match[8] === '-' ? -1 : 1);

  return wallClock - offset * 60_000;
}

/** The instant at which the wall clock in `timeZone` shows the given local time. */
export function zonedTimeToInstant(
  local: { year: number; month: number; day: number; hour?: number; minute?: number },
  timeZone: string,
): number {
  const wallClock = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0);
  const firstGuess = wallClock - timeZoneOffsetMinutes(new Date(wallClock), timeZone) * 60_000;

  return wallClock - timeZoneOffsetMinutes(new Date(firstGuess), timeZone) * 60_000;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
