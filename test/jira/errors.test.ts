import { describe, expect, it } from 'vitest';
import { JiraError, readJiraMessages } from '../../src/jira/errors.js';
import { errorForResponse, type FailedResponse } from '../../src/jira/response-errors.js';

function failure(overrides: Partial<FailedResponse>): FailedResponse {
  return {
    status: 500,
    method: 'GET',
    path: '/rest/api/3/myself',
    body: undefined,
    authKind: 'basic',
    jql: false,
    attempts: 1,
    retryAfterMs: null,
    ...overrides,
  };
}

describe('readJiraMessages', () => {
  it('reads an ErrorCollection: messages first, then field errors', () => {
    expect(
      readJiraMessages({
        errorMessages: ['Field is required'],
        errors: { project: 'Specify a valid project ID or key' },
      }),
    ).toEqual(['Field is required', 'project: Specify a valid project ID or key']);
  });

  it('reads the API gateway shape', () => {
    expect(readJiraMessages({ code: 401, message: 'Unauthorized; scope does not match' })).toEqual([
      'Unauthorized; scope does not match',
    ]);
  });

  it('reads the OAuth error shape', () => {
    expect(
      readJiraMessages({ error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' }),
    ).toEqual(['Unknown or invalid refresh token.']);
  });

  it('yields nothing for bodies that are not error objects', () => {
    expect(readJiraMessages(undefined)).toEqual([]);
    expect(readJiraMessages('<html>Bad gateway</html>')).toEqual([]);
    expect(readJiraMessages(['a'])).toEqual([]);
    expect(readJiraMessages({ errorMessages: [], errors: {} })).toEqual([]);
  });

  it('bounds the number and length of messages', () => {
    const many = readJiraMessages({ errorMessages: Array.from({ length: 50 }, (_, i) => `m${i}`) });
    const long = readJiraMessages({ errorMessages: ['x'.repeat(2000)] });

    expect(many).toHaveLength(10);
    expect(long[0]).toHaveLength(501);
  });
});

describe('errorForResponse', () => {
  it.each([
    [401, 'JIRA_UNAUTHORIZED', false],
    [403, 'JIRA_FORBIDDEN', false],
    [404, 'JIRA_NOT_FOUND', false],
    [410, 'JIRA_ENDPOINT_REMOVED', false],
    [429, 'JIRA_RATE_LIMITED', true],
    [400, 'JIRA_BAD_REQUEST', false],
    [409, 'JIRA_BAD_REQUEST', false],
    [500, 'JIRA_SERVER_ERROR', true],
    [503, 'JIRA_SERVER_ERROR', true],
    [302, 'JIRA_BAD_RESPONSE', false],
  ] as const)('maps %i to %s (retryable: %s)', (status, code, retryable) => {
    const error = errorForResponse(failure({ status }));

    expect(error).toBeInstanceOf(JiraError);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(status);
  });

  it('reads a 400 from a JQL search as invalid JQL, quoting what Jira said', () => {
    const error = errorForResponse(
      failure({
        status: 400,
        path: '/rest/api/3/search/jql',
        method: 'POST',
        jql: true,
        body: {
          errorMessages: ["Field 'sprintz' does not exist or you do not have permission to view it."],
          errors: {},
        },
      }),
    );

    expect(error.code).toBe('JIRA_INVALID_JQL');
    expect(error.jiraMessages).toEqual([
      "Field 'sprintz' does not exist or you do not have permission to view it.",
    ]);
    expect(error.message).toBe(
      'Jira could not run the JQL query (400). Check the query and the names in it. Jira said: "Field \'sprintz\' does not exist or you do not have permission to view it."',
    );
  });

  it('tells a person what to do about rejected credentials', () => {
    expect(errorForResponse(failure({ status: 401 })).message).toBe(
      'Jira rejected the e-mail and API token (401). Check that the token belongs to this e-mail and has not expired.',
    );
    expect(
      errorForResponse(
        failure({
          status: 401,
          authKind: 'bearer',
          body: { code: 401, message: 'Unauthorized; scope does not match' },
        }),
      ).message,
    ).toBe(
      'Jira rejected the access token (401). It may have expired or been revoked, or lack the scope this call needs. Jira said: "Unauthorized; scope does not match"',
    );
  });

  it('keeps the wait Jira asked for on a rate limit', () => {
    const error = errorForResponse(failure({ status: 429, attempts: 5, retryAfterMs: 7000 }));

    expect(error.retryAfterMs).toBe(7000);
    expect(error.message).toBe(
      'Jira kept rate-limiting GET /rest/api/3/myself (429) after 5 attempt(s). Jira asked to wait 7 s.',
    );
  });

  it('serialises to the fields a log or a workflow needs', () => {
    const error = errorForResponse(
      failure({ status: 403, path: '/rest/api/3/group/bulk', body: { errorMessages: ['no'] } }),
    );

    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'JiraError',
      code: 'JIRA_FORBIDDEN',
      message:
        'Jira refused GET /rest/api/3/group/bulk (403): the account lacks a permission this needs. Jira said: "no"',
      status: 403,
      method: 'GET',
      path: '/rest/api/3/group/bulk',
      jiraMessages: ['no'],
      retryable: false,
      retryAfterMs: null,
    });
  });
});
