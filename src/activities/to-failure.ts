import { ApplicationFailure } from '@temporalio/activity';
import { JiraError } from '../jira/errors.js';

/**
 * Turns a Jira error into the failure Temporal records. The type is the stable code the workflow
 * branches on; the message is the client's, which never holds a credential.
 */
export function toActivityFailure(error: unknown): unknown {
  if (!(error instanceof JiraError)) return error;

  return ApplicationFailure.create({
    type: error.code,
    message: error.message,
    nonRetryable: !error.retryable,
    nextRetryDelay: error.retryAfterMs ?? undefined,
  });
}
