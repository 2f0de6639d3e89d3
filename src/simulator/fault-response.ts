import { unauthorized } from './authenticate.js';
import type { FaultRule } from './faults.js';
import { errorCollection, type SimResponse } from './http-response.js';

const DEFAULT_MESSAGES: Record<number, string> = {
  403: 'You do not have permission to access this resource.',
  429: 'Rate limit exceeded.',
  500: 'Internal server error.',
  502: 'Bad gateway.',
  503: 'Service unavailable.',
  504: 'Gateway timeout.',
};

/** The answer of a fault with a status, with the rate-limit headers Jira Cloud sends on a 429. */
export function faultResponse(
  rule: FaultRule & { status: number },
  siteUrl: string,
  nowMs: number,
): SimResponse {
  if (rule.status === 401 && rule.body === undefined) return unauthorized(siteUrl);

  const headers: Record<string, string> = {};
  const retryAfter =
    rule.retryAfterSeconds === undefined ? (rule.status === 429 ? 1 : null) : rule.retryAfterSeconds;
  if (retryAfter !== null) headers['Retry-After'] = String(retryAfter);
  if (rule.status === 429) {
    headers['RateLimit-Reason'] = rule.rateLimitReason ?? 'jira-burst-based';
    // Jira writes the reset instant to the minute: yyyy-MM-ddTHH:mmZ.
    headers['X-RateLimit-Reset'] =
      `${new Date(nowMs + (retryAfter ?? 0) * 1000).toISOString().slice(0, 16)}Z`;
  }
  const fallback = errorCollection(rule.status, [
    DEFAULT_MESSAGES[rule.status] ?? `Simulated HTTP ${rule.status}.`,
  ]);

  return { status: rule.status, body: rule.body ?? fallback.body, headers };
}
