import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CheckResult } from '../checks/types.js';
import { checkResultColumns, checkResultFromRow, pickCheckResult } from './check-result-row.js';
import type { Database } from './schema.js';

/**
 * Evidence is an append-only chain per workspace and check. Each record holds one check result as
 * canonical JSON (RFC 8785: sorted keys, no spaces; instants as ISO strings) and a SHA-256 over the
 * previous record's hash followed by the record. Changing, removing or reordering a stored record breaks
 * the chain from there on, which `verifyEvidenceChain` finds.
 */

/** Bumped if the record's fields ever change, so old records still verify under their own rules. */
const RECORD_FORMAT = 1;

/** The canonical JSON text of a value (RFC 8785). Dates become ISO strings; `undefined` fields vanish. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Evidence records must be JSON values');
  return text;
}

/** `sha256(previousHash + record)` in hex; the first record of a chain has no previous hash (''). */
export function evidenceHash(previousHash: string | null, record: string): string {
  return createHash('sha256')
    .update(previousHash ?? '', 'utf8')
    .update(record, 'utf8')
    .digest('hex');
}

export interface ChainPosition {
  sequence: number;
  previousHash: string | null;
}

/** The canonical record of one check result at its place in the chain: what the hash covers. */
export function evidenceRecord(
  workspaceId: string,
  checkResultId: string,
  result: CheckResult,
  position: ChainPosition,
): string {
  return canonicalJson({
    format: RECORD_FORMAT,
    workspaceId,
    checkResultId,
    sequence: position.sequence,
    previousHash: position.previousHash,
    ...pickCheckResult(result),
    evaluatedAt: result.evaluatedAt.toISOString(),
  });
}

export interface EvidenceEntry extends ChainPosition {
  hash: string;
  record: string;
}

/**
 * Appends the record of one stored check result to its chain, inside the caller's transaction (the one
 * that wrote the result). A transaction-scoped advisory lock on (workspace, check) makes concurrent
 * writers take turns, so each sees the true last record; the unique (workspace_id, check_id, sequence)
 * constraint is the backstop. Callers appending to several chains must do so in a fixed order (by check
 * id) so that two writers never wait for each other.
 */
export async function appendEvidence(
  trx: Transaction<Database>,
  workspaceId: string,
  checkResultId: string,
  result: CheckResult,
): Promise<EvidenceEntry> {
  const chainKey = `evidence:${workspaceId}:${result.checkId}`;
  await sql`select pg_advisory_xact_lock(hashtextextended(${chainKey}, 0))`.execute(trx);

  const last = await trx
    .selectFrom('evidence')
    .select(['sequence', 'hash'])
    .where('workspace_id', '=', workspaceId)
    .where('check_id', '=', result.checkId)
    .orderBy('sequence', 'desc')
    .limit(1)
    .executeTakeFirst();

  const position = { sequence: (last?.sequence ?? 0) + 1, previousHash: last?.hash ?? null };
  const record = evidenceRecord(workspaceId, checkResultId, result, position);
  const hash = evidenceHash(position.previousHash, record);

  await trx
    .insertInto('evidence')
    .values({
      workspace_id: workspaceId,
      check_id: result.checkId,
      check_result_id: checkResultId,
      sequence: position.sequence,
      record,
      previous_hash: position.previousHash,
      hash,
    })
    .execute();

  return { ...position, hash, record };
}

export interface EvidenceChainVerification {
  valid: boolean;
  /** How many records the chain holds. */
  records: number;
  /** The first record that does not verify. */
  brokenAtSequence?: number;
  problem?: EvidenceProblem;
}

export type EvidenceProblem =
  /** A sequence number is missing: a record was removed. */
  | 'sequence_gap'
  /** `previous_hash` is not the hash of the record before. */
  | 'previous_hash_mismatch'
  /** The hash does not cover the stored record: the record or its hash was changed. */
  | 'hash_mismatch'
  /** The record is not what its check result row and chain position say: one of them was changed. */
  | 'record_mismatch';

/**
 * Recomputes the chain of one check from its first record on and reports the first record that does not
 * verify. Each record is also rebuilt from the check result row it points at, since the API serves
 * results from that table: a changed result breaks the chain as surely as a changed record.
 */
export async function verifyEvidenceChain(
  db: Kysely<Database>,
  workspaceId: string,
  checkId: string,
): Promise<EvidenceChainVerification> {
  const rows = await db
    .selectFrom('evidence')
    .innerJoin('check_results', 'check_results.id', 'evidence.check_result_id')
    .select(['evidence.sequence', 'evidence.record', 'evidence.previous_hash', 'evidence.hash'])
    .select(checkResultColumns)
    .where('evidence.workspace_id', '=', workspaceId)
    .where('evidence.check_id', '=', checkId)
    .orderBy('evidence.sequence')
    .execute();

  let previousHash: string | null = null;
  for (const [index, row] of rows.entries()) {
    const broken = (problem: EvidenceProblem) => ({
      valid: false,
      records: rows.length,
      brokenAtSequence: row.sequence,
      problem,
    });

    if (row.sequence !== index + 1) return broken('sequence_gap');
    if (row.previous_hash !== previousHash) return broken('previous_hash_mismatch');
    if (evidenceHash(row.previous_hash, row.record) !== row.hash) return broken('hash_mismatch');

    const position = { sequence: row.sequence, previousHash: row.previous_hash };
    const rebuilt = evidenceRecord(workspaceId, row.id, checkResultFromRow(row), position);
    if (row.workspace_id !== workspaceId || rebuilt !== row.record) return broken('record_mismatch');

    previousHash = row.hash;
  }

  return { valid: true, records: rows.length };
}

export interface EvidenceListEntry extends EvidenceEntry {
  checkResultId: string;
  evaluatedAt: Date;
  createdAt: Date;
}

/**
 * The evidence records of one check, oldest first, for exports: each with the exact text its hash
 * covers, so an auditor can recompute the chain without this service. `from` is inclusive and `to`
 * exclusive, both on the evaluation time.
 */
export async function listEvidence(
  db: Kysely<Database>,
  workspaceId: string,
  checkId: string,
  period: { from?: Date; to?: Date; limit?: number } = {},
): Promise<EvidenceListEntry[]> {
  let query = db
    .selectFrom('evidence')
    .innerJoin('check_results', 'check_results.id', 'evidence.check_result_id')
    .select([
      'evidence.sequence',
      'evidence.previous_hash',
      'evidence.hash',
      'evidence.record',
      'evidence.check_result_id',
      'evidence.created_at',
      'check_results.evaluated_at',
    ])
    .where('evidence.workspace_id', '=', workspaceId)
    .where('evidence.check_id', '=', checkId);
  if (period.from) query = query.where('check_results.evaluated_at', '>=', period.from);
  if (period.to) query = query.where('check_results.evaluated_at', '<', period.to);
  const rows = await query.orderBy('evidence.sequence').limit(clampLimit(period.limit)).execute();

  return rows.map((r) => ({
    sequence: r.sequence,
    previousHash: r.previous_hash,
    hash: r.hash,
    record: r.record,
    checkResultId: r.check_result_id,
    evaluatedAt: r.evaluated_at,
    createdAt: r.created_at,
  }));
}

/** Page sizes for history and evidence queries: default 100, at most 1000. */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return 100;
  return Math.min(1000, Math.max(1, Math.floor(limit)));
}
