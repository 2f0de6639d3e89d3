import { createCheckScopeJql } from './check-scope-jql.js';
import type { ActivityDependencies } from './dependencies.js';
import { createDisconnectConnection } from './disconnect-connection.js';
import { createEvaluateChecks } from './evaluate-checks.js';
import { createSyncConnection } from './sync-connection.js';
import { createFailSyncRun, createSetConnectionStatus, createStartSyncRun } from './sync-runs.js';
import { createValidateConnection } from './validate-connection.js';

export type { ActivityDependencies } from './dependencies.js';

/** The activities the worker registers, bound to their dependencies. */
export function createActivities(deps: ActivityDependencies) {
  return {
    validateConnection: createValidateConnection(deps),
    startSyncRun: createStartSyncRun(deps),
    syncConnection: createSyncConnection(deps),
    failSyncRun: createFailSyncRun(deps),
    evaluateChecks: createEvaluateChecks(deps),
    setConnectionStatus: createSetConnectionStatus(deps),
    disconnectConnection: createDisconnectConnection(deps),
    checkScopeJql: createCheckScopeJql(deps),
  };
}
