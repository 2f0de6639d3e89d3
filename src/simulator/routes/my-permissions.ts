import { errorCollection, listParameter, type SimResponse } from '../http-response.js';
import type { SimRequest, SimulatorState } from '../simulator-state.js';
import type { GlobalPermissionKey } from '../types.js';

interface PermissionDefinition {
  id: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

const PERMISSIONS: Record<string, PermissionDefinition> = {
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description: 'Configure projects, issue types, fields, workflows and schemes across the site.',
  },
  SYSTEM_ADMIN: {
    id: '44',
    name: 'Jira System Administrators',
    type: 'GLOBAL',
    description: 'Every administration function, including system settings.',
  },
  USER_PICKER: {
    id: '27',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description: 'See the names of users and groups, for example when picking an assignee.',
  },
  CREATE_SHARED_OBJECTS: {
    id: '22',
    name: 'Share dashboards and filters',
    type: 'GLOBAL',
    description: 'Share dashboards and filters with other users.',
  },
  BROWSE_PROJECTS: {
    id: '10',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'See projects and their issues.',
  },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT', description: 'Create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Edit issues.' },
  TRANSITION_ISSUES: {
    id: '46',
    name: 'Transition Issues',
    type: 'PROJECT',
    description: 'Move issues between statuses.',
  },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT', description: 'Comment on issues.' },
};

/**
 * GET /rest/api/3/mypermissions?permissions=ADMINISTER,…: global permissions come from the scenario's
 * `globalPermissions`; the project permissions listed here are held by every login.
 */
export function getMyPermissions(request: SimRequest, state: SimulatorState): SimResponse {
  const keys = listParameter(request.query, 'permissions');
  if (keys.length === 0) {
    return errorCollection(400, [
      "The 'permissions' query parameter is required: a comma-separated list of permission keys.",
    ]);
  }
  const unknown = keys.filter((key) => !(key in PERMISSIONS));
  if (unknown.length > 0) {
    return errorCollection(
      400,
      unknown.map((key) => `The permission key '${key}' is not valid.`),
    );
  }

  const held = state.scenario.globalPermissions[request.login.accountId] ?? [];
  const permissions = Object.fromEntries(
    keys.map((key) => {
      const definition = PERMISSIONS[key] as PermissionDefinition;
      const havePermission = definition.type === 'PROJECT' || held.includes(key as GlobalPermissionKey);
      return [
        key,
        {
          id: definition.id,
          key,
          name: definition.name,
          type: definition.type,
          description: definition.description,
          havePermission,
        },
      ];
    }),
  );

  return { status: 200, body: { permissions } };
}
