import { setTimeout as delay } from 'node:timers/promises';

/**
 * When and how long the client waits before trying a request again.
 *
 * NOTE: this is a small loop of our own rather than undici's RetryAgent or a retry package: Jira's
 * `Retry-After` must be honoured as a *minimum* (retrying earlier is refused again, often with a longer
 * wait), `Retry-After: 0` still means "retry, after a pause", and each wait needs jitter so that workers
 * rate-limited together do not come back together. RetryAgent caps the header at its own maximum and
 * adds no jitter; the retry packages compute delays from the attempt number only.
 */

export interface JiraRetryOptions {
  /** Attempts in all, the first one included. @default 5 */
  maxAttempts?: number;
  /** First back-off step when Jira gives no Retry-After; doubles with every retry. @default 1000 */
  baseDelayMs?: number;
  /** Longest back-off when Jira gives no Retry-After. A Retry-After above it is still honoured. @default 30000 */
  maxDelayMs?: number;
  /**
   * Budget for one call: time spent in requests plus time spent waiting. A wait that would go past it is
   * not started; the call fails at once (with `retryAfterMs` when Jira said how long to wait), so that a
   * long quota pause is scheduled by the caller (a Temporal retry) instead of held in memory. @default 120000
   */
  maxTotalMs?: number;
}

export type RetryPolicy = Required<JiraRetryOptions>;

/** A Retry-After of 0 (or one already past) still waits this long: never a tight loop. */
export const MIN_RETRY_AFTER_MS = 1000;

/** Fills in the defaults and refuses values that would disable the bounds. */
export function resolveRetryPolicy(options: JiraRetryOptions = {}): RetryPolicy {
  const policy: RetryPolicy = {
    maxAttempts: options.maxAttempts ?? 5,
    baseDelayMs: options.baseDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    maxTotalMs: options.maxTotalMs ?? 120_000,
  };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError('retry.maxAttempts must be a whole number of at least 1');
  }
  for (const name of ['baseDelayMs', 'maxDelayMs', 'maxTotalMs'] as const) {
    if (!Number.isFinite(policy[name]) || policy[name] < 0)
      throw new RangeError(`retry.${name} must be >= 0`);
  }

  return policy;
}

/**
 * How long to wait before retry number `retry` (1 for the first retry). With a Retry-After: at least
 * max(Retry-After, 1 s, the exponential step), plus 0–30 % jitter. Without: the exponential step
 * (base × 2^(retry−1), capped) times 0.7–1.3, as Atlassian recommends, never above `maxDelayMs`.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  if (retryAfterMs === null) return Math.round(Math.min(policy.maxDelayMs, step * (0.7 + 0.6 * random())));

  const floor = Math.max(retryAfterMs, MIN_RETRY_AFTER_MS, step);
  return Math.ceil(floor * (1 + 0.3 * random()));
}

/**
 * Reads a Retry-After header: delay-seconds (Jira's form) or an HTTP date. Returns milliseconds, 0 for
 * a date already past, null when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now: number = Date.now(),
): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;

  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);

  // Only the IMF-fixdate form of RFC 9110 ("Wed, 01 Jan 2025 10:00:30 GMT"), which Date reads reliably.
  if (!HTTP_DATE.test(text)) return null;
  const at = new Date(text).getTime();
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** A wait that ends early, rejecting, when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, { signal });
};

/**
 * Network failures worth another attempt: timeouts, resets and refusals that a busy or restarting
 * server produces. Anything else (a TLS certificate error, say) fails at once.
 */
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'REQUEST_TIMEOUT',
]);
