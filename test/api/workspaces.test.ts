import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../src/db/database.js';
import {
  createWorkspace,
  ensureWorkspaceWithKey,
  findWorkspaceByApiKey,
  generateApiKey,
} from '../../src/db/workspaces.js';

describe('workspaces', () => {
  const db = createDatabase(inject('databaseUrl'), { maxConnections: 4 });
  afterAll(async () => {
    await db.destroy();
  });

  it('finds a workspace by its key, and nothing by another key', async () => {
    const { workspace, apiKey } = await createWorkspace(db, 'Lookup');

    expect(await findWorkspaceByApiKey(db, apiKey)).toEqual(workspace);
    expect(await findWorkspaceByApiKey(db, generateApiKey())).toBeNull();
  });

  it('keeps a configured key on the same workspace across restarts, even when two starts race', async () => {
    const apiKey = `configured-key-${generateApiKey()}`;

    const [a, b] = await Promise.all([
      ensureWorkspaceWithKey(db, 'Default', apiKey),
      ensureWorkspaceWithKey(db, 'Default', apiKey),
    ]);
    const again = await ensureWorkspaceWithKey(db, 'Renamed', apiKey);

    expect(a.id).toBe(b.id);
    expect(again).toEqual(a);
    const keys = await db
      .selectFrom('api_keys')
      .select('key_prefix')
      .where('workspace_id', '=', a.id)
      .execute();
    expect(keys).toEqual([{ key_prefix: 'configur' }]);
  });

  it('keeps at most a quarter of a short key as its prefix', async () => {
    const { workspace } = await createWorkspace(db, 'Short key', 'abcdefghijklmnop');

    const key = await db
      .selectFrom('api_keys')
      .select('key_prefix')
      .where('workspace_id', '=', workspace.id)
      .executeTakeFirst();
    expect(key).toEqual({ key_prefix: 'abcd' });
  });
});
