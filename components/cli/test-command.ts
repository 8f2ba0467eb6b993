// `k8ts test -f FILE|DIR|- [-f …] [--nodes 3] [--timeout 120s] [--output text|json|junit] [--keep]`:
// apply manifests to a throwaway cluster with simulated nodes and report whether every object settled.
// Exit code 0 only when all did.
import type { Command } from 'commander';
import { applyAndWait } from '../manifest-test/apply-and-wait.js';
import { startEphemeralCluster } from '../manifest-test/ephemeral-cluster.js';
import { loadManifests } from '../manifest-test/load-manifests.js';
import { liveProgress, plainProgress } from '../manifest-test/progress.js';
import { jsonReport, junitReport, textReport, type ObjectResult } from '../manifest-test/report.js';
import { startSimNodes } from '../../node/sim/index.js';

interface TestFlags {
  filename: string[];
  nodes: string;
  timeout: string;
  output: string;
  keep: boolean;
}

/** `120s`, `2m`, `1m30s`, or plain seconds. */
export function parseDuration(text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let ms = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    ms += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    consumed += m[0].length;
  }
  if (consumed !== text.length || consumed === 0) throw new Error(`invalid duration "${text}" (use e.g. 120s or 2m)`);
  return ms;
}

export function registerTestCommand(program: Command): void {
  program
    .command('test')
    .description('apply manifests to a throwaway cluster with simulated nodes and check that everything settles')
    .requiredOption('-f, --filename <path>', 'manifest file, directory (recursive) or - for stdin; repeatable', (v: string, prev: string[]) => [...prev, v], [])
    .option('--nodes <n>', 'simulated nodes', '3')
    .option('--timeout <duration>', 'how long to wait for everything to settle', '120s')
    .option('--output <format>', 'text, json or junit', 'text')
    .option('--keep', 'leave the cluster running and print a kubeconfig to look around', false)
    .action(async (flags: TestFlags) => {
      const started = Date.now();
      if (!['text', 'json', 'junit'].includes(flags.output)) throw new Error(`--output must be text, json or junit, not ${flags.output}`);
      const timeoutMs = parseDuration(flags.timeout);
      const { manifests, problems } = loadManifests(flags.filename);
      // Simulated time runs 10x faster here: start-up delays, job run times and backoffs shrink alike.
      const cluster = await startEphemeralCluster({ nodes: Number(flags.nodes), startNodes: (api, n, signal) => startSimNodes(api, n, signal, { speed: 10 }) });
      const write = (s: string) => process.stderr.write(s);
      const progress = flags.output !== 'text' ? undefined : process.stderr.isTTY ? liveProgress(write) : plainProgress(write, started);
      const results: ObjectResult[] = problems.map((p) => ({ kind: 'Document', name: '?', file: p.file, line: p.line, verdict: { state: 'failed', reason: p.message } }));
      const run = await applyAndWait(cluster.api.local({ name: 'system:admin', groups: ['system:masters'] }), manifests, {
        timeoutMs,
        progress: progress?.update,
      });
      progress?.end();
      results.push(...run);
      const seconds = (Date.now() - started) / 1000;
      const report = flags.output === 'json' ? jsonReport(results, seconds) : flags.output === 'junit' ? junitReport(results, seconds) : textReport(results, seconds);
      process.stdout.write(report);
      const passed = results.every((r) => r.verdict.state === 'ready');
      if (flags.keep) {
        process.stderr.write(`the cluster keeps running (Ctrl-C to stop): kubectl --kubeconfig ${cluster.kubeconfig} get all -A\n`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
      }
      await cluster.close();
      process.exit(passed ? 0 : 1);
    });
}
