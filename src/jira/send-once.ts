import { request, type Dispatcher } from 'undici';

/** One HTTP request to Jira, ready to send. */
export interface OutgoingRequest {
  method: 'GET' | 'POST';
  url: string;
  authorization: string;
  /** Sent as JSON when present. */
  body?: unknown;
  /** Limit for the whole exchange, up to the last byte of the answer. */
  timeoutMs: number;
  /** The caller's cancellation; its abort ends the exchange with the signal's reason. */
  signal?: AbortSignal;
  dispatcher?: Dispatcher;
}

/** What one attempt produced: a whole answer, or a network failure with its code. */
export type Exchange = (
  | { kind: 'response'; status: number; headers: Record<string, string | string[] | undefined>; text: string }
  | { kind: 'network'; networkCode: string; error: unknown }
) & { durationMs: number };

/** The code given to an attempt that ran past `timeoutMs`. */
export const REQUEST_TIMEOUT = 'REQUEST_TIMEOUT';

/**
 * Sends one request and reads the whole answer, whatever its status. Network failures come back as a
 * value with their code (ECONNRESET, UND_ERR_SOCKET, REQUEST_TIMEOUT…) for the retry loop to judge;
 * cancellation by the caller is thrown; anything else (a bug) is thrown as it is.
 */
export async function sendOnce(outgoing: OutgoingRequest): Promise<Exchange> {
  const { signal } = outgoing;
  signal?.throwIfAborted();

  // One controller per attempt, tied to the caller's signal and to the time limit, and untied
  // afterwards: a sync makes thousands of requests under one long-lived activity signal.
  const attempt = new AbortController();
  const abortWithCaller = (): void => attempt.abort(signal?.reason);
  signal?.addEventListener('abort', abortWithCaller, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    attempt.abort(new Error(`No answer within ${outgoing.timeoutMs} ms`));
  }, outgoing.timeoutMs);
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);

  try {
    const response = await request(outgoing.url, {
      method: outgoing.method,
      headers: {
        authorization: outgoing.authorization,
        accept: 'application/json',
        ...(outgoing.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: outgoing.body === undefined ? undefined : JSON.stringify(outgoing.body),
      signal: attempt.signal,
      dispatcher: outgoing.dispatcher,
    });
    const text = await response.body.text();

    return {
      kind: 'response',
      status: response.statusCode,
      headers: response.headers,
      text,
      durationMs: elapsed(),
    };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const networkCode = timedOut ? REQUEST_TIMEOUT : networkErrorCode(error);
    if (networkCode === null) throw error;

    return { kind: 'network', networkCode, error, durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abortWithCaller);
  }
}

/** The code of a network failure (undici's UND_ERR_*, or the socket's ECONNRESET…); null for anything else. */
function networkErrorCode(error: unknown): string | null {
  const candidates: unknown[] = [error];
  if (error instanceof Error) candidates.push(error.cause);
  if (error instanceof AggregateError) candidates.push(...error.errors);

  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | null | undefined)?.code;
    if (typeof code !== 'string') continue;
    // Invalid arguments are bugs in this code, not trouble on the network.
    if (code === 'UND_ERR_INVALID_ARG' || code.startsWith('ERR_INVALID')) return null;

    return code;
  }
  return null;
}
