import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecret, SecretFileError } from '../../src/embedded/data-dir.js';

describe('loadOrCreateSecret', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'data-dir-test-')), 'nested', 'data');
  });

  afterEach(async () => {
    await rm(join(dataDir, '..', '..'), { recursive: true, force: true });
  });

  it('generates the secret once and returns the stored value afterwards', async () => {
    let calls = 0;
    const generate = () => `secret-${++calls}`;

    expect(await loadOrCreateSecret(dataDir, 'credentials-key', generate)).toBe('secret-1');
    expect(await loadOrCreateSecret(dataDir, 'credentials-key', generate)).toBe('secret-1');
    expect(calls).toBe(1);
    expect(await readFile(join(dataDir, 'secrets', 'credentials-key'), 'utf8')).toBe('secret-1');
  });

  it('stores the secret readable by the owner only', async () => {
    await loadOrCreateSecret(dataDir, 'workspace-api-key', () => 'key');

    expect((await stat(join(dataDir, 'secrets', 'workspace-api-key'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'secrets'))).mode & 0o777).toBe(0o700);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  });

  it('lets callers that race agree on one value', async () => {
    let calls = 0;
    const values = await Promise.all(
      Array.from({ length: 8 }, () => loadOrCreateSecret(dataDir, 'raced', () => `value-${++calls}`)),
    );

    expect(new Set(values).size).toBe(1);
  });

  it('tightens the permissions of an existing secret file', async () => {
    await loadOrCreateSecret(dataDir, 'loose', () => 'value');
    const path = join(dataDir, 'secrets', 'loose');
    await chmod(path, 0o644);

    expect(await loadOrCreateSecret(dataDir, 'loose', () => 'other')).toBe('value');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses an empty secret file instead of using an empty key', async () => {
    await loadOrCreateSecret(dataDir, 'emptied', () => 'value');
    await writeFile(join(dataDir, 'secrets', 'emptied'), '\n');

    await expect(loadOrCreateSecret(dataDir, 'emptied', () => 'other')).rejects.toBeInstanceOf(
      SecretFileError,
    );
  });

  it('rejects names that could leave the secrets folder', async () => {
    await expect(loadOrCreateSecret(dataDir, '../escape', () => 'value')).rejects.toThrow(
      /Invalid secret name/,
    );
  });
});
