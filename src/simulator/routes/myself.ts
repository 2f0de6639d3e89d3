import type { SimResponse } from '../http-response.js';
import type { SimRequest, SimulatorState } from '../simulator-state.js';

/** GET /rest/api/3/myself: the calling user, with group and application-role counts. */
export function getMyself(request: SimRequest, state: SimulatorState): SimResponse {
  const user = state.scenario.users.find((candidate) => candidate.accountId === request.login.accountId);
  if (!user) throw new Error(`Login ${request.login.email} has no user in the scenario`);
  const isAdmin = state.scenario.globalPermissions[user.accountId]?.includes('ADMINISTER') ?? false;

  return {
    status: 200,
    body: {
      ...user,
      groups: { size: isAdmin ? 4 : 2, items: [] },
      applicationRoles: { size: 1, items: [] },
      expand: 'groups,applicationRoles',
    },
  };
}
