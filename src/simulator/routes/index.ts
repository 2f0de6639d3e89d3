import type { RouteHandler } from '../simulator-state.js';
import { getMyPermissions } from './my-permissions.js';
import { getMyself } from './myself.js';
import { searchProjects } from './project-search.js';
import { removedSearch } from './removed-search.js';
import { approximateCount, searchJqlGet, searchJqlPost } from './search-jql.js';
import { getServerInfo } from './server-info.js';
import { listStatuses, searchStatuses } from './statuses.js';

/** Every endpoint the simulator answers, by path and then method. */
export const ROUTES: ReadonlyMap<string, Readonly<Record<string, RouteHandler>>> = new Map<
  string,
  Record<string, RouteHandler>
>([
  ['/rest/api/3/myself', { GET: getMyself }],
  ['/rest/api/3/mypermissions', { GET: getMyPermissions }],
  ['/rest/api/3/serverInfo', { GET: getServerInfo }],
  ['/rest/api/3/project/search', { GET: searchProjects }],
  ['/rest/api/3/status', { GET: listStatuses }],
  ['/rest/api/3/statuses/search', { GET: searchStatuses }],
  ['/rest/api/3/search/jql', { GET: searchJqlGet, POST: searchJqlPost }],
  ['/rest/api/3/search/approximate-count', { POST: approximateCount }],
  ['/rest/api/3/search', { GET: removedSearch, POST: removedSearch }],
  ['/rest/api/2/search', { GET: removedSearch, POST: removedSearch }],
]);
