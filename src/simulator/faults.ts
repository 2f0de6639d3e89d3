/**
 * Programmable misbehaviour: rate limits, server errors, a 403 on one resource, slow answers, dropped
 * connections and junk bodies, so that the client's and the sync's failure handling can be tested
 * against a server that really does it.
 */

export interface FaultRule {
  /** HTTP method to match; any method when omitted. */
  method?: string;
  /** The request path without its query: exactly this string, or matching this RegExp. */
  path: string | RegExp;
  /** Status to answer with instead of the real answer; omitted for a pure delay. */
  status?: number;
  /**
   * `Retry-After` in seconds. On a 429 it defaults to 1 and comes with `X-RateLimit-Reset` and
   * `RateLimit-Reason`; null leaves the header out.
   */
  retryAfterSeconds?: number | null;
  /** `RateLimit-Reason` of a 429. @default 'jira-burst-based' */
  rateLimitReason?: string;
  /** Body to send: a string is sent as is (to send junk), anything else as JSON. @default an ErrorCollection */
  body?: unknown;
  /** How many matching requests the fault hits before it stops. @default every one */
  times?: number;
  /** How many matching requests pass untouched before the fault starts (e.g. fail the third page). @default 0 */
  skip?: number;
  /** Wait this long before answering (with the fault's status, or normally). */
  delayMs?: number;
  /** Destroy the connection without an answer, as a network failure would. */
  resetConnection?: boolean;
}

export interface FaultHandle {
  /** How many requests the fault has hit so far. */
  readonly hits: number;
  remove(): void;
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  hits: number;
}

export class FaultInjector {
  /** Added to every request, before any fault applies. */
  latencyMs = 0;

  private rules: ActiveRule[] = [];

  add(rule: FaultRule): FaultHandle {
    const active: ActiveRule = { rule, seen: 0, hits: 0 };
    this.rules.push(active);

    return {
      get hits() {
        return active.hits;
      },
      remove: () => {
        this.rules = this.rules.filter((candidate) => candidate !== active);
      },
    };
  }

  /** A 403 on one resource, as when the API user lacks the permission behind it. */
  forbid(path: string | RegExp, options: { method?: string; message?: string } = {}): FaultHandle {
    return this.add({
      path,
      method: options.method,
      status: 403,
      body: {
        errorMessages: [options.message ?? 'You do not have permission to access this resource.'],
        errors: {},
      },
    });
  }

  /** 429s on a path, `times` times (default once), with `Retry-After` (default 1 s). */
  rateLimit(
    path: string | RegExp,
    options: { times?: number; retryAfterSeconds?: number | null } = {},
  ): FaultHandle {
    return this.add({
      path,
      status: 429,
      times: options.times ?? 1,
      retryAfterSeconds: options.retryAfterSeconds,
    });
  }

  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
  }

  /** The fault that applies to this request, if any; counts it as hit. */
  take(method: string, path: string): FaultRule | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (typeof rule.path === 'string' ? rule.path !== path : !rule.path.test(path)) continue;
      active.seen += 1;
      if (active.seen <= (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && active.hits >= rule.times) continue;
      active.hits += 1;
      return rule;
    }

    return undefined;
  }
}
