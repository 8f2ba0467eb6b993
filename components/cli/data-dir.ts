// Where k8ts keeps its state (DESIGN.md, "Data directory"): /var/lib/k8ts as root, ~/.k8ts otherwise.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(): string {
  return process.getuid?.() === 0 ? '/var/lib/k8ts' : join(homedir(), '.k8ts');
}

export function dbPath(dataDir: string): string {
  return join(dataDir, 'db', 'state.db');
}
