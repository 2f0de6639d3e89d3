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

describe('embedded PostgreSQL (PGlite behind the wire server)', () => {
  let dataDir: string;
  let postgres: EmbeddedPostgres;
  let pool: pg.Pool;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'embedded-pg-test-'));
    postgres = await startEmbeddedPostgres({ dataDir, logger });
    pool = new pg.Pool({ connectionString: postgres.url, max: 10 });
  });

  afterAll(async () => {
    await pool?.end();
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves a pg URL on the loopback interface', () => {
    expect(postgres.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres/);
  });

  it('runs the migrations when two migrators race, and a later run applies nothing', async () => {
    const first = createDatabase(postgres.url);
    const second = createDatabase(postgres.url);
    try {
      const [a, b] = await Promise.all([migrateToLatest(first), migrateToLatest(second)]);
      const applied = [...a, ...b];

      expect(applied[0]).toBe('0001-initial');
      expect(new Set(applied).size).toBe(applied.length);
      expect(await migrateToLatest(first)).toEqual([]);
      const recorded = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(
        first,
      );
      expect(recorded.rows[0]?.n).toBe(applied.length);
    } finally {
      await first.destroy();
      await second.destroy();
    }
  });

  // With @electric-sql/pglite-socket's multiplexer this interleaves the extended-protocol messages of
  // different connections as soon as a message spans two TCP reads (the 300 kB parameter): a Bind then
  // meets another connection's Parse.
  it('keeps concurrent parameterised statements of many connections apart, large parameters included', async () => {
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

  it('runs transactions from several connections one at a time, honouring rollbacks', async () => {
    await pool.query('create table concurrent_tx (id int primary key, v int not null)');

    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          await client.query('insert into concurrent_tx (id, v) values ($1, 0)', [i]);
          await new Promise((resolveWait) => setTimeout(resolveWait, i % 3));
          await client.query('update concurrent_tx set v = v + 1 where id = $1', [i]);
          await client.query(i % 4 === 0 ? 'rollback' : 'commit');
        } finally {
          client.release();
        }
      }),
    );

    const { rows } = await pool.query('select count(*)::int as n, sum(v)::int as total from concurrent_tx');
    expect(rows[0]).toEqual({ n: 15, total: 15 });
  });

  it('rolls back the open transaction of a client that disconnects, and serves the others on', async () => {
    await pool.query('create table abandoned (id int primary key)');
    const client = new pg.Client({ connectionString: postgres.url });
    client.on('error', () => {});
    await client.connect();
    await client.query('begin');
    await client.query('insert into abandoned (id) values (1)');

    const waiting = pool.query('select count(*)::int as n from abandoned');
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();

    expect((await waiting).rows[0]).toEqual({ n: 0 });
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
    pool = new pg.Pool({ connectionString: postgres.url, max: 2 });

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
