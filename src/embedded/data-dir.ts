import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Only the owner may read the data folder: it holds the database and the generated secrets. */
const DIR_MODE = 0o700;
const SECRET_MODE = 0o600;
const SECRET_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Thrown when a stored secret is unusable (empty, or not what `generate` could have produced). */
export class SecretFileError extends Error {
  readonly code = 'SECRET_FILE_INVALID';

  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`The secret file ${path} ${reason}. Delete it to have a new secret generated.`);
    this.name = 'SecretFileError';
  }
}

/** Creates the data folder (owner-only) if it is missing and returns its absolute path. */
export async function ensureDataDir(dataDir: string): Promise<string> {
  const absolute = resolve(dataDir);
  await mkdir(absolute, { recursive: true, mode: DIR_MODE });

  return absolute;
}

/**
 * Returns the secret stored as `<dataDir>/secrets/<name>`, generating and storing it the first time, so
 * an embedded setup keeps the same credentials key and API key across restarts without the user
 * configuring either. The file is created whole or not at all (written aside, then hard-linked into
 * place), so two processes starting together agree on one value and a crash never leaves half a key.
 * Files are readable by the owner only (0600); looser permissions found on an existing file are tightened.
 */
export async function loadOrCreateSecret(
  dataDir: string,
  name: string,
  generate: () => string,
): Promise<string> {
  if (!SECRET_NAME.test(name))
    throw new Error(`Invalid secret name "${name}": use lower-case letters, digits and dashes`);

  const secretsDir = join(await ensureDataDir(dataDir), 'secrets');
  await mkdir(secretsDir, { recursive: true, mode: DIR_MODE });
  const path = join(secretsDir, name);

  const existing = await readSecret(path);
  if (existing !== null) return existing;

  const value = generate();
  if (value.length === 0 || /\s/.test(value))
    throw new Error(`The generator for secret "${name}" returned an unusable value`);

  const draft = `${path}.${randomUUID()}.tmp`;
  await writeFile(draft, value, { mode: SECRET_MODE, flag: 'wx' });
  await chmod(draft, SECRET_MODE);
  try {
    await link(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process stored one first: use theirs.
  } finally {
    await unlink(draft);
  }

  const stored = await readSecret(path);
  if (stored === null) throw new SecretFileError(path, 'disappeared while it was being created');

  return stored;
}

async function readSecret(path: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }

  if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, SECRET_MODE);
  const value = text.trim();
  if (value.length === 0) throw new SecretFileError(path, 'is empty');

  return value;
}
