import type { SimResponse } from './http-response.js';
import type { IssueStore } from './issue-store.js';
import type { JiraScenario, ScenarioLogin } from './types.js';

/** The most items one page holds, per endpoint; the server silently gives fewer than asked beyond it. */
export interface PageSizeCaps {
  /** `/rest/api/3/project/search`. @default 50 */
  projectSearch: number;
  /** `/rest/api/3/search/jql`. @default 100 */
  searchJql: number;
  /** `/rest/api/3/statuses/search`. @default 200 */
  statusesSearch: number;
}

export const DEFAULT_PAGE_SIZE_CAPS: PageSizeCaps = {
  projectSearch: 50,
  searchJql: 100,
  statusesSearch: 200,
};

export interface SimulatorState {
  /** The live scenario: mutations show up in it. */
  scenario: JiraScenario;
  store: IssueStore;
  caps: PageSizeCaps;
  clock: () => Date;
}

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** The authenticated caller. */
  login: ScenarioLogin;
  baseUrl: string;
}

export type RouteHandler = (request: SimRequest, state: SimulatorState) => SimResponse;
