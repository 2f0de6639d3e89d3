import { Router } from 'express';
import { checks, findCheck } from '../../checks/registry.js';
import type { CheckDefinition } from '../../checks/types.js';
import {
  checkResultHistory,
  latestCheckResult,
  latestCheckResults,
  type StoredCheckResult,
} from '../../db/check-results.js';
import { verifyEvidenceChain } from '../../db/evidence.js';
import { workspaceIdOf } from '../authenticate.js';
import type { RouteDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { historyQuerySchema, type CheckResultView, type CheckSummaryView } from '../schemas/checks.js';
import { parseRequest } from '../validation.js';

/** Check results and their history, as the auditor reads them. */
export function checksRouter({ db }: RouteDeps): Router {
  const router = Router();

  router.get('/checks', async (_req, res) => {
    const latest = await latestCheckResults(db, workspaceIdOf(res));
    const byCheck = new Map(latest.map((result) => [result.checkId, result]));

    res.json({ checks: checks.map((check) => toSummary(check, byCheck.get(check.id) ?? null)) });
  });

  router.get('/checks/:checkId', async (req, res) => {
    const check = requireCheck(req.params.checkId);
    const result = await latestCheckResult(db, workspaceIdOf(res), check.id);

    res.json({
      checkId: check.id,
      name: check.name,
      status: result?.status ?? 'pending',
      result: result ? toResultView(result) : null,
    });
  });

  router.get('/checks/:checkId/history', async (req, res) => {
    const check = requireCheck(req.params.checkId);
    const query = parseRequest(historyQuerySchema, req.query, 'query');
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    const limit = query.limit === undefined ? undefined : Number(query.limit);

    const workspaceId = workspaceIdOf(res);
    const [results, evidenceChain] = await Promise.all([
      checkResultHistory(db, workspaceId, check.id, { from, to, limit }),
      verifyEvidenceChain(db, workspaceId, check.id),
    ]);

    res.json({
      checkId: check.id,
      name: check.name,
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
      results: results.map(toResultView),
      evidenceChain,
    });
  });

  return router;
}

function requireCheck(checkId: string | undefined): CheckDefinition {
  const check = checkId ? findCheck(checkId) : undefined;
  if (!check) {
    throw new ApiError(
      'CHECK_NOT_FOUND',
      404,
      'There is no check with this id. GET /v1/checks lists them all.',
    );
  }

  return check;
}

function toSummary(check: CheckDefinition, result: StoredCheckResult | null): CheckSummaryView {
  return {
    checkId: check.id,
    name: check.name,
    status: result?.status ?? 'pending',
    reason: result?.reason ?? null,
    evaluatedAt: result?.evaluatedAt.toISOString() ?? null,
    failingCount: result?.failingEntities.length ?? 0,
    resultId: result?.id ?? null,
  };
}

function toResultView(result: StoredCheckResult): CheckResultView {
  return {
    id: result.id,
    checkId: result.checkId,
    name: result.name,
    status: result.status,
    reason: result.reason,
    evaluatedAt: result.evaluatedAt.toISOString(),
    syncRunIds: result.syncRunIds,
    scopeVersions: result.scopeVersions,
    failingEntities: result.failingEntities.map((entity) => ({ ...entity })),
    auditorJql: result.auditorJql,
    summary: result.summary,
    evidence: { sequence: result.sequence, hash: result.hash },
  };
}
