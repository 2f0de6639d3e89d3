import type { SimResponse } from '../http-response.js';
import { formatJiraTimestamp } from '../jira-time.js';
import type { SimRequest, SimulatorState } from '../simulator-state.js';

/** GET /rest/api/3/serverInfo. */
export function getServerInfo(request: SimRequest, state: SimulatorState): SimResponse {
  return {
    status: 200,
    body: {
      baseUrl: request.baseUrl,
      displayUrl: request.baseUrl,
      version: '1001.0.0-SNAPSHOT',
      versionNumbers: [1001, 0, 0],
      deploymentType: 'Cloud',
      buildNumber: 100289,
      buildDate: '2025-11-24T00:00:00.000+0000',
      serverTime: formatJiraTimestamp(state.clock(), 'Etc/UTC'),
      scmInfo: '57a0ca5b4a0bb0ac5f3fee4764acb1c14e4d7e71',
      serverTitle: state.scenario.serverTitle,
      serverTimeZone: 'Etc/UTC',
    },
  };
}
