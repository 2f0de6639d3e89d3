import type { SimResponse } from '../http-response.js';

/**
 * GET/POST /rest/api/{2,3}/search, removed by Atlassian in 2025 (CHANGE-2046): every call gets 410
 * with the body Jira Cloud sends.
 */
export function removedSearch(): SimResponse {
  return {
    status: 410,
    body: {
      errorMessages: [
        'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
      ],
      errors: {},
    },
  };
}
