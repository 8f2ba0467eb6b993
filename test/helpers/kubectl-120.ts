// kubectl 1.20 is Debian's kubernetes-client. Installing it would clash with the /usr/bin/kubectl
// dispatcher, so the package is downloaded and unpacked (dpkg -x) into node_modules/.cache instead.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const cacheDir = resolve(import.meta.dirname, '../../node_modules/.cache/kubectl-v120');

/** Path of kubectl 1.20, or undefined when the Debian package cannot be had here. */
export function kubectl120(): string | undefined {
  const bin = join(cacheDir, 'root/usr/bin/kubectl');
  if (existsSync(bin)) return bin;
  try {
    mkdirSync(cacheDir, { recursive: true });
    execFileSync('apt-get', ['download', 'kubernetes-client'], { cwd: cacheDir, stdio: 'ignore', timeout: 300_000 });
    const deb = readdirSync(cacheDir).find((f) => f.startsWith('kubernetes-client') && f.endsWith('.deb'));
    if (!deb) return undefined;
    execFileSync('dpkg', ['-x', deb, join(cacheDir, 'root')], { cwd: cacheDir });
  } catch {
    return undefined;
  }
  return existsSync(bin) ? bin : undefined;
}
