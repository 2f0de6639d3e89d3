/**
 * Day arithmetic on instants (UTC milliseconds). A "day" is 24 hours from the evaluation time, never a
 * calendar date in some time zone, so a check gives the same answer wherever it runs.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant `days` whole days before `now`. */
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** Whole days from `instant` to `now`, rounded down (0 for anything in the future). */
export function ageInDays(now: Date, instant: Date): number {
  return Math.max(0, Math.floor((now.getTime() - instant.getTime()) / DAY_MS));
}

/** `2026-10-01`: the UTC calendar date of an instant, for messages. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** `1 day`, `45 days`. */
export function formatDays(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** A coarse, readable duration: `3 days`, `5 hours`, `12 minutes`. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;

  const hours = Math.floor(minutes / 60);
  if (hours < 48) return hours === 1 ? '1 hour' : `${hours} hours`;

  return formatDays(Math.floor(ms / DAY_MS));
}
