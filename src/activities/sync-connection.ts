import {
  ApplicationFailure,
  Context,
  activityInfo,
  cancellationSignal,
  heartbeat,
} from '@temporalio/activity';
import { findConnectionById } from '../db/connection-status.js';
import { upsertIssuePage, upsertProjects, upsertStatuses } from '../db/jira-data.js';
import type { SyncProblem, SyncRun } from '../db/schema.js';
import { recordScopePass, scopeWatermark } from '../db/scope-sync.js';
import { latestScopes } from '../db/scopes.js';
import { finishSyncRun, findSyncRun, recordSyncProgress } from '../db/sync-runs.js';
import type { JiraClient } from '../jira/client.js';
import { JiraError } from '../jira/errors.js';
import type { SyncOutcome, SyncRunRef } from './contracts.js';
import type { ActivityDependencies } from './dependencies.js';
import { openJiraClient } from './open-jira-client.js';
import { scopeSearchJql } from './scope-query.js';
import { toActivityFailure } from './to-failure.js';

/** One planned pass over a scope's issues. Fixed when planned, so a retry pages through the same query. */
interface ScopePass {
  scopeId: string;
  jql: string;
  full: boolean;
  /** Becomes the scope's watermark once the pass completes. */
  startedAt: string;
}

/** Where a run stands; stored with every page (sync_runs.checkpoint) and sent as heartbeat details. */
interface Checkpoint {
  catalogueDone: boolean;
  /** Null until the scope passes are planned, after the catalogue. */
  passes: ScopePass[] | null;
  passIndex: number;
  nextPageToken: string | null;
  pages: number;
  issues: number;
  projects: number;
  statuses: number;
  problems: SyncProblem[];
}

/** Heartbeats also go out on a timer, so a slow Jira answer does not look like a dead worker. */
const HEARTBEAT_EVERY_MS = 5_000;

function freshCheckpoint(): Checkpoint {
  return {
    catalogueDone: false,
    passes: null,
    passIndex: 0,
    nextPageToken: null,
    pages: 0,
    issues: 0,
    projects: 0,
    statuses: 0,
    problems: [],
  };
}

/**
 * One sync run of a connection: projects and statuses, then a planned pass over every scope's issues,
 * page by page. Each page is stored together with the checkpoint after it, so a retry on another worker
 * (after a crash or a timeout) resumes from the last stored page, and storing a page again is harmless.
 */
export function createSyncConnection(deps: ActivityDependencies) {
  return async function syncConnection({ connectionId, syncRunId }: SyncRunRef): Promise<SyncOutcome> {
    const now = deps.clock ?? (() => new Date());
    const log = Context.current().log;

    const connection = await findConnectionById(deps.db, connectionId);
    const run = await findSyncRun(deps.db, syncRunId);
    if (!connection || !run) {
      throw ApplicationFailure.create({
        type: 'CONNECTION_NOT_FOUND',
        message: 'Connection or sync run not found.',
        nonRetryable: true,
      });
    }
    // An attempt whose completion was lost (worker or Temporal gone at that moment) finds the run ended.
    if (run.status === 'succeeded' || run.status === 'partial') return outcomeOf(run);
    if (run.status === 'failed') {
      throw ApplicationFailure.create({
        type: 'SYNC_ABANDONED',
        message: 'The sync run has ended.',
        nonRetryable: true,
      });
    }

    const checkpoint: Checkpoint =
      (run.checkpoint as Checkpoint | null) ??
      (activityInfo().heartbeatDetails as Checkpoint | undefined) ??
      freshCheckpoint();
    if (activityInfo().attempt > 1) {
      log.info('resuming sync', { syncRunId, passIndex: checkpoint.passIndex, pages: checkpoint.pages });
    }

    const client = await openJiraClient(deps, connection, cancellationSignal());
    const save = async (): Promise<void> => {
      const stillRunning = await recordSyncProgress(deps.db, syncRunId, {
        counts: countsOf(checkpoint),
        problems: checkpoint.problems,
        checkpoint,
      });
      heartbeat(checkpoint);
      if (!stillRunning) {
        // The workflow gave the run up (a disconnect): stop calling Jira with credentials now deleted.
        throw ApplicationFailure.create({
          type: 'SYNC_ABANDONED',
          message: 'The sync run was ended while it ran.',
          nonRetryable: true,
        });
      }
    };
    const ticker = setInterval(() => heartbeat(checkpoint), HEARTBEAT_EVERY_MS);

    try {
      if (!checkpoint.catalogueDone) {
        await syncCatalogue(client, checkpoint, connectionId, now());
        checkpoint.catalogueDone = true;
        await save();
      }

      checkpoint.passes ??= await planPasses(connection.purposes, now());
      await save();
      for (; checkpoint.passIndex < checkpoint.passes.length; checkpoint.passIndex += 1) {
        const pass = checkpoint.passes[checkpoint.passIndex]!;
        do {
          const page = await client.searchIssuesPage({
            jql: pass.jql,
            nextPageToken: checkpoint.nextPageToken ?? undefined,
          });
          await upsertIssuePage(deps.db, {
            connectionId,
            scopeId: pass.scopeId,
            syncRunId,
            syncedAt: now(),
            issues: page.issues,
          });
          checkpoint.pages += 1;
          checkpoint.issues += page.issues.length;
          checkpoint.nextPageToken = page.isLast || page.issues.length === 0 ? null : page.nextPageToken;
          await save();
        } while (checkpoint.nextPageToken);

        await recordScopePass(deps.db, pass.scopeId, {
          startedAt: new Date(pass.startedAt),
          full: pass.full,
        });
      }
    } catch (error) {
      throw toActivityFailure(error);
    } finally {
      clearInterval(ticker);
    }

    const status = checkpoint.problems.length > 0 ? 'partial' : 'succeeded';
    await finishSyncRun(deps.db, syncRunId, {
      status,
      finishedAt: now(),
      counts: countsOf(checkpoint),
      problems: checkpoint.problems,
    });
    log.info('sync finished', { syncRunId, status, ...countsOf(checkpoint) });

    return { status, counts: countsOf(checkpoint), problems: checkpoint.problems.length };

    async function planPasses(purposes: readonly string[], startedAt: Date): Promise<ScopePass[]> {
      const scopes = (await latestScopes(deps.db, [connectionId])).filter((s) =>
        purposes.includes(s.purpose),
      );
      return Promise.all(
        scopes.map(async (scope) => {
          const watermark = await scopeWatermark(deps.db, scope.id);
          return {
            scopeId: scope.id,
            jql: scopeSearchJql(scope, watermark),
            full: watermark === null,
            startedAt: startedAt.toISOString(),
          };
        }),
      );
    }

    async function syncCatalogue(
      jira: JiraClient,
      state: Checkpoint,
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
  checkpoint: Checkpoint,
  resource: string,
  permission: string,
  read: () => Promise<void>,
): Promise<void> {
  try {
    await read();
  } catch (error) {
    if (!(error instanceof JiraError) || error.code !== 'JIRA_FORBIDDEN') throw error;
    checkpoint.problems.push({
      resource,
      code: 'INSUFFICIENT_PERMISSION',
      message: `Jira refused ${resource} (403): the account needs the "${permission}" permission.`,
    });
  }
}

function countsOf(checkpoint: Checkpoint): SyncOutcome['counts'] {
  return {
    projects: checkpoint.projects,
    statuses: checkpoint.statuses,
    issues: checkpoint.issues,
    pages: checkpoint.pages,
  };
}

function outcomeOf(run: SyncRun): SyncOutcome {
  return {
    status: run.status as SyncOutcome['status'],
    counts: run.counts,
    problems: run.problems.length,
  };
}
