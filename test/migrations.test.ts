import { inject, describe, it, expect } from 'vitest';
import { createDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

describe('migrations', () => {
  it('are safe to run a second time: nothing new is applied', async () => {
    const db = createDatabase(inject('databaseUrl'));
    try {
      expect(await migrateToLatest(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
