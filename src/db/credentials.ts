import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Database } from './schema.js';

/** What an `api_token` connection needs to call Jira with HTTP Basic. */
export interface ApiTokenCredentials {
  type: 'api_token';
  email: string;
  apiToken: string;
}

/** Every kind of secret a connection may store. Only API tokens exist so far. */
export type StoredCredentials = ApiTokenCredentials;

const storedCredentialsSchema = z.object({
  type: z.literal('api_token'),
  email: z.string(),
  apiToken: z.string(),
});

/** An encrypted value as it sits in the `credentials` table. */
export interface SealedSecret {
  keyId: string;
  iv: Buffer;
  authTag: Buffer;
  ciphertext: Buffer;
}

/**
 * Encrypts secrets with AES-256-GCM. The additional authenticated data is the connection id, so a
 * ciphertext copied onto another connection's row fails to decrypt instead of lending it a token.
 */
export interface CredentialCipher {
  /** The key id new ciphertexts are written with. */
  readonly currentKeyId: string;
  seal(plaintext: Buffer, associatedData: string): SealedSecret;
  /** Throws `CredentialsError` (`CREDENTIALS_UNREADABLE` or `CREDENTIALS_KEY_UNKNOWN`) when it cannot. */
  open(sealed: SealedSecret, associatedData: string): Buffer;
}

export type CredentialsErrorCode =
  'CREDENTIALS_KEY_INVALID' | 'CREDENTIALS_KEY_UNKNOWN' | 'CREDENTIALS_UNREADABLE';

/** Why stored credentials or the key configuration cannot be used. Never carries secret material. */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';

  constructor(
    readonly code: CredentialsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface CredentialKeys {
  /** The key id used to encrypt; must be present in `keys`. */
  currentKeyId: string;
  /** Every key that may still be needed to decrypt, by key id; each exactly 32 bytes. */
  keys: Record<string, Buffer>;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const ALGORITHM = 'aes-256-gcm';

/** Builds the cipher; throws `CREDENTIALS_KEY_INVALID` when the current key is missing or a key is not 32 bytes. */
export function createCredentialCipher({ currentKeyId, keys }: CredentialKeys): CredentialCipher {
  for (const [keyId, key] of Object.entries(keys)) {
    if (key.length !== KEY_BYTES) {
      throw new CredentialsError('CREDENTIALS_KEY_INVALID', `Key "${keyId}" must be ${KEY_BYTES} bytes.`);
    }
  }
  const currentKey = keys[currentKeyId];
  if (!currentKey) {
    throw new CredentialsError(
      'CREDENTIALS_KEY_INVALID',
      `No key is configured for key id "${currentKeyId}".`,
    );
  }

  return {
    currentKeyId,

    seal(plaintext, associatedData) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, currentKey, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);

      return { keyId: currentKeyId, iv, authTag: cipher.getAuthTag(), ciphertext };
    },

    open(sealed, associatedData) {
      const key = keys[sealed.keyId];
      if (!key) {
        throw new CredentialsError(
          'CREDENTIALS_KEY_UNKNOWN',
          `Credentials were encrypted with key "${sealed.keyId}", which is not configured (CREDENTIALS_OLD_KEYS).`,
        );
      }

      try {
        const decipher = createDecipheriv(ALGORITHM, key, sealed.iv);
        decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(sealed.authTag);

        return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
      } catch {
        throw new CredentialsError(
          'CREDENTIALS_UNREADABLE',
          'Stored credentials failed authentication: they were altered, moved or encrypted with another key.',
        );
      }
    },
  };
}

/**
 * Reads the key settings: `CREDENTIALS_KEY` (base64 of 32 bytes) under `CREDENTIALS_KEY_ID`, plus
 * `CREDENTIALS_OLD_KEYS` (JSON `{ "keyId": "base64" }`) for rows written before a rotation.
 */
export function parseKeyConfig(
  config: Pick<Config, 'CREDENTIALS_KEY' | 'CREDENTIALS_KEY_ID' | 'CREDENTIALS_OLD_KEYS'>,
): CredentialKeys {
  if (!config.CREDENTIALS_KEY) {
    throw new CredentialsError(
      'CREDENTIALS_KEY_INVALID',
      'CREDENTIALS_KEY is not set: give 32 random bytes in base64 (for example `openssl rand -base64 32`).',
    );
  }

  const keys: Record<string, Buffer> = {};
  for (const [keyId, encoded] of Object.entries(parseOldKeys(config.CREDENTIALS_OLD_KEYS))) {
    keys[keyId] = decodeKey(`CREDENTIALS_OLD_KEYS.${keyId}`, encoded);
  }
  keys[config.CREDENTIALS_KEY_ID] = decodeKey('CREDENTIALS_KEY', config.CREDENTIALS_KEY);

  return { currentKeyId: config.CREDENTIALS_KEY_ID, keys };
}

function parseOldKeys(text: string | undefined): Record<string, string> {
  if (!text || text.trim() === '') return {};

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = z.record(z.string().min(1), z.string()).safeParse(parsed);
  if (!result.success) {
    throw new CredentialsError(
      'CREDENTIALS_KEY_INVALID',
      'CREDENTIALS_OLD_KEYS must be a JSON object from key id to base64 key, such as {"k0":"…"}.',
    );
  }

  return result.data;
}

function decodeKey(name: string, encoded: string): Buffer {
  const text = encoded.trim();
  const key = Buffer.from(text, 'base64');
  // Buffer.from ignores junk characters, so check that the text really was base64 of 32 bytes.
  const isBase64 = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text);
  if (!isBase64 || key.length !== KEY_BYTES) {
    throw new CredentialsError(
      'CREDENTIALS_KEY_INVALID',
      `${name} must be ${KEY_BYTES} bytes encoded as base64 (for example \`openssl rand -base64 32\`).`,
    );
  }

  return key;
}

/** Encrypts and saves a connection's secret, replacing any earlier one (rotation, re-authorisation). */
export async function storeCredentials(
  db: Kysely<Database>,
  cipher: CredentialCipher,
  connectionId: string,
  secret: StoredCredentials,
  now: Date = new Date(),
): Promise<void> {
  const sealed = cipher.seal(Buffer.from(JSON.stringify(secret), 'utf8'), connectionId);
  const row = {
    key_id: sealed.keyId,
    iv: sealed.iv,
    auth_tag: sealed.authTag,
    ciphertext: sealed.ciphertext,
    updated_at: now,
  };

  await db
    .insertInto('credentials')
    .values({ connection_id: connectionId, created_at: now, ...row })
    .onConflict((conflict) => conflict.column('connection_id').doUpdateSet(row))
    .execute();
}

/** The decrypted secret of a connection, or null when none is stored (never created, or disconnected). */
export async function loadCredentials(
  db: Kysely<Database>,
  cipher: CredentialCipher,
  connectionId: string,
): Promise<StoredCredentials | null> {
  const row = await db
    .selectFrom('credentials')
    .select(['key_id', 'iv', 'auth_tag', 'ciphertext'])
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  if (!row) return null;

  const plaintext = cipher.open(
    { keyId: row.key_id, iv: row.iv, authTag: row.auth_tag, ciphertext: row.ciphertext },
    connectionId,
  );
  const parsed = storedCredentialsSchema.safeParse(JSON.parse(plaintext.toString('utf8')));
  if (!parsed.success) {
    throw new CredentialsError('CREDENTIALS_UNREADABLE', 'Stored credentials have an unknown shape.');
  }

  return parsed.data;
}

/** Removes a connection's secret; safe to call when none is stored. */
export async function deleteCredentials(db: Kysely<Database>, connectionId: string): Promise<void> {
  await db.deleteFrom('credentials').where('connection_id', '=', connectionId).execute();
}
