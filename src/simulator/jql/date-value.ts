import { zonedTimeToInstant } from '../jira-time.js';
import { JqlError } from './jql-error.js';

const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };
const CALENDAR = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?: (\d{1,2}):(\d{2}))?$/;
const PERIOD = /^([-+]?)((?:\d+[wdhm]\s*)+)$/;

/**
 * Reads a JQL date value: epoch milliseconds (what the service sends), a calendar date read in the API
 * user's time zone (what makes bare dates treacherous), or a period relative to now such as `-5d`.
 */
export function readDateValue(text: string, field: string, now: number, timeZone: string): number {
  if (/^\d+$/.test(text)) return Number(text);

  const calendar = CALENDAR.exec(text);
  if (calendar) {
    const [, year, month, day, hour, minute] = calendar.map((part) =>
      part === undefined ? undefined : Number(part),
    );
    if (month! >= 1 && month! <= 12 && day! >= 1 && day! <= 31 && (hour ?? 0) < 24 && (minute ?? 0) < 60) {
      return zonedTimeToInstant({ year: year!, month: month!, day: day!, hour, minute }, timeZone);
    }
  }

  const period = PERIOD.exec(text.trim());
  if (period) {
    let total = 0;
    for (const [, amount, unit] of (period[2] as string).matchAll(/(\d+)([wdhm])/g)) {
      total += Number(amount) * (UNIT_MS[unit as string] as number);
    }
    return period[1] === '-' ? now - total : now + total;
  }

  throw new JqlError(
    `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}
