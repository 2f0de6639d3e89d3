import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { insertConnection } from '../../src/db/connections.js';
import {
  createCredentialCipher,
  CredentialsError,
  deleteCredentials,
  loadCredentials,
  parseKeyConfig,
  storeCredentials,
  type ApiTokenCredentials,
} from '../../src/db/credentials.js';
import { createDatabase } from '../../src/db/database.js';
import { createWorkspace } from '../../src/db/workspaces.js';

const keyA = randomBytes(32);
const keyB = randomBytes(32);

function errorOf(action: () => unknown): CredentialsError {
  try {
    action();
  } catch (error) {
    if (error instanceof CredentialsError) return error;
    throw error;
  }
  throw new Error('expected a CredentialsError');
}

describe('credential cipher', () => {
  const cipher = createCredentialCipher({ currentKeyId: 'a', keys: { a: keyA } });
  const plaintext = Buffer.from('{"apiToken":"secret-token"}');

  it('decrypts what it encrypted, with a fresh 12-byte IV each time', () => {
    const first = cipher.seal(plaintext, 'connection-1');
    const second = cipher.seal(plaintext, 'connection-1');

    expect(cipher.open(first, 'connection-1').equals(plaintext)).toBe(true);
    expect(first.iv).toHaveLength(12);
    expect(first.authTag).toHaveLength(16);
    expect(first.keyId).toBe('a');
    expect(first.iv.equals(second.iv)).toBe(false);
    expect(first.ciphertext.includes(Buffer.from('secret-token'))).toBe(false);
  });

  it('refuses a ciphertext whose bytes were changed', () => {
    const sealed = cipher.seal(plaintext, 'connection-1');
    const tampered = Buffer.from(sealed.ciphertext);
    tampered[0] = (tampered[0] ?? 0) ^ 0x01;

    expect(errorOf(() => cipher.open({ ...sealed, ciphertext: tampered }, 'connection-1')).code).toBe(
      'CREDENTIALS_UNREADABLE',
    );
  });

  it('refuses a changed authentication tag or IV', () => {
    const sealed = cipher.seal(plaintext, 'connection-1');
    const tag = Buffer.from(sealed.authTag);
    tag[3] = (tag[3] ?? 0) ^ 0xff;

    expect(errorOf(() => cipher.open({ ...sealed, authTag: tag }, 'connection-1')).code).toBe(
      'CREDENTIALS_UNREADABLE',
    );
    expect(errorOf(() => cipher.open({ ...sealed, iv: randomBytes(12) }, 'connection-1')).code).toBe(
      'CREDENTIALS_UNREADABLE',
    );
  });

  it('refuses a ciphertext moved to another connection (the connection id is the AAD)', () => {
    const sealed = cipher.seal(plaintext, 'connection-1');

    const error = errorOf(() => cipher.open(sealed, 'connection-2'));
    expect(error.code).toBe('CREDENTIALS_UNREADABLE');
    expect(error.message).not.toContain('secret-token');
  });

  it('still decrypts rows of an old key after rotation, and encrypts with the new one', () => {
    const before = createCredentialCipher({ currentKeyId: 'a', keys: { a: keyA } });
    const sealedBefore = before.seal(plaintext, 'connection-1');
    const after = createCredentialCipher({ currentKeyId: 'b', keys: { a: keyA, b: keyB } });

    expect(after.open(sealedBefore, 'connection-1').equals(plaintext)).toBe(true);
    const sealedAfter = after.seal(plaintext, 'connection-1');
    expect(sealedAfter.keyId).toBe('b');
    expect(errorOf(() => before.open(sealedAfter, 'connection-1')).code).toBe('CREDENTIALS_KEY_UNKNOWN');
  });

  it('refuses keys that are not 32 bytes, and a current key id without a key', () => {
    expect(
      errorOf(() => createCredentialCipher({ currentKeyId: 'a', keys: { a: randomBytes(16) } })).code,
    ).toBe('CREDENTIALS_KEY_INVALID');
    expect(errorOf(() => createCredentialCipher({ currentKeyId: 'b', keys: { a: keyA } })).message).toBe(
      'No key is configured for key id "b".',
    );
  });
});

describe('parseKeyConfig', () => {
  const base64A = keyA.toString('base64');
  const base64B = keyB.toString('base64');

  it('reads the current key under its id and the old keys under theirs', () => {
    const keys = parseKeyConfig({
      CREDENTIALS_KEY: base64B,
      CREDENTIALS_KEY_ID: 'k2',
      CREDENTIALS_OLD_KEYS: JSON.stringify({ k1: base64A }),
    });

    expect(keys.currentKeyId).toBe('k2');
    expect(keys.keys.k2?.equals(keyB)).toBe(true);
    expect(keys.keys.k1?.equals(keyA)).toBe(true);
  });

  it.each([
    [undefined, undefined, 'CREDENTIALS_KEY is not set'],
    ['not base64 at all!', undefined, 'CREDENTIALS_KEY must be 32 bytes encoded as base64'],
    [randomBytes(16).toString('base64'), undefined, 'CREDENTIALS_KEY must be 32 bytes encoded as base64'],
    [base64A, '{"k0": "short"}', 'CREDENTIALS_OLD_KEYS.k0 must be 32 bytes encoded as base64'],
    [base64A, 'k0=abc', 'CREDENTIALS_OLD_KEYS must be a JSON object from key id to base64 key'],
    [base64A, '["abc"]', 'CREDENTIALS_OLD_KEYS must be a JSON object from key id to base64 key'],
  ])('explains a bad setting (key %j, old keys %j)', (key, oldKeys, message) => {
    const error = errorOf(() =>
      parseKeyConfig({ CREDENTIALS_KEY: key, CREDENTIALS_KEY_ID: 'k1', CREDENTIALS_OLD_KEYS: oldKeys }),
    );

    expect(error.code).toBe('CREDENTIALS_KEY_INVALID');
    expect(error.message).toContain(message);
  });
});

describe('stored credentials', () => {
  const db = createDatabase(inject('databaseUrl'), { maxConnections: 2 });
  const cipher = createCredentialCipher({ currentKeyId: 'a', keys: { a: keyA } });
  const secret: ApiTokenCredentials = {
    type: 'api_token',
    email: 'ops@acme.example',
    apiToken: `tok-${randomUUID()}`,
  };
  let workspaceId = '';

  beforeAll(async () => {
    workspaceId = (await createWorkspace(db, 'Credentials test')).workspace.id;
  });
  afterAll(async () => {
    await db.destroy();
  });

  async function newConnection(): Promise<string> {
    const id = randomUUID();
    await insertConnection(db, {
      id,
      workspaceId,
      type: 'api_token',
      site: `acme-${id.slice(0, 8)}.atlassian.net`,
      purposes: ['change_management'],
      status: 'validating',
      syncIntervalSeconds: 3600,
      now: new Date(),
    });
    return id;
  }

  it('are stored encrypted and read back decrypted', async () => {
    const connectionId = await newConnection();
    await storeCredentials(db, cipher, connectionId, secret);

    const row = await db
      .selectFrom('credentials')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .executeTakeFirstOrThrow();
    expect(row.key_id).toBe('a');
    expect(row.ciphertext.includes(Buffer.from(secret.apiToken))).toBe(false);
    expect(row.ciphertext.includes(Buffer.from(secret.email))).toBe(false);
    expect(await loadCredentials(db, cipher, connectionId)).toEqual(secret);
  });

  it('are replaced by a second store, and gone after delete', async () => {
    const connectionId = await newConnection();
    await storeCredentials(db, cipher, connectionId, secret);
    const rotated = { ...secret, apiToken: 'second-token' };
    await storeCredentials(db, cipher, connectionId, rotated);

    expect(await loadCredentials(db, cipher, connectionId)).toEqual(rotated);
    await deleteCredentials(db, connectionId);
    expect(await loadCredentials(db, cipher, connectionId)).toBeNull();
  });

  it('cannot be read through another connection when the row is copied there', async () => {
    const source = await newConnection();
    const target = await newConnection();
    await storeCredentials(db, cipher, source, secret);
    const row = await db
      .selectFrom('credentials')
      .selectAll()
      .where('connection_id', '=', source)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('credentials')
      .values({ ...row, connection_id: target })
      .execute();

    await expect(loadCredentials(db, cipher, target)).rejects.toMatchObject({
      code: 'CREDENTIALS_UNREADABLE',
    });
  });
});
