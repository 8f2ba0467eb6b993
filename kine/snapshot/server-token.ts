// DIR/token: the server's secret, created at the first start (k3s keeps the same file). Snapshots encrypt
// the cluster CA and keys under it (secrets.ts), so a restore on a fresh machine needs it: keep a copy
// of it apart from the snapshots. `k8ts server` calls ensureServerToken once at start.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function serverTokenPath(dataDir: string): string {
  return join(dataDir, 'token');
}

/** The token in DIR/token, or undefined when there is none. */
export function readServerToken(dataDir: string): string | undefined {
  const path = serverTokenPath(dataDir);
  if (!existsSync(path)) return undefined;
  const token = readFileSync(path, 'utf8').trim();
  return token === '' ? undefined : token;
}

/** The token in DIR/token, written first (mode 0600, 32 random bytes in hex) when missing. */
export function ensureServerToken(dataDir: string): string {
  const existing = readServerToken(dataDir);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString('hex');
  writeFileSync(serverTokenPath(dataDir), `${token}\n`, { mode: 0o600, flag: 'w' });
  return token;
}
