import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { CheckResult } from '../../src/checks/types.js';
import {
  checkResultAt,
  checkResultHistory,
  latestCheckResult,
  latestCheckResults,
  storeCheckResults,
} from '../../src/db/check-results.js';
import { createDatabase } from '../../src/db/database.js';
import { canonicalJson, listEvidence, verifyEvidenceChain } from '../../src/db/evidence.js';
import type { Database } from '../../src/db/schema.js';
import { insertWorkspace } from './db-fixtures.js';

const CHECK = 'change_management.ticket_has_assignee';
const T1 = new Date('2026-11-01T00:00:00.000Z');
const T2 = new Date('2026-11-02T00:00:00.000Z');
const T3 = new Date('2026-11-03T00:00:00.000Z');

function result(evaluatedAt: Date, overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    checkId: CHECK,
    name: 'Change management ticket should have an assignee',
    status: 'failing',
    reason:
      '1 of 2 change tickets created in the last 90 days has no assignee: CHG-1; assign an owner to each.',
    evaluatedAt,
    syncRunIds: ['7b0c1a52-4f3e-4a57-9a57-2a0f3c1d9e01'],
    scopeVersions: { 'c0ffee00-0000-4000-8000-000000000001': 2 },
    failingEntities: [
      {
        type: 'issue',
        connectionId: 'c0ffee00-0000-4000-8000-000000000001',
        site: 'acme.atlassian.net',
        key: 'CHG-1',
        url: 'https://acme.atlassian.net/browse/CHG-1',
        summary: 'Rotate the database credentials',
        detail: 'created 2026-10-01, no assignee',
      },
    ],
    auditorJql: 'project in ("CHG") AND assignee is EMPTY AND created >= 1786968000000',
    summary: { ticketsInWindow: 2, windowStart: '2026-08-17T12:00:00.000Z', nested: { b: 1, a: [1, 2] } },
    ...overrides,
  };
}

let db: Kysely<Database>;

beforeAll(() => {
  db = createDatabase(inject('databaseUrl'), { maxConnections: 4 });
});

afterAll(async () => {
  await db.destroy();
});

async function evidenceRows(workspaceId: string, checkId = CHECK) {
  return db
    .selectFrom('evidence')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('check_id', '=', checkId)
    .orderBy('sequence')
    .execute();
}

describe('storeCheckResults', () => {
  it('chains each record to the previous one with SHA-256 over previous hash and canonical record', async () => {
    const workspaceId = await insertWorkspace(db);

    const [first] = await storeCheckResults(db, workspaceId, [result(T1)]);
    const [second] = await storeCheckResults(db, workspaceId, [
      result(T2, { status: 'passing', failingEntities: [] }),
    ]);
    const rows = await evidenceRows(workspaceId);

    expect(rows.map((r) => r.sequence)).toEqual([1, 2]);
    expect(rows[0]?.previous_hash).toBeNull();
    expect(rows[1]?.previous_hash).toBe(rows[0]?.hash);
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(rows[0]?.hash).toBe(sha256(rows[0]?.record ?? ''));
    expect(rows[1]?.hash).toBe(sha256(`${rows[0]?.hash}${rows[1]?.record}`));
    expect([first?.sequence, first?.hash]).toEqual([1, rows[0]?.hash]);
    expect([second?.sequence, second?.hash]).toEqual([2, rows[1]?.hash]);
  });

  it('writes the record as canonical JSON: sorted keys, ISO instants, the chain position inside', async () => {
    const workspaceId = await insertWorkspace(db);

    const [stored] = await storeCheckResults(db, workspaceId, [result(T1)]);
    const [row] = await evidenceRows(workspaceId);
    const record = JSON.parse(row?.record ?? '{}') as Record<string, unknown>;

    expect(row?.record).toBe(canonicalJson(record));
    expect(Object.keys(record)).toEqual([...Object.keys(record)].sort());
    expect(row?.record).toContain('"nested":{"a":[1,2],"b":1}');
    expect(record).toMatchObject({
      format: 1,
      workspaceId,
      checkId: CHECK,
      checkResultId: stored?.id,
      sequence: 1,
      previousHash: null,
      status: 'failing',
      evaluatedAt: '2026-11-01T00:00:00.000Z',
    });
  });

  it('reads back exactly what was stored', async () => {
    const workspaceId = await insertWorkspace(db);
    const input = result(T1);

    const [stored] = await storeCheckResults(db, workspaceId, [input]);
    const latest = await latestCheckResult(db, workspaceId, CHECK);

    expect(latest).toEqual({ ...input, id: stored?.id, workspaceId, sequence: 1, hash: stored?.hash });
    expect(await latestCheckResult(db, workspaceId, 'incident_management.incident_closed')).toBeNull();
  });

  it('keeps one chain per check, and returns results in the order given', async () => {
    const workspaceId = await insertWorkspace(db);
    const incident = result(T1, {
      checkId: 'incident_management.incident_closed',
      name: 'Reported incident',
    });

    const stored = await storeCheckResults(db, workspaceId, [result(T1), incident]);
    const again = await storeCheckResults(db, workspaceId, [incident]);

    expect(stored.map((s) => [s.checkId, s.sequence])).toEqual([
      [CHECK, 1],
      ['incident_management.incident_closed', 1],
    ]);
    expect(again.map((s) => s.sequence)).toEqual([2]);
    expect((await latestCheckResults(db, workspaceId)).map((r) => [r.checkId, r.sequence])).toEqual([
      [CHECK, 1],
      ['incident_management.incident_closed', 2],
    ]);
  });

  it('writes nothing when one record of the call cannot be written', async () => {
    const workspaceId = await insertWorkspace(db);
    // A lone surrogate is not valid JSON text (RFC 8785 refuses it), so the second record fails.
    const broken = result(T1, { checkId: 'incident_management.incident_closed', reason: 'bad \ud800' });

    await expect(storeCheckResults(db, workspaceId, [result(T1), broken])).rejects.toThrow(/surrogate/i);

    const counts = await db
      .selectFrom('check_results')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    expect(Number(counts?.n)).toBe(0);
    expect(await evidenceRows(workspaceId)).toEqual([]);
  });

  it('gives concurrent writers consecutive sequences and one valid chain', async () => {
    const workspaceId = await insertWorkspace(db);
    const other = createDatabase(inject('databaseUrl'), { maxConnections: 4 });

    try {
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          storeCheckResults(i % 2 === 0 ? db : other, workspaceId, [
            result(new Date(T1.getTime() + i * 1000)),
          ]),
        ),
      );
    } finally {
      await other.destroy();
    }

    expect((await evidenceRows(workspaceId)).map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await verifyEvidenceChain(db, workspaceId, CHECK)).toEqual({ valid: true, records: 8 });
  });
});

describe('verifyEvidenceChain', () => {
  async function storeThree(workspaceId: string) {
    await storeCheckResults(db, workspaceId, [result(T1)]);
    await storeCheckResults(db, workspaceId, [result(T2, { status: 'passing', failingEntities: [] })]);
    await storeCheckResults(db, workspaceId, [result(T3)]);
  }

  it('accepts an untouched chain, and an empty one', async () => {
    const workspaceId = await insertWorkspace(db);
    await storeThree(workspaceId);

    expect(await verifyEvidenceChain(db, workspaceId, CHECK)).toEqual({ valid: true, records: 3 });
    expect(await verifyEvidenceChain(db, workspaceId, 'incident_management.incident_closed')).toEqual({
      valid: true,
      records: 0,
    });
  });

  it('finds a record whose text was changed in the database', async () => {
    const workspaceId = await insertWorkspace(db);
    await storeThree(workspaceId);

    await db
      .updateTable('evidence')
      .set({ record: sql`replace(record, '"status":"passing"', '"status":"failing"')` })
      .where('workspace_id', '=', workspaceId)
      .where('sequence', '=', 2)
      .execute();

    expect(await verifyEvidenceChain(db, workspaceId, CHECK)).toEqual({
      valid: false,
      records: 3,
      brokenAtSequence: 2,
      problem: 'hash_mismatch',
    });
  });

  it('finds a record rewritten together with its hash, at the next record', async () => {
    const workspaceId = await insertWorkspace(db);
    await storeThree(workspaceId);

    await db
      .updateTable('evidence')
      .set({ record: sql`replace(record, 'CHG-1', 'CHG-2')`, hash: 'f'.repeat(64) })
      .where('workspace_id', '=', workspaceId)
      .where('sequence', '=', 1)
      .execute();

    expect(await verifyEvidenceChain(db, workspaceId, CHECK)).toMatchObject({
      valid: false,
      brokenAtSequence: 1,
      problem: 'hash_mismatch',
    });

    // Even with a correct new hash the next record still points at the old one.
    const [first] = await evidenceRows(workspaceId);
    const rehashed = createHash('sha256')
      .update(first?.record ?? '')
      .digest('hex');
    await db
      .updateTable('evidence')
      .set({ hash: rehashed })
      .where('workspace_id', '=', workspaceId)
      .where('sequence', '=', 1)
      .execute();

    expect(await verifyEvidenceChain(db, workspaceId, CHECK)).toMatchObject({
      valid: false,
      brokenAtSequence: 1,
      problem: 'record_mismatch',
    });
  });

  it('finds a check result changed after its evidence was written', async () => {
    const workspaceId = await insertWorkspace(db);
    await storeThree(workspaceId);
    const [, second] = await evidenceRows(workspaceId);

    await db
      .updateTable('check_results')
      .set({ status: 'failing' })
      .where('id', '=', second?.check_result_id ?? '')
      .execute();

    expect(await verifyEvidenceChain(db, workspaceId, CHECK)).toEqual({
      valid: false,
      records: 3,
      brokenAtSequence: 2,
      problem: 'record_mismatch',
    });
  });

  it('finds a removed record', async () => {
    const workspaceId = await insertWorkspace(db);
    await storeThree(workspaceId);

    await db
      .deleteFrom('evidence')
      .where('workspace_id', '=', workspaceId)
      .where('sequence', '=', 2)
      .execute();

    expect(await verifyEvidenceChain(db, workspaceId, CHECK)).toEqual({
      valid: false,
      records: 2,
      brokenAtSequence: 3,
      problem: 'sequence_gap',
    });
  });
});

describe('check result history', () => {
  it('filters by period (from inclusive, to exclusive), newest first, with a limit', async () => {
    const workspaceId = await insertWorkspace(db);
    await storeCheckResults(db, workspaceId, [result(T1)]);
    await storeCheckResults(db, workspaceId, [result(T2, { status: 'passing' })]);
    await storeCheckResults(db, workspaceId, [result(T3)]);

    const all = await checkResultHistory(db, workspaceId, CHECK);
    const fromT2 = await checkResultHistory(db, workspaceId, CHECK, { from: T2 });
    const untilT2 = await checkResultHistory(db, workspaceId, CHECK, { to: T2 });
    const onlyT2 = await checkResultHistory(db, workspaceId, CHECK, { from: T2, to: T3 });
    const newest = await checkResultHistory(db, workspaceId, CHECK, { limit: 1 });

    expect(all.map((r) => r.evaluatedAt)).toEqual([T3, T2, T1]);
    expect(fromT2.map((r) => r.evaluatedAt)).toEqual([T3, T2]);
    expect(untilT2.map((r) => r.evaluatedAt)).toEqual([T1]);
    expect(onlyT2.map((r) => [r.evaluatedAt, r.status, r.sequence])).toEqual([[T2, 'passing', 2]]);
    expect(newest.map((r) => r.sequence)).toEqual([3]);
  });

  it('answers what the check said at an instant', async () => {
    const workspaceId = await insertWorkspace(db);
    await storeCheckResults(db, workspaceId, [result(T1)]);
    await storeCheckResults(db, workspaceId, [result(T2, { status: 'passing' })]);

    expect(await checkResultAt(db, workspaceId, CHECK, new Date(T1.getTime() - 1))).toBeNull();
    expect((await checkResultAt(db, workspaceId, CHECK, T1))?.status).toBe('failing');
    expect((await checkResultAt(db, workspaceId, CHECK, new Date(T2.getTime() + 3_600_000)))?.status).toBe(
      'passing',
    );
  });

  it('takes the latest result by evaluation time, even when an older evaluation was stored last', async () => {
    const workspaceId = await insertWorkspace(db);
    await storeCheckResults(db, workspaceId, [result(T2, { status: 'passing' })]);
    await storeCheckResults(db, workspaceId, [result(T1)]);

    expect((await latestCheckResult(db, workspaceId, CHECK))?.evaluatedAt).toEqual(T2);
    expect((await latestCheckResults(db, workspaceId)).map((r) => [r.evaluatedAt, r.sequence])).toEqual([
      [T2, 1],
    ]);
  });

  it('never shows another workspace its results', async () => {
    const workspaceId = await insertWorkspace(db);
    const otherId = await insertWorkspace(db);
    await storeCheckResults(db, workspaceId, [result(T1)]);

    expect(await latestCheckResults(db, otherId)).toEqual([]);
    expect(await checkResultHistory(db, otherId, CHECK)).toEqual([]);
    expect(await listEvidence(db, otherId, CHECK)).toEqual([]);
  });

  it('lists evidence with the exact hashed text for exports', async () => {
    const workspaceId = await insertWorkspace(db);
    await storeCheckResults(db, workspaceId, [result(T1)]);
    await storeCheckResults(db, workspaceId, [result(T2)]);

    const evidence = await listEvidence(db, workspaceId, CHECK, { from: T2 });
    const rows = await evidenceRows(workspaceId);

    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({
      sequence: 2,
      previousHash: rows[0]?.hash,
      hash: rows[1]?.hash,
      record: rows[1]?.record,
      evaluatedAt: T2,
    });
  });
});
