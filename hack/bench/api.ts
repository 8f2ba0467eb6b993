// The API benchmark (`npm run bench:api`): `k8ts server` as a child process, driven over HTTPS with the
// admin client certificate from its kubeconfig, and a minimal node:https server measured in the same run
// as the baseline (what TLS + HTTP/1.1 + the client cost on this machine before any Kubernetes work).
//
//   start-up   spawn of `node dist/k8ts.js server` until its ready line on stderr: a fresh data dir (cold:
//              certificates generated) and a restart on the same dir (warm); `node` printing one line is
//              the floor. Then the RSS of the serving process (/proc/PID/status VmRSS) idle after ~2 s.
//   baseline   a child process with node:https, the server's certificate and TLS options, answering every
//              request with a fixed small JSON body: the same POSTs and GETs at 1 and 32 clients, run in
//              rounds alternating with k8ts's so that both see the same machine load.
//   create     POST /api/v1/namespaces/default/configmaps (JSON, ~1 KiB of data, distinct names) at 1 and
//              32 concurrent clients, each on a keep-alive connection (https.Agent, maxSockets = clients).
//   get        GET of random existing configmaps at 1 and 32 clients.
//   list       GET of all configmaps in the namespace (10,000 by then): whole (median of several) and in
//              pages of 500 (limit/continue), then RSS again.
//
// Flags: --quick (a smoke run with small counts), --server-node-args "ARGS" (node flags for the server
// child, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"; the profile is written when it stops at the end),
// --workloads get,list (which of the two run; the creates always run: they make the objects).
//
// The HTTPS client and the baseline server are in api-client.ts, the k8ts server process and the /proc
// readings in api-server.ts, the measured runs in api-workloads.ts; this file holds the flags, the
// workloads' order, the report and the targets.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { baselineChild, call, client, closeClient, destroyAgents, readKubeconfig, startBaseline } from './api-client.js';
import { machineBusy, nodeFloorMs, procCpu, procMem, startK8ts, type Mem } from './api-server.js';
import { CM_PATH, configMap, drive, firstFailure, lists, pooled, windows, type Req, type Result, type Run } from './api-workloads.js';
import { atCleanup, cpuPercent, find, fmt, k8tsBin, machine, mark, median, now, ownCpu, removeDir, resultTable, runBenchmark, stopChild, tempDir, title, totalTime } from './support.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------
// Flags and sizes

interface Sizes {
  startups: number;
  warmup: number;
  createC1: number;
  /** Objects in `default` when the list runs: createC1 at c=1, the rest at c=32. */
  listObjects: number;
  getC1: number;
  getC32: number;
  listRuns: number;
  pagedRuns: number;
  /** Each create and get workload runs in this many rounds, alternating baseline and k8ts. */
  rounds: number;
}

const FULL: Sizes = {
  startups: 3,
  warmup: 1000,
  createC1: 2000,
  listObjects: 10_000,
  getC1: 2000,
  getC32: 10_000,
  listRuns: 7,
  pagedRuns: 5,
  rounds: 3,
};
const QUICK: Sizes = {
  startups: 1,
  warmup: 50,
  createC1: 200,
  listObjects: 1000,
  getC1: 200,
  getC32: 1000,
  listRuns: 3,
  pagedRuns: 2,
  rounds: 1,
};

function parseArgs(argv: string[]) {
  const o = { quick: false, serverNodeArgs: [] as string[], workloads: new Set(['get', 'list']) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') o.quick = true;
    else if (a === '--server-node-args') o.serverNodeArgs = (argv[++i] ?? '').split(' ').filter(Boolean);
    else if (a === '--workloads') o.workloads = new Set((argv[++i] ?? '').split(',').map((s) => s.trim()));
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: bench-api [--quick] [--workloads get,list] [--server-node-args "--cpu-prof ..."]\n');
      process.exit(0);
    } else {
      process.stderr.write(`bench-api: unknown flag ${a}\n`);
      process.exit(2);
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------------------
// Report

/** Main-thread CPU of the server per operation, µs. */
function mainUsPerOp(r: Result): number {
  return (r.serverMain / r.opsPerSec) * 1e6;
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const sizes = args.quick ? QUICK : FULL;
  const started = now();
  const out = (s = '') => process.stdout.write(s + '\n');
  const progress = (s: string) => process.stderr.write(s + '\n');
  const workloads = args.workloads;
  const createC32 = sizes.listObjects - sizes.createC1;

  out(title('k8ts API benchmark', args.quick));
  out(machine(`openssl: ${process.versions.openssl}`));
  out(
    `workloads: start-up x${sizes.startups} cold (fresh dir) and warm (restart); ${sizes.warmup} warm-up POSTs and GETs ` +
      `per server (c=32; k8ts: namespace bench-warmup; not reported); ConfigMap creates (~1 KiB data) into default at c=1 ` +
      `n=${sizes.createC1}, c=32 n=${createC32}; GETs of random existing names at c=1 n=${sizes.getC1}, c=32 n=${sizes.getC32}; ` +
      `the same POSTs and GETs against the baseline, alternating with k8ts in ${sizes.rounds} rounds; list of the ` +
      `${sizes.listObjects} configmaps whole (median of ${sizes.listRuns}) and paged by 500 (median of ${sizes.pagedRuns}). ` +
      `HTTPS/1.1 keep-alive with the admin client certificate, one agent per concurrency with that many sockets, opened ` +
      `before the clock starts.`,
  );
  if (args.serverNodeArgs.length) out(`server node args (the serving process only; idle RSS is measured on it): ${args.serverNodeArgs.join(' ')}`);
  out('');

  // --- Start-up -------------------------------------------------------------------------------------
  progress('start-up: node floor, cold and warm starts of k8ts server');
  const floor: number[] = [];
  for (let i = 0; i < sizes.startups; i++) floor.push(await nodeFloorMs());
  const k8ts = k8tsBin(import.meta.dirname);
  const cold: number[] = [];
  const warm: number[] = [];
  const stopMs: number[] = [];
  let dataDir = '';
  for (let i = 0; i < sizes.startups; i++) {
    if (dataDir) removeDir(dataDir);
    dataDir = tempDir('server');
    const s = await startK8ts(k8ts, dataDir, []);
    cold.push(s.startMs);
    stopMs.push(await stopChild(s.child));
  }
  // The last warm start serves the workloads; started with extra node flags (a profiler) it does not count.
  const flagged = args.serverNodeArgs.length > 0;
  for (let i = 0; i < sizes.startups - (flagged ? 0 : 1); i++) {
    const s = await startK8ts(k8ts, dataDir, []);
    warm.push(s.startMs);
    stopMs.push(await stopChild(s.child));
  }
  const server = await startK8ts(k8ts, dataDir, args.serverNodeArgs);
  if (!flagged) warm.push(server.startMs);
  const serverCpu = procCpu(server.child.pid);
  progress(`  cold ${cold.map((x) => fmt(x, 0)).join(', ')} ms; warm ${warm.map((x) => fmt(x, 0)).join(', ')} ms; waiting 2 s for idle RSS`);
  await sleep(2000);
  const idle = procMem(server.child.pid);
  const creds = readKubeconfig(join(dataDir, 'kubeconfig.yaml'));
  const port = Number(creds.server.port);

  const results: Result[] = [];
  const record = (r: Result) => {
    progress(`  ${r.system} ${r.workload}: ${fmt(r.opsPerSec, 0)} ops/s p50 ${fmt(r.p50, 2)} ms p99 ${fmt(r.p99, 2)} ms${r.failures ? ` FAILED ${r.failures}` : ''}`);
    results.push(r);
  };

  // --- Baseline and k8ts, interleaved --------------------------------------------------------------
  // Each workload runs in rounds, alternating between the baseline and k8ts (and which goes first), so
  // that a change in the machine's load during the run (other processes on these cpus) hits both alike.
  progress('baseline (minimal node:https child) and k8ts server: warm-up');
  const B = 'baseline https';
  const K = 'k8ts server';
  const baseline = await startBaseline(import.meta.filename, join(dataDir, 'tls'));
  const baseCpu = procCpu(baseline.child.pid);
  // CPU that other processes on this machine used while we measured: busy - (server + baseline + bench).
  const busy0 = { t: now(), machine: machineBusy(), ours: serverCpu().all + baseCpu().all + ownCpu() };
  const baseBody = configMap('default', 'baseline', 0);
  {
    const w = client(creds, baseline.port, 32);
    await drive(w, `${B} warm-up`, sizes.warmup, 32, baseCpu, 200, () => ({ method: 'POST', path: CM_PATH, body: baseBody }));
    await drive(w, `${B} warm-up`, sizes.warmup, 32, baseCpu, 200, (i) => ({ method: 'GET', path: `${CM_PATH}/warm-${i}` }));
    closeClient(w);
  }
  const kw = client(creds, port, 32);
  const ns = await call(kw, 'POST', '/api/v1/namespaces', Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench-warmup' } })));
  if (ns.status !== 201) throw new Error(`creating namespace bench-warmup: ${ns.status} ${ns.body.toString()}`);
  const before = await call(kw, 'GET', CM_PATH);
  if (before.status !== 200) throw new Error(`listing configmaps: ${before.status} ${before.body.toString()}`);
  const preexisting = (JSON.parse(before.body.toString()) as { items: unknown[] }).items.length;
  const WARM_PATH = '/api/v1/namespaces/bench-warmup/configmaps';
  await drive(kw, `${K} warm-up`, sizes.warmup, 32, serverCpu, 201, (i) => ({ method: 'POST', path: WARM_PATH, body: configMap('bench-warmup', `warm-${i}`, i) }));
  await drive(kw, `${K} warm-up`, sizes.warmup, 32, serverCpu, 200, (i) => ({ method: 'GET', path: `${WARM_PATH}/warm-${i}` }));
  closeClient(kw);

  const baseClients = new Map([1, 32].map((c) => [c, client(creds, baseline.port, c)]));
  const k8tsClients = new Map([1, 32].map((c) => [c, client(creds, port, c)]));
  const interleaved = async (what: 'create' | 'get', conc: number, n: number, makeK: (i: number) => Req) => {
    progress(`  ${what} c=${conc}: ${sizes.rounds} rounds of baseline and k8ts`);
    const runsB: Run[] = [];
    const runsK: Run[] = [];
    let done = 0;
    for (let r = 0; r < sizes.rounds; r++) {
      const m = Math.floor((n * (r + 1)) / sizes.rounds) - done;
      const off = done;
      const runB = async () =>
        runsB.push(
          await drive(baseClients.get(conc)!, `${B} ${what} c=${conc}`, m, conc, baseCpu, 200, (i) =>
            what === 'create' ? { method: 'POST', path: CM_PATH, body: baseBody } : makeK(off + i),
          ),
        );
      const runK = async () => runsK.push(await drive(k8tsClients.get(conc)!, `${K} ${what} c=${conc}`, m, conc, serverCpu, what === 'create' ? 201 : 200, (i) => makeK(off + i)));
      if (r % 2 === 0) {
        await runB();
        await runK();
      } else {
        await runK();
        await runB();
      }
      done += m;
    }
    record(pooled(B, `${what === 'create' ? 'POST' : 'GET'} c=${conc}`, runsB));
    record(pooled(K, `${what} c=${conc}`, runsK));
  };

  const names: string[] = [];
  for (const [conc, n] of [[1, sizes.createC1], [32, createC32]] as const) {
    const base = names.length;
    for (let i = 0; i < n; i++) names.push(`cm-c${conc}-${String(i).padStart(6, '0')}`);
    await interleaved('create', conc, n, (i) => ({ method: 'POST', path: CM_PATH, body: configMap('default', names[base + i]!, base + i) }));
  }
  const expected = preexisting + names.length;

  if (workloads.has('get')) {
    // Random existing names, the same sequence every run.
    let seed = 0x9e3779b9;
    const rand = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    for (const [conc, n] of [[1, sizes.getC1], [32, sizes.getC32]] as const) {
      const paths = Array.from({ length: n }, () => `${CM_PATH}/${names[Math.floor(rand() * names.length)]!}`);
      await interleaved('get', conc, n, (i) => ({ method: 'GET', path: paths[i]! }));
    }
  }
  for (const c of baseClients.values()) closeClient(c);
  const baselineMem = procMem(baseline.child.pid);
  const baselineCpuTotal = baseCpu().all;
  await stopChild(baseline.child);
  closeClient(k8tsClients.get(32)!);
  await sleep(1000);
  const loaded = procMem(server.child.pid);

  let afterList: Mem | undefined;
  if (workloads.has('list')) {
    progress('  lists');
    for (const r of await lists(k8tsClients.get(1)!, K, sizes, expected, serverCpu)) record(r);
    afterList = procMem(server.child.pid);
  }
  closeClient(k8tsClients.get(1)!);
  const others = Math.max(
    0,
    (machineBusy() - busy0.machine - (serverCpu().all + ownCpu() + baselineCpuTotal - busy0.ours)) / (Number(now() - busy0.t) / 1e9),
  );
  const lastStop = await stopChild(server.child);
  stopMs.push(lastStop);

  // --- Report ----------------------------------------------------------------------------------------
  out('start-up (spawn to ready line on stderr; median of ' + sizes.startups + '):');
  out(`  node floor (node -e printing one line)   ${fmt(median(floor), 0).padStart(6)} ms   [${floor.map((x) => fmt(x, 0)).join(', ')}]`);
  out(`  k8ts server, cold (fresh data dir)        ${fmt(median(cold), 0).padStart(6)} ms   [${cold.map((x) => fmt(x, 0)).join(', ')}]  ${fmt(median(cold) / median(floor), 1)}x the floor`);
  out(`  k8ts server, warm (restart, same dir)     ${fmt(median(warm), 0).padStart(6)} ms   [${warm.map((x) => fmt(x, 0)).join(', ')}]  ${fmt(median(warm) / median(floor), 1)}x the floor`);
  out(`  stop (SIGTERM to exit)                    ${fmt(median(stopMs), 0).padStart(6)} ms   [${stopMs.map((x) => fmt(x, 0)).join(', ')}]`);
  out('memory of the server process (VmRSS; peak = VmHWM):');
  const memLine = (label: string, m: Mem) =>
    out(`  ${label.padEnd(40)} ${fmt(m.rss, 1).padStart(6)} MiB  (anonymous ${fmt(m.anon, 1)} MiB, files ${fmt(m.rss - m.anon, 1)} MiB; peak so far ${fmt(m.hwm, 1)} MiB)`);
  memLine('idle, 2 s after ready', idle);
  memLine('baseline https child after its runs', baselineMem);
  memLine(`after ${fmt(expected, 0)} configmaps, creates and gets`, loaded);
  if (afterList) memLine('after the lists', afterList);
  out('');
  out(
    resultTable(
      [...results.filter((r) => r.system === B), ...results.filter((r) => r.system === K)],
      [
        ['srv cpu', (r) => cpuPercent(r.serverCpu)],
        ['srv main', (r) => cpuPercent(r.serverMain)],
        ['main µs/op', (r) => fmt(mainUsPerOp(r), 0)],
      ],
    ),
  );
  out('');
  out("srv cpu = CPU of the serving process (the baseline child or k8ts server) over the run's wall time (100% = one core);");
  out('srv main = the same for its main thread alone: the event loop, where all JavaScript and the SQLite calls run (100% = never idle);');
  out('main µs/op = srv main / ops/s: CPU of the event loop per operation (a run that saturates the client still shows the server\'s cost).');
  out(`bench cpu = CPU of this benchmark process (the HTTPS client). This machine has ${cpus().length} cpus: client and server share them.`);
  out('List ops/s = whole lists per second; list times include receiving and JSON.parse in the client.');
  out(
    `Other processes on this machine used ${fmt(others * 100, 0)}% of a cpu on average during the runs above ` +
      `(${others > 0.25 ? 'noticeable: figures are noisier and lower than on a quiet machine' : 'quiet enough'}).`,
  );
  out('');

  const ratio = (a: Result | undefined, b: Result | undefined, label: string) =>
    a && b ? `  ${label}: ${fmt(a.opsPerSec / b.opsPerSec, 2)}x  (${fmt(a.opsPerSec, 0)} vs ${fmt(b.opsPerSec, 0)} req/s; p50 ${fmt(a.p50, 2)} vs ${fmt(b.p50, 2)} ms)` : `  ${label}: n/a`;
  out('ratios (same run; 1.00x = as fast as a server doing nothing but TLS + HTTP):');
  for (const c of [1, 32]) out(ratio(find(results, K, `create c=${c}`), find(results, 'baseline', `POST c=${c}`), `create / baseline POST throughput c=${c}`));
  for (const c of [1, 32]) out(ratio(find(results, K, `get c=${c}`), find(results, 'baseline', `GET c=${c}`), `get    / baseline GET  throughput c=${c}`));
  const share = (a: Result | undefined, b: Result | undefined, label: string) =>
    a && b
      ? `  ${label}: ${fmt(mainUsPerOp(a), 0)} vs ${fmt(mainUsPerOp(b), 0)} µs, so TLS + HTTP are about ${fmt((mainUsPerOp(b) / mainUsPerOp(a)) * 100, 0)}% of k8ts's`
      : `  ${label}: n/a`;
  out('server event-loop CPU per request, k8ts vs baseline (c=32, where both loops are busiest):');
  out(share(find(results, K, 'create c=32'), find(results, 'baseline', 'POST c=32'), 'create vs POST'));
  out(share(find(results, K, 'get c=32'), find(results, 'baseline', 'GET c=32'), 'get    vs GET '));

  out('targets:');
  const c32 = find(results, K, 'create c=32');
  out(`  ${mark(c32 ? c32.opsPerSec >= 3000 && c32.failures === 0 : undefined)} >= 3,000 creates/s at 32 clients` + (c32 ? `: ${fmt(c32.opsPerSec, 0)}/s` : ''));
  out(`  ${mark(c32 ? c32.p99 <= 25 : undefined)} create p99 <= 25 ms at 32 clients` + (c32 ? `: ${fmt(c32.p99, 2)} ms` : ''));
  out(`  ${mark(Number.isFinite(idle.rss) ? idle.rss <= 100 : undefined)} idle RSS <= 100 MB: ${fmt(idle.rss, 1)} MiB (${fmt((idle.rss * 2 ** 20) / 1e6, 1)} MB)`);

  const failures = results.reduce((n, r) => n + r.failures, 0);
  out('');
  out(failures ? `CORRECTNESS: ${failures} failed requests; first: ${firstFailure()}` : 'correctness: every create, get and list answered as expected');
  const profDir = args.serverNodeArgs.find((a) => a.startsWith('--cpu-prof-dir='))?.slice('--cpu-prof-dir='.length);
  if (profDir) {
    const file = join(profDir, 'bench-api-windows.json');
    mkdirSync(profDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ serverPid: server.child.pid, windows }, null, 1));
    out(`server profile: ${profDir}/CPU.*.${server.child.pid}.*.cpuprofile; ${file} holds each run's window (CLOCK_MONOTONIC µs, the profile's clock)`);
  }
  out(totalTime(started));
  return failures ? 1 : 0;
}

if (process.argv[2] === '--baseline-child') baselineChild();
else {
  atCleanup(destroyAgents);
  runBenchmark('bench-api', main);
}
