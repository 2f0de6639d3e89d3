import {
  ApplicationFailure,
  Context,
  activityInfo,
  cancellationSignal,
  heartbeat,
} from '@temporalio/activity';
import { findConnectionById } from '../db/connection-status.js';
import { upsertIssuePage, upsertProjects, upsertStatuses } from '../db/jira-data.js';
import type { SyncProblem } from '../db/schema.js';
import { latestScopes, recordScopePass, scopeWatermark } from '../db/scope-sync.js';
import { finishSyncRun, findSyncRun, recordSyncProgress } from '../db/sync-runs.js';
import type { JiraClient } from '../jira/client.js';
import { JiraError } from '../jira/errors.js';
import type { SyncOutcome, SyncProgress, SyncRunRef } from './contracts.js';
import type { ActivityDependencies } from './dependencies.js';
import { openJiraClient } from './open-jira-client.js';
import { scopeSearchJql } from './scope-query.js';
import { toActivityFailure } from './to-failure.js';

interface ScopePass {
  /** When this pass over the scope began; becomes the scope's watermark once the pass completes. */
  startedAt: string;
}

type Progress = SyncProgress & { passes: Record<string, ScopePass>; problems: SyncProblem[] };

const START: Progress = {
  catalogueDone: false,
  scopeIndex: 0,
  nextPageToken: null,
  pages: 0,
  issues: 0,
  projects: 0,
  statuses: 0,
  passes: {},
  problems: [],
};

/**
 * One sync run of a connection: projects and statuses, then every scope's issues page by page. Each
 * page is stored before the heartbeat that records the cursor after it, so a retry on another worker
 * (after a crash or a timeout) resumes from the last stored page and re-storing a page is harmless.
 */
export function createSyncConnection(deps: ActivityDependencies) {
  return async function syncConnection({ connectionId, syncRunId }: SyncRunRef): Promise<SyncOutcome> {
    const now = deps.clock ?? (() => new Date());
    const log = Context.current().log;
    const progress: Progress = {
      ...START,
      ...(activityInfo().heartbeatDetails as Partial<Progress> | undefined),
    };
    if (activityInfo().attempt > 1)
      log.info('resuming sync', { syncRunId, scopeIndex: progress.scopeIndex, pages: progress.pages });

    const connection = await findConnectionById(deps.db, connectionId);
    const run = await findSyncRun(deps.db, syncRunId);
    if (!connection || !run) {
      throw ApplicationFailure.create({
        type: 'CONNECTION_NOT_FOUND',
        message: 'Connection or sync run not found.',
        nonRetryable: true,
      });
    }

    const client = await openJiraClient(deps, connection, cancellationSignal());
    const save = async (): Promise<void> => {
      await recordSyncProgress(deps.db, syncRunId, counts(progress), progress.problems);
      heartbeat(progress);
    };

    try {
      if (!progress.catalogueDone) {
        await syncCatalogue(client, progress, connectionId, now());
        progress.catalogueDone = true;
        await save();
      }

      const scopes = await latestScopes(deps.db, connectionId);
      const wanted = scopes.filter((s) => connection.purposes.includes(s.purpose));
      for (; progress.scopeIndex < wanted.length; progress.scopeIndex += 1) {
        const scope = wanted[progress.scopeIndex]!;
        const pass = (progress.passes[scope.id] ??= { startedAt: now().toISOString() });
        const watermark = await scopeWatermark(deps.db, scope.id);
        const jql = scopeSearchJql(scope, watermark);

        do {
          // The client always asks for the fields an issue record needs, and nothing more.
          const page = await client.searchIssuesPage({
            jql,
            nextPageToken: progress.nextPageToken ?? undefined,
          });
          await upsertIssuePage(deps.db, {
            connectionId,
            scopeId: scope.id,
            syncRunId,
            syncedAt: now(),
            issues: page.issues,
          });
          progress.pages += 1;
          progress.issues += page.issues.length;
          progress.nextPageToken = page.isLast || page.issues.length === 0 ? null : page.nextPageToken;
          await save();
        } while (progress.nextPageToken);

        await recordScopePass(deps.db, scope.id, {
          startedAt: new Date(pass.startedAt),
          full: watermark === null,
        });
      }
    } catch (error) {
      throw toActivityFailure(error);
    }

    const status = progress.problems.length > 0 ? 'partial' : 'succeeded';
    await finishSyncRun(deps.db, syncRunId, {
      status,
      finishedAt: now(),
      counts: counts(progress),
      problems: progress.problems,
    });
    log.info('sync finished', { syncRunId, status, ...counts(progress) });

    return { status, counts: counts(progress), problems: progress.problems.length };

    async function syncCatalogue(
      jira: JiraClient,
      state: Progress,
      id: string,
      syncedAt: Date,
    ): Promise<void> {
      // A retry re-reads the catalogue whole, so it counts from zero again.
      state.projects = 0;
      state.statuses = 0;
      state.problems = [];
      await readResource(state, '/rest/api/3/project/search', 'Browse projects', async () => {
        for await (const projects of jira.listProjects()) {
          await upsertProjects(
            deps.db,
            id,
            projects.map((p) => ({
              id: p.id,
              key: p.key,
              name: p.name,
              projectTypeKey: p.projectTypeKey ?? null,
            })),
            syncedAt,
          );
          state.projects += projects.length;
          heartbeat(state);
        }
      });
      await readResource(state, '/rest/api/3/status', 'Browse projects', async () => {
        const statuses = await jira.listStatuses();
        await upsertStatuses(deps.db, id, statuses, syncedAt);
        state.statuses += statuses.length;
      });
    }
  };
}

/**
 * Reads one resource; a 403 on it is recorded as "insufficient permission" and the rest of the sync
 * goes on (checks that needed it then say they could not be evaluated). Anything else propagates.
 */
async function readResource(
  progress: Progress,
  resource: string,
  permission: string,
  read: () => Promise<void>,
): Promise<void> {
  try {
    await read();
  } catch (error) {
    if (!(error instanceof JiraError) || error.code !== 'JIRA_FORBIDDEN') throw error;
    progress.problems.push({
      resource,
      code: 'INSUFFICIENT_PERMISSION',
      message: `Jira refused ${resource} (403): the account needs the "${permission}" permission.`,
    });
  }
}

function counts(progress: Progress): SyncOutcome['counts'] {
  return {
    projects: progress.projects,
    statuses: progress.statuses,
    issues: progress.issues,
    pages: progress.pages,
  };
}
