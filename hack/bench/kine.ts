// The kine benchmark (`npm run bench:kine`): the embedded revision log, `k8ts kine` over gRPC and a real
// etcd, measured in one run on one machine, with the same workloads and (for the two servers) the same
// gRPC client code.
//
//   (a) embedded   EmbeddedBackend in this process, a real file in a temp dir, fsync on (etcd's durability)
//   (b) kine       `node dist/k8ts.js kine` as a child process, driven over gRPC
//   (c) etcd       /usr/bin/etcd, one member, default fsync settings, driven by the same gRPC client as (b)
//
// Workloads: CAS creates (the Txn kube-apiserver sends for a create) at concurrency 1 and 32; a list of
// 10,000 keys, whole and paged; watch delivery latency of sequential puts. Then ratios against etcd and
// the targets. Flags: --quick (a smoke run with small counts), --etcd PATH, --systems a,b,c,
// --workloads create,list,watch, --kine-node-args "ARGS" (node flags for the kine child, e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/prof"), --kine-endpoint HOST:PORT (drive a kine started elsewhere as
// (b), e.g. an experimental build; its data must not hold the benchmark's keys). The last four are for
// investigating one piece at a time.
//
// The stores are in kine-stores.ts, the workloads in kine-workloads.ts; this file holds the flags, the
// run order, the report and the targets.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { grpcStore, startEmbedded, startEtcd, startKine, type Store } from './kine-stores.js';
import { creates, firstFailure, lists, watchDelivery } from './kine-workloads.js';
import { atCleanup, cpuPercent, find, fmt, k8tsBin, machine, mark, now, resultTable, runBenchmark, title, totalTime, type Result } from './support.js';

// ---------------------------------------------------------------------------------------------------
// Flags and sizes

interface Sizes {
  warmup: number;
  createC1: number;
  createC32: number;
  listKeys: number;
  listRuns: number;
  watchPuts: number;
}

const FULL: Sizes = { warmup: 500, createC1: 2000, createC32: 20000, listKeys: 10000, listRuns: 15, watchPuts: 1000 };
const QUICK: Sizes = { warmup: 50, createC1: 200, createC32: 2000, listKeys: 2000, listRuns: 3, watchPuts: 200 };

function parseArgs(argv: string[]) {
  const o = {
    quick: false,
    etcd: '/usr/bin/etcd',
    systems: new Set(['a', 'b', 'c']),
    workloads: new Set(['create', 'list', 'watch']),
    kineNodeArgs: [] as string[],
    kineEndpoint: undefined as string | undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') o.quick = true;
    else if (a === '--etcd') o.etcd = argv[++i] ?? o.etcd;
    else if (a === '--systems') o.systems = new Set((argv[++i] ?? '').split(',').map((s) => s.trim()));
    else if (a === '--workloads') o.workloads = new Set((argv[++i] ?? '').split(',').map((s) => s.trim()));
    else if (a === '--kine-endpoint') o.kineEndpoint = argv[++i];
    else if (a === '--kine-node-args') o.kineNodeArgs = (argv[++i] ?? '').split(' ').filter(Boolean);
    else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: bench-kine [--quick] [--etcd PATH] [--systems a,b,c] [--workloads create,list,watch] [--kine-node-args "--cpu-prof ..."] [--kine-endpoint HOST:PORT]\n',
      );
      process.exit(0);
    } else {
      process.stderr.write(`bench-kine: unknown flag ${a}\n`);
      process.exit(2);
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------------------
// Run order

async function runSystem(store: Store, system: string, sizes: Sizes, workloads: Set<string>): Promise<Result[]> {
  const results: Result[] = [];
  const progress = (r: Result) => {
    process.stderr.write(`  ${system} ${r.workload}: ${fmt(r.opsPerSec, 0)} ops/s p50 ${fmt(r.p50, 2)} ms p99 ${fmt(r.p99, 2)} ms\n`);
    results.push(r);
  };
  await creates(store, system, 'warmup', sizes.warmup, 8);
  if (workloads.has('create')) {
    progress(await creates(store, system, 'default', sizes.createC1, 1));
    progress(await creates(store, system, 'bench-c32', sizes.createC32, 32));
  }
  if (workloads.has('list')) for (const r of await lists(store, system, sizes)) progress(r);
  if (workloads.has('watch')) progress(await watchDelivery(store, system, sizes.watchPuts));
  return results;
}

// ---------------------------------------------------------------------------------------------------
// Report

/** The version of the etcd at `etcdBin`, for the report's header. */
function etcdVersion(etcdBin: string): string {
  if (!existsSync(etcdBin)) return 'not installed';
  const v = spawnSync(etcdBin, ['--version'], { encoding: 'utf8' });
  return (v.stdout || v.stderr || '').split('\n')[0]?.replace(/^etcd Version:\s*/, '') || `unknown (${v.error?.message ?? 'no output'})`;
}

function verdicts(results: Result[], etcdSkipped: string | undefined): string[] {
  const lines: string[] = [];
  const ratio = (a: Result | undefined, b: Result | undefined, label: string, higherBetter = true) => {
    if (!a || !b) return `${label}: n/a${etcdSkipped ? ' (etcd skipped)' : ''}`;
    const [x, y] = higherBetter ? [a.opsPerSec, b.opsPerSec] : [a.p50, b.p50];
    return `${label}: ${fmt(x / y, 2)}x  (${fmt(x, higherBetter ? 0 : 2)} vs ${fmt(y, higherBetter ? 0 : 2)}${higherBetter ? ' ops/s' : ' ms'})`;
  };
  lines.push('ratios (same run):');
  for (const c of [1, 32]) {
    lines.push('  ' + ratio(find(results, '(b)', `create c=${c}`), find(results, '(c)', `create c=${c}`), `(b)/(c) create throughput c=${c}`));
  }
  for (const c of [1, 32]) {
    lines.push('  ' + ratio(find(results, '(a)', `create c=${c}`), find(results, '(c)', `create c=${c}`), `(a)/(c) create throughput c=${c}`));
  }
  for (const w of ['list full', 'list paged']) {
    lines.push('  ' + ratio(find(results, '(b)', w), find(results, '(c)', w), `(b)/(c) ${w} time (lower is better)`, false));
  }
  lines.push('  ' + ratio(find(results, '(b)', 'watch'), find(results, '(c)', 'watch'), '(b)/(c) watch p50 delivery (lower is better)', false));

  lines.push('targets:');
  for (const c of [1, 32]) {
    const b = find(results, '(b)', `create c=${c}`);
    const e = find(results, '(c)', `create c=${c}`);
    const ok = b && e ? b.opsPerSec >= e.opsPerSec : undefined;
    lines.push(`  ${mark(ok)} (b) kine >= (c) etcd create throughput at c=${c}` + (b && e ? `: ${fmt(b.opsPerSec, 0)} vs ${fmt(e.opsPerSec, 0)} ops/s` : etcdSkipped ? ' (etcd skipped)' : ''));
  }
  const a32 = find(results, '(a)', 'create c=32');
  lines.push(`  ${mark(a32 ? a32.opsPerSec >= 20_000 : undefined)} (a) embedded >= 20,000 acknowledged writes/s at c=32` + (a32 ? `: ${fmt(a32.opsPerSec, 0)}/s` : ''));
  for (const s of ['(a)', '(b)']) {
    const w = find(results, s, 'watch');
    lines.push(`  ${mark(w ? w.p99 <= 5 && w.failures === 0 : undefined)} ${s} p99 watch delivery <= 5 ms` + (w ? `: ${fmt(w.p99, 3)} ms` : ''));
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const sizes = args.quick ? QUICK : FULL;
  const started = now();
  const out = (s = '') => process.stdout.write(s + '\n');

  out(title('k8ts kine benchmark', args.quick));
  out(machine(`etcd: ${etcdVersion(args.etcd)} (${args.etcd})`));
  out(
    `workloads: ${sizes.warmup} warm-up creates (c=8, not reported); create c=1 n=${sizes.createC1}, c=32 n=${sizes.createC32} ` +
      `(~1 KiB values; gRPC: Txn If(mod==0) Then(Put)); list of ${sizes.listKeys} keys (~1 KiB) full and paged by 500 ` +
      `(median of ${sizes.listRuns}); watch delivery of ${sizes.watchPuts} sequential puts`,
  );
  out('');

  let etcdSkipped: string | undefined;
  if (args.systems.has('c') && !existsSync(args.etcd)) etcdSkipped = `${args.etcd} is not installed (apt-get install etcd-server)`;
  else if (!args.systems.has('c')) etcdSkipped = 'not selected (--systems)';

  const results: Result[] = [];
  const run = async (label: string, start: () => Promise<Store>) => {
    process.stderr.write(`${label}: starting\n`);
    const store = await start();
    let closed = false;
    const close = async () => {
      if (!closed) {
        closed = true;
        await store.close();
      }
    };
    atCleanup(close);
    try {
      results.push(...(await runSystem(store, label, sizes, args.workloads)));
    } finally {
      await close();
    }
  };

  if (args.systems.has('a')) await run('(a) embedded', startEmbedded);
  if (args.systems.has('b')) {
    const external = args.kineEndpoint;
    await run(
      external ? `(b) kine gRPC @${external}` : '(b) kine gRPC',
      external ? async () => grpcStore(external, () => NaN, async () => undefined) : () => startKine(k8tsBin(import.meta.dirname), args.kineNodeArgs),
    );
  }
  if (!etcdSkipped) {
    try {
      await run('(c) etcd', () => startEtcd(args.etcd));
    } catch (err) {
      etcdSkipped = `etcd failed: ${(err as Error).message.split('\n')[0]}`;
      process.stderr.write(`bench-kine: ${(err as Error).message}\n`);
    }
  }

  out(resultTable(results, [['srv cpu', (r) => (r.system.startsWith('(a)') ? '(same)' : cpuPercent(r.serverCpu))]]));
  if (etcdSkipped) out(`\n(c) etcd SKIPPED: ${etcdSkipped}; ratios against etcd and the (b) >= (c) targets cannot be computed.`);
  out('');
  out('srv cpu = CPU of the serving process over the workload\'s wall time (100% = one core; for (a) it is this process, see bench cpu);');
  out('bench cpu = CPU of the benchmark process (the gRPC client for (b) and (c)). List ops/s = full lists per second.');
  out('');
  for (const l of verdicts(results, etcdSkipped)) out(l);
  const failures = results.reduce((n, r) => n + r.failures, 0);
  out('');
  out(failures ? `CORRECTNESS: ${failures} failed operations; first: ${firstFailure()}` : 'correctness: every create, put, list and watch event succeeded');
  out(totalTime(started));
  return failures ? 1 : 0;
}

runBenchmark('bench-kine', main);
