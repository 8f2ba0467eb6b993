// Bundles the k8ts command line into dist/k8ts.js with esbuild (fast; type-checking runs in npm test).
// Dependencies stay external: they are installed beside dist/ by npm, and better-sqlite3 is native.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { k8ts: 'components/cli/k8ts.ts', 'bench-kine': 'hack/bench/kine.ts', 'bench-api': 'hack/bench/api.ts', 'bench-scheduler': 'hack/bench/scheduler.ts', 'bench-controllers': 'hack/bench/controllers.ts', 'bench-sim': 'hack/bench/sim.ts' },
  outdir: 'dist',
  // Chunks for dynamic imports, so that gRPC loads only for the commands that use it.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: '#!/usr/bin/env node' },
});
chmodSync('dist/k8ts.js', 0o755);
