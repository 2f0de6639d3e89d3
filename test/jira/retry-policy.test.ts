import { describe, expect, it } from 'vitest';
import { parseRetryAfter, resolveRetryPolicy, retryDelayMs } from '../../src/jira/retry-policy.js';

const policy = resolveRetryPolicy();
const lowest = () => 0;
const highest = () => 0.999_999;

describe('resolveRetryPolicy', () => {
  it('fills in the documented defaults', () => {
    expect(policy).toEqual({ maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000, maxTotalMs: 120_000 });
  });

  it('refuses settings that would remove the bounds', () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => resolveRetryPolicy({ maxAttempts: 1.5 })).toThrow(RangeError);
    expect(() => resolveRetryPolicy({ maxTotalMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => resolveRetryPolicy({ baseDelayMs: -1 })).toThrow(RangeError);
  });
});

describe('retryDelayMs', () => {
  it('waits at least one second for Retry-After: 0, plus up to 30 % jitter (B09)', () => {
    expect(retryDelayMs(policy, 1, 0, lowest)).toBe(1000);
    expect(retryDelayMs(policy, 1, 0, highest)).toBe(1300);
  });

  it('treats Retry-After as a minimum, even above maxDelayMs', () => {
    expect(retryDelayMs(policy, 1, 7000, lowest)).toBe(7000);
    expect(retryDelayMs(policy, 1, 7000, highest)).toBe(9100);
    expect(retryDelayMs(policy, 1, 60_000, lowest)).toBe(60_000);
  });

  it('keeps backing off exponentially when Jira keeps saying Retry-After: 0', () => {
    expect([1, 2, 3, 4].map((retry) => retryDelayMs(policy, retry, 0, lowest))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it('backs off exponentially with 0.7–1.3 jitter when there is no Retry-After, capped at maxDelayMs', () => {
    expect([1, 2, 3].map((retry) => retryDelayMs(policy, retry, null, lowest))).toEqual([700, 1400, 2800]);
    expect([1, 2, 3].map((retry) => retryDelayMs(policy, retry, null, highest))).toEqual([1300, 2600, 5200]);
    expect(retryDelayMs(policy, 10, null, highest)).toBe(30_000);
    expect(retryDelayMs(policy, 10, null, lowest)).toBe(21_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(' 2.5 ')).toBe(2500);
    expect(parseRetryAfter(['3', '9'])).toBe(3000);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 09:00:00 GMT', now)).toBe(0);
  });

  it('returns null when absent or unreadable', () => {
    expect(parseRetryAfter(undefined)).toBeNull();
    expect(parseRetryAfter('')).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter('-5')).toBeNull();
  });
});
