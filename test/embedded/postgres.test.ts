import { sql } from 'kysely';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import {
  EmbeddedPostgresLockedError,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../src/embedded/postgres.js';
import { createLogger } from '../../src/logger.js';

const logger = createLogger('silent');

describe('embedded PostgreSQL (PGlite behind pglite-socket)', () => {
  let dataDir: string;
  let postgres: EmbeddedPostgres;
  let pool: pg.Pool;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'embedded-pg-test-'));
    postgres = await startEmbeddedPostgres({ dataDir, logger });
    // The pool the service opens on it.
    pool = new pg.Pool({ connectionString: postgres.url, max: postgres.poolSize });
  });

  afterAll(async () => {
    await pool?.end();
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves a pg URL on the loopback interface, for a pool of one connection', () => {
    expect(postgres.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres/);
    expect(postgres.poolSize).toBe(1);
  });

  it('runs the migrations, and a second run applies nothing', async () => {
    const db = createDatabase(postgres.url, { maxConnections: postgres.poolSize });
    try {
      const applied = await migrateToLatest(db);
      expect(applied[0]).toBe('0001-initial');
      expect(applied).toEqual([...applied].sort());
      expect(await migrateToLatest(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('answers many concurrent parameterised statements of the pool, large parameters included', async () => {
    await pool.query('create table concurrent_big (id int primary key, body text)');
    await pool.query('create table concurrent_small (id int primary key, n int)');
    const large = 'x'.repeat(300_000);

    const results = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        if (i % 2 === 0) {
          const { rows } = await pool.query(
            'insert into concurrent_big (id, body) values ($1, $2) returning id, length(body) as length',
            [i, `${large}${i}`],
          );
          return rows[0]?.id === i && rows[0]?.length === large.length + String(i).length;
        }
        const { rows } = await pool.query(
          `insert into concurrent_small (id, n) values ($1, ${i}) returning id, n, 'small' as kind`,
          [i],
        );
        return rows[0]?.id === i && rows[0]?.n === i && rows[0]?.kind === 'small';
      }),
    );

    expect(results.every(Boolean)).toBe(true);
    const counts = await pool.query(
      'select (select count(*) from concurrent_big)::int as big, (select count(*) from concurrent_small)::int as small',
    );
    expect(counts.rows[0]).toEqual({ big: 30, small: 30 });
  });

  it('runs concurrent kysely transactions one after another, honouring rollbacks', async () => {
    const db = createDatabase(postgres.url, { maxConnections: postgres.poolSize });
    try {
      await sql`create table concurrent_tx (id int primary key, v int not null)`.execute(db);

      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          db
            .transaction()
            .execute(async (trx) => {
              await sql`insert into concurrent_tx (id, v) values (${i}, 0)`.execute(trx);
              await sql`update concurrent_tx set v = v + 1 where id = ${i}`.execute(trx);
              if (i % 4 === 0) throw new Error('roll back');
            })
            .catch(() => undefined),
        ),
      );

      const { rows } = await sql<{ n: number; total: number }>`
        select count(*)::int as n, sum(v)::int as total from concurrent_tx`.execute(db);
      expect(rows[0]).toEqual({ n: 15, total: 15 });
    } finally {
      await db.destroy();
    }
  });

  it('goes on serving after a statement fails', async () => {
    await pool.query('create table unique_keys (id int primary key)');
    await pool.query('insert into unique_keys (id) values (1)');

    await expect(pool.query('insert into unique_keys (id) values ($1)', [1])).rejects.toMatchObject({
      code: '23505',
    });
    const { rows } = await pool.query('select count(*)::int as n from unique_keys');
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('round-trips jsonb, bytea and timestamptz', async () => {
    await pool.query(
      'create table typed (doc jsonb not null, bytes bytea not null, at timestamptz not null)',
    );
    const doc = { key: 'ISSUE-1', labels: ['soc2', 'é'], nested: { n: 1.5, none: null } };
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const at = new Date('2026-03-01T12:34:56.789Z');

    await pool.query('insert into typed (doc, bytes, at) values ($1, $2, $3)', [
      JSON.stringify(doc),
      bytes,
      at,
    ]);
    const { rows } = await pool.query('select doc, bytes, at, doc->>$1 as key from typed', ['key']);

    expect(rows[0]).toEqual({ doc, bytes, at, key: 'ISSUE-1' });
  });

  it('refuses a second server on the same data folder while the first runs', async () => {
    await expect(startEmbeddedPostgres({ dataDir, logger })).rejects.toBeInstanceOf(
      EmbeddedPostgresLockedError,
    );
  });

  it('keeps the data across a restart', async () => {
    await pool.end();
    await postgres.stop();

    postgres = await startEmbeddedPostgres({ dataDir, logger });
    pool = new pg.Pool({ connectionString: postgres.url, max: postgres.poolSize });

    const { rows } = await pool.query('select count(*)::int as n from concurrent_big');
    expect(rows[0]).toEqual({ n: 30 });
    expect(await migrateToLatestOnce(postgres.url)).toEqual([]);
  });
});

async function migrateToLatestOnce(url: string): Promise<string[]> {
  const db = createDatabase(url);
  try {
    return await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}
