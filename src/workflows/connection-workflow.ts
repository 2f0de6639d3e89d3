import {
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import {
  connectionStateQuery,
  disconnectSignal,
  resyncSignal,
  resyncUpdate,
  type ConnectionWorkflowInput,
  type ConnectionWorkflowState,
} from './messages.js';
import { connectionStatusKey } from './search-attributes.js';

type Activities = ReturnType<typeof createActivities>;

/** Failures that may pass by themselves: the workflow validates again after a sync interval. */
const TRANSIENT_JIRA_ERRORS = ['JIRA_SERVER_ERROR', 'JIRA_UNREACHABLE', 'JIRA_RATE_LIMITED', 'SYNC_FAILED'];

/** Syncs per run before the history is rolled over with continue-as-new, unless the server asks sooner. */
const DEFAULT_SYNCS_PER_RUN = 50;

/** Failures that retrying cannot fix: the connection needs a person. */
const PERMANENT_JIRA_ERRORS = [
  'JIRA_UNAUTHORIZED',
  'JIRA_FORBIDDEN',
  'JIRA_NOT_FOUND',
  'JIRA_ENDPOINT_REMOVED',
  'JIRA_BAD_REQUEST',
  'JIRA_INVALID_JQL',
  'JIRA_BAD_RESPONSE',
  'CONNECTION_NOT_FOUND',
  'CREDENTIALS_MISSING',
];

/**
 * One long-lived workflow per Jira connection: validates the credentials, then syncs on a timer and on
 * request until it is disconnected. It holds only ids and small state; activities do all the I/O.
 */
export async function connectionWorkflow(input: ConnectionWorkflowInput): Promise<ConnectionWorkflowState> {
  const state: ConnectionWorkflowState = input.state ?? {
    phase: 'validating',
    syncing: false,
    statusCode: null,
    lastSyncRunId: null,
    lastSyncFinishedAt: null,
    lastSyncStatus: null,
    syncsCompleted: 0,
    resyncRequested: false,
    disconnectRequested: false,
  };
  const heartbeatTimeoutMs = input.heartbeatTimeoutMs ?? 60_000;
  const syncsPerRun = input.syncsPerRun ?? DEFAULT_SYNCS_PER_RUN;

  // Database bookkeeping: retried until PostgreSQL answers again, so an outage pauses the workflow
  // instead of failing it.
  const quick = proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: ['CONNECTION_NOT_FOUND'] },
  });
  const validation = proxyActivities<Activities>({
    startToCloseTimeout: '2 minutes',
    retry: { maximumAttempts: 5, initialInterval: '2 seconds', maximumInterval: '1 minute' },
  });
  const sync = proxyActivities<Activities>({
    startToCloseTimeout: '2 hours',
    heartbeatTimeout: heartbeatTimeoutMs,
    retry: {
      maximumAttempts: 8,
      initialInterval: '5 seconds',
      maximumInterval: '5 minutes',
      nonRetryableErrorTypes: PERMANENT_JIRA_ERRORS,
    },
  });

  /** The validation or sync in progress, cancelled at once by a disconnect. */
  let running: CancellationScope | null = null;

  // ---- message handlers -------------------------------------------------------------------------
  setHandler(connectionStateQuery, () => state);
  setHandler(resyncSignal, () => {
    if (state.phase !== 'disconnected') state.resyncRequested = true;
  });
  setHandler(
    resyncUpdate,
    () => {
      state.resyncRequested = true;
      return { accepted: true, phase: state.phase };
    },
    {
      validator: () => {
        if (state.phase === 'disconnected') throw new Error('The connection is disconnected.');
      },
    },
  );
  setHandler(disconnectSignal, () => {
    state.disconnectRequested = true;
    running?.cancel();
  });

  // ---- main loop ----------------------------------------------------------------------------------
  while (!state.disconnectRequested) {
    if (state.phase === 'validating') {
      await validate();
      continue;
    }

    if (state.phase === 'needs_attention') {
      // A person has to act (new credentials, permissions) and a resync request tries again. When Jira
      // was only unreachable or failing, the workflow also tries again by itself after an interval.
      const transient = TRANSIENT_JIRA_ERRORS.includes(state.statusCode ?? '');
      const woken = await condition(
        () => state.resyncRequested || state.disconnectRequested,
        transient ? input.syncIntervalMs : undefined,
      );
      if (state.disconnectRequested) continue;
      if (state.resyncRequested || !woken) {
        state.resyncRequested = false;
        setPhase('validating');
      }
      continue;
    }

    state.resyncRequested = false;
    await runSync();
    if (state.disconnectRequested || state.phase !== 'active') continue;

    await condition(() => state.resyncRequested || state.disconnectRequested, input.syncIntervalMs);

    if (workflowInfo().continueAsNewSuggested || state.syncsCompleted % syncsPerRun === 0) {
      await condition(allHandlersFinished);
      return await continueAsNew<typeof connectionWorkflow>({
        ...input,
        state: { ...state, syncing: false },
      });
    }
  }

  await CancellationScope.nonCancellable(() =>
    quick.disconnectConnection({ connectionId: input.connectionId }),
  );
  setPhase('disconnected');
  await condition(allHandlersFinished);
  return state;

  // ---- steps --------------------------------------------------------------------------------------
  async function validate(): Promise<void> {
    let outcome;
    try {
      running = new CancellationScope();
      outcome = await running.run(() => validation.validateConnection({ connectionId: input.connectionId }));
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.cancelled) return;
      // Retries ran out on something transient (Jira unreachable, 5xx): say so, and try again later.
      outcome = { ok: false as const, code: failure.code, message: failure.message };
      await quick.setConnectionStatus({
        connectionId: input.connectionId,
        status: 'needs_attention',
        ...outcome,
      });
    }
    if (outcome.ok) {
      state.statusCode = null;
      setPhase('active');
    } else {
      state.statusCode = outcome.code;
      setPhase('needs_attention');
    }
  }

  async function runSync(): Promise<void> {
    const { syncRunId } = await quick.startSyncRun({ connectionId: input.connectionId });
    state.syncing = true;
    state.lastSyncRunId = syncRunId;

    let failure: ReturnType<typeof describeFailure> | null = null;
    try {
      running = new CancellationScope();
      const outcome = await running.run(() =>
        sync.syncConnection({ connectionId: input.connectionId, syncRunId }),
      );
      state.lastSyncStatus = outcome.status;
    } catch (error) {
      failure = describeFailure(error);
      state.lastSyncStatus = 'failed';
      log.warn('sync failed', { syncRunId, code: failure.code });
    } finally {
      running = null;
      state.syncing = false;
      state.syncsCompleted += 1;
      state.lastSyncFinishedAt = new Date().toISOString();
    }

    if (failure) {
      await CancellationScope.nonCancellable(() =>
        quick.failSyncRun({
          connectionId: input.connectionId,
          syncRunId,
          status: 'failed',
          errorCode: failure.code,
          errorMessage: failure.message,
        }),
      );
      if (failure.cancelled) return;

      if (PERMANENT_JIRA_ERRORS.includes(failure.code)) {
        await quick.setConnectionStatus({
          connectionId: input.connectionId,
          status: 'needs_attention',
          code: failure.code,
          message: failure.message,
        });
        state.statusCode = failure.code;
        setPhase('needs_attention');
      }
    }

    // The checks run after a failed sync too: a failing sync is itself what `system_connected` reports.
    await quick.evaluateChecks({ workspaceId: input.workspaceId, syncRunId });
  }

  function setPhase(phase: ConnectionWorkflowState['phase']): void {
    state.phase = phase;
    upsertSearchAttributes([{ key: connectionStatusKey, value: phase }]);
  }
}

/** Turns an activity failure into a code and a message safe for history (activities never put secrets in them). */
function describeFailure(error: unknown): { code: string; message: string; cancelled: boolean } {
  if (isCancellation(error))
    return { code: 'CANCELLED', message: 'The sync was cancelled.', cancelled: true };

  let cause: unknown = error;
  while (cause instanceof Error && !(cause instanceof ApplicationFailure) && cause.cause) cause = cause.cause;
  if (cause instanceof ApplicationFailure) {
    return { code: cause.type ?? 'SYNC_FAILED', message: cause.message, cancelled: false };
  }
  return {
    code: 'SYNC_FAILED',
    message: 'The sync failed for an unexpected reason; see the worker logs.',
    cancelled: false,
  };
}
