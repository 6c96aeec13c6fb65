import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readServerEnv } from '../env';

/**
 * The key that signs session cookies: `SESSION_SECRET` (at least 32 characters) when set, else a
 * random secret generated once and kept in `.data/session-secret`, so sessions survive restarts of
 * a development or demo server. Production deployments with several instances must set the
 * variable: every instance has to sign with the same key.
 */
export function loadSessionSecret({ SESSION_SECRET }: { SESSION_SECRET?: string } = readServerEnv(), dataDir = path.resolve('.data')): string {
  // Validated (≥ 32 characters) by the env module.
  if (SESSION_SECRET) return SESSION_SECRET;
  const file = path.join(dataDir, 'session-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // `wx`: if another process created it first, use theirs.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8').trim();
  }
}
