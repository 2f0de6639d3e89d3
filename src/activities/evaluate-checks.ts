import { evaluateAllChecks } from '../checks/registry.js';
import { storeCheckResults } from '../db/check-results.js';
import { loadCheckSnapshot } from '../db/check-snapshot.js';
import type { EvaluateChecksInput, EvaluateChecksOutcome } from './contracts.js';
import type { ActivityDependencies } from './dependencies.js';

/** Evaluates every check of the workspace on the synced data and stores the results as evidence. */
export function createEvaluateChecks(deps: ActivityDependencies) {
  return async function evaluateChecks({
    workspaceId,
    syncRunId,
  }: EvaluateChecksInput): Promise<EvaluateChecksOutcome> {
    const now = (deps.clock ?? (() => new Date()))();
    const snapshot = await loadCheckSnapshot(deps.db, workspaceId, now);
    const results = evaluateAllChecks(snapshot);
    await storeCheckResults(deps.db, workspaceId, results);

    const outcome = {
      evaluated: results.length,
      failing: results.filter((r) => r.status === 'failing').length,
      notEvaluated: results.filter((r) => r.status === 'not_evaluated').length,
    };
    deps.logger.info({ workspaceId, syncRunId, ...outcome }, 'checks evaluated');
    return outcome;
  };
}
