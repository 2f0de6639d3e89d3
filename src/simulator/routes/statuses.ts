import { pageBean, type SimResponse } from '../http-response.js';
import type { SimRequest, SimulatorState } from '../simulator-state.js';
import type { StatusCategoryKey } from '../types.js';

/** GET /rest/api/3/status: a bare array of StatusDetails, each with its status category. */
export function listStatuses(_request: SimRequest, state: SimulatorState): SimResponse {
  return { status: 200, body: state.scenario.statuses };
}

/**
 * `/statuses/search` names categories TODO, IN_PROGRESS and DONE. Its schema has no value for the
 * `undefined` ("No Category") category; the simulator reports such statuses as TODO, i.e. not done.
 */
const SEARCH_CATEGORY: Record<StatusCategoryKey, 'TODO' | 'IN_PROGRESS' | 'DONE'> = {
  undefined: 'TODO',
  new: 'TODO',
  indeterminate: 'IN_PROGRESS',
  done: 'DONE',
};

/** GET /rest/api/3/statuses/search: an offset page of global statuses; `projectId` is accepted and not used. */
export function searchStatuses(request: SimRequest, state: SimulatorState): SimResponse {
  const { query } = request;
  const searchString = query.get('searchString')?.toLowerCase();
  const category = query.get('statusCategory')?.toUpperCase();

  const matching = state.scenario.statuses
    .map((status) => ({
      id: status.id,
      name: status.name,
      description: status.description,
      scope: { type: 'GLOBAL' as const },
      statusCategory: SEARCH_CATEGORY[status.statusCategory.key],
    }))
    .filter(
      (status) =>
        (!searchString || status.name.toLowerCase().includes(searchString)) &&
        (!category || status.statusCategory === category),
    );
  return pageBean(request, matching, { defaultSize: 200, cap: state.caps.statusesSearch });
}
