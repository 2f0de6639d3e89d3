import { TemporalTimeoutError } from './orchestrator.js';

/** One problem with one field of a request; `path` is dotted (`purposes.0`, `options.resolutionDays`). */
export interface ErrorDetail {
  path: string;
  code: string;
  message: string;
}

/**
 * Every error the API answers with. `code` is stable and meant for programs; `message` is for the
 * person reading it and says what to do. Anything thrown that is not an `ApiError` becomes a 500
 * `INTERNAL` whose message reveals nothing.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
}

/** The same 404 whether the connection does not exist or belongs to another workspace. */
export function connectionNotFound(): ApiError {
  return new ApiError('CONNECTION_NOT_FOUND', 404, 'No connection with this id exists in this workspace.');
}

export function connectionDisconnected(): ApiError {
  return new ApiError(
    'CONNECTION_DISCONNECTED',
    409,
    'This connection is disconnected. Create a new connection to sync this site again.',
  );
}

/**
 * Temporal refused the call or did not answer in time. After a timeout the call may have taken effect
 * anyway, so the message does not claim that nothing changed; every such route is safe to repeat.
 */
export function temporalUnavailable(cause?: unknown): ApiError {
  if (cause instanceof TemporalTimeoutError) {
    return new ApiError(
      'TEMPORAL_UNAVAILABLE',
      503,
      `The workflow service (Temporal) did not answer within ${cause.timeoutMs / 1000} seconds. ` +
        'Repeating the request is safe: try again shortly.',
    );
  }

  return new ApiError(
    'TEMPORAL_UNAVAILABLE',
    503,
    'The workflow service (Temporal) did not accept the request. Nothing was changed; try again shortly.',
  );
}
