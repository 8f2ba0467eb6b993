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
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:https';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { alive, atCleanup, children, cpuPercent, find, fmt, fromRunTimes, k8tsBin, machine, mark, median, msSince, now, ownCpu, percentile, removeDir, resultTable, runBenchmark, statCpu, stopChild, tailOf, tempDir, title, totalTime, type Result as BaseResult } from './support.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------
// The baseline server, when this file runs as its own child (`bench-api.js --baseline-child`): it is
// started with the paths of the k8ts serving certificate, key and CA, and prints its port on stdout.

function baselineChild(): void {
  const [cert, key, ca] = process.argv.slice(3).map((p) => readFileSync(p, 'utf8'));
  const body = Buffer.from('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":200}');
  // The TLS options of apiserver/server.ts: client certificates requested, checked by the handler.
  const server = createServer({ cert, key, ca, requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' }, (req, res) => {
    req.resume(); // read and drop the request body, as a real server must
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 90_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`port ${(server.address() as { port: number }).port}\n`));
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

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

// Every HTTPS agent is registered here and destroyed at the end, on error and on SIGINT (children and
// temp dirs: support.ts).
const agents = new Set<Agent>();

// ---------------------------------------------------------------------------------------------------
// Processes

/** CPU seconds (user + system) of a process, all its threads and its main thread (the event loop). */
interface Cpu {
  all: number;
  main: number;
}

/** CPU of a child process, from /proc (Linux). */
function procCpu(pid: number | undefined): () => Cpu {
  return () => (pid === undefined ? { all: NaN, main: NaN } : { all: statCpu(`/proc/${pid}/stat`), main: statCpu(`/proc/${pid}/task/${pid}/stat`) });
}

/** CPU seconds used by the whole machine so far (all cpus, everything but idle and iowait), from /proc/stat. */
function machineBusy(): number {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
    return (user + nice + system + irq + softirq + (steal ?? 0)) / 100;
  } catch {
    return NaN;
  }
}

/** VmRSS and VmHWM (peak) of a process in MiB, from /proc/PID/status. */
interface Mem {
  rss: number;
  hwm: number;
  /** RssAnon: heap (V8, malloc: what the process allocated); the rest of RSS is mapped files and shared memory. */
  anon: number;
}

function procMem(pid: number | undefined): Mem {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024, anon: kib('RssAnon') / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN, anon: NaN };
  }
}

interface K8tsServer {
  child: ChildProcess;
  dataDir: string;
  /** Spawn to ready line, ms. */
  startMs: number;
  stderr: () => string;
}

/** `k8ts server` on a free loopback port; resolves at its ready line (the time the benchmark reports). */
async function startK8ts(dataDir: string, nodeArgs: string[]): Promise<K8tsServer> {
  const t = now();
  const child = spawn(
    process.execPath,
    [...nodeArgs, k8tsBin(import.meta.dirname), 'server', '--data-dir', dataDir, '--https-listen-port', '0', '--bind-address', '127.0.0.1'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.add(child);
  const stderr = tailOf(child);
  const startMs = await new Promise<number>((resolveReady, reject) => {
    const onData = () => {
      if (stderr().includes('k8ts server ready')) {
        const ms = msSince(t);
        child.stderr!.off('data', onData);
        resolveReady(ms);
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code, sig) => reject(new Error(`k8ts server exited (${code ?? sig}) before it was ready:\n${stderr()}`)));
    setTimeout(() => reject(new Error(`k8ts server not ready after 30 s:\n${stderr()}`)), 30_000).unref();
  });
  return { child, dataDir, startMs, stderr };
}

/** The floor for start-up: a bare `node` that prints one line to stderr. */
async function nodeFloorMs(): Promise<number> {
  const t = now();
  const child = spawn(process.execPath, ['-e', 'process.stderr.write("ready\\n")'], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  const ms = await new Promise<number>((r) => child.stderr!.once('data', () => r(msSince(t))));
  await new Promise((r) => (alive(child) ? child.once('exit', r) : r(undefined)));
  children.delete(child);
  return ms;
}

interface Baseline {
  child: ChildProcess;
  port: number;
}

async function startBaseline(tlsDir: string): Promise<Baseline> {
  const self = import.meta.filename;
  const child = spawn(
    process.execPath,
    [self, '--baseline-child', join(tlsDir, 'serving-kube-apiserver.crt'), join(tlsDir, 'serving-kube-apiserver.key'), join(tlsDir, 'server-ca.crt')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  const stderr = tailOf(child);
  child.stdout!.setEncoding('utf8');
  const port = await new Promise<number>((r, j) => {
    let out = '';
    child.stdout!.on('data', (s: string) => {
      out += s;
      const m = /port (\d+)/.exec(out);
      if (m) r(Number(m[1]));
    });
    child.once('exit', (code) => j(new Error(`baseline server exited (${code}):\n${stderr()}`)));
  });
  return { child, port };
}

// ---------------------------------------------------------------------------------------------------
// The HTTPS client: the admin credentials from the kubeconfig, one keep-alive agent per concurrency.

interface Credentials {
  server: URL;
  ca: string;
  cert: string;
  key: string;
}

function readKubeconfig(path: string): Credentials {
  const kc = parse(readFileSync(path, 'utf8')) as {
    clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
    users: Array<{ user: { 'client-certificate-data': string; 'client-key-data': string } }>;
  };
  const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');
  const cluster = kc.clusters[0]!.cluster;
  const user = kc.users[0]!.user;
  return {
    server: new URL(cluster.server),
    ca: b64(cluster['certificate-authority-data']),
    cert: b64(user['client-certificate-data']),
    key: b64(user['client-key-data']),
  };
}

interface Client {
  agent: Agent;
  host: string;
  port: number;
}

function client(creds: Credentials, port: number, sockets: number): Client {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, ca: creds.ca, cert: creds.cert, key: creds.key });
  agents.add(agent);
  return { agent, host: creds.server.hostname, port };
}

function closeClient(c: Client): void {
  c.agent.destroy();
  agents.delete(c.agent);
}

const JSON_HEADERS = { Accept: 'application/json' };

interface Reply {
  status: number;
  body: Buffer;
}

function call(c: Client, method: string, path: string, body?: Buffer): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const headers: Record<string, string | number> = body
      ? { Accept: 'application/json', 'Content-Type': 'application/json', 'Content-Length': body.length }
      : JSON_HEADERS;
    const req = request({ agent: c.agent, host: c.host, port: c.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolveReply({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens `n` keep-alive connections (TLS handshakes with the client certificate) before a measured run. */
async function prime(c: Client, n: number): Promise<void> {
  await Promise.all(Array.from({ length: n }, () => call(c, 'GET', '/version')));
}

// ---------------------------------------------------------------------------------------------------
// Workloads

interface Result extends BaseResult {
  /** Server CPU over the measured wall time, for the server's main thread alone (100% = its event loop never waited). */
  serverMain: number;
}

/**
 * Every measured run's start and end on CLOCK_MONOTONIC in µs (process.hrtime), the clock of V8's
 * .cpuprofile timestamps: written beside a server profile to cut it into workloads.
 */
const windows: Array<{ label: string; startUs: number; endUs: number }> = [];

async function measured<T>(serverCpu: () => Cpu, fn: () => Promise<T>, label: string) {
  const s0 = serverCpu();
  const c0 = ownCpu();
  const t0 = now();
  const value = await fn();
  const t1 = now();
  windows.push({ label, startUs: Number(t0 / 1000n), endUs: Number(t1 / 1000n) });
  const wall = Number(t1 - t0) / 1e9;
  const s1 = serverCpu();
  return { value, wall, serverCpu: (s1.all - s0.all) / wall, serverMain: (s1.main - s0.main) / wall, clientCpu: (ownCpu() - c0) / wall };
}

let firstError: string | undefined;

/** A ConfigMap with about 1 KiB of data. */
function configMap(namespace: string, name: string, i: number): Buffer {
  const head = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels: { app: 'bench', shard: String(i % 16) } } };
  const line = `key-${i}=value-${i};`;
  return Buffer.from(JSON.stringify({ ...head, data: { 'config.properties': line.repeat(Math.ceil(1024 / line.length)).slice(0, 1024) } }));
}

/** One measured run's raw figures; runs of the same workload are pooled by `pooled`. */
interface Run {
  latency: Float64Array;
  wall: number;
  serverCpuSec: number;
  serverMainSec: number;
  clientCpuSec: number;
  failures: number;
}

type Req = { method: string; path: string; body?: Buffer };

/**
 * `n` requests from `concurrency` workers on one keep-alive agent (`concurrency` sockets, opened before the
 * clock starts). `make(i)` gives request i; `expect` the status that counts as success.
 */
async function drive(c: Client, label: string, n: number, concurrency: number, serverCpu: () => Cpu, expect: number, make: (i: number) => Req): Promise<Run> {
  await prime(c, concurrency);
  const latency = new Float64Array(n);
  let next = 0;
  let failures = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const r = make(i);
      const t = now();
      try {
        const reply = await call(c, r.method, r.path, r.body);
        latency[i] = msSince(t);
        if (reply.status !== expect) {
          failures++;
          firstError ??= `${label}: ${r.method} ${r.path} answered ${reply.status}: ${reply.body.toString().slice(0, 300)}`;
        }
      } catch (err) {
        latency[i] = msSince(t);
        failures++;
        firstError ??= `${label}: ${r.method} ${r.path}: ${(err as Error).message}`;
      }
    }
  };
  const m = await measured(serverCpu, () => Promise.all(Array.from({ length: concurrency }, worker)), label);
  return { latency, wall: m.wall, serverCpuSec: m.serverCpu * m.wall, serverMainSec: m.serverMain * m.wall, clientCpuSec: m.clientCpu * m.wall, failures };
}

/** Runs of one workload as one result: throughput over their summed wall time, percentiles over all requests. */
function pooled(system: string, workload: string, runs: Run[]): Result {
  const n = runs.reduce((x, r) => x + r.latency.length, 0);
  const wall = runs.reduce((x, r) => x + r.wall, 0);
  const failures = runs.reduce((x, r) => x + r.failures, 0);
  const all = new Float64Array(n);
  let at = 0;
  for (const r of runs) {
    all.set(r.latency, at);
    at += r.latency.length;
  }
  const sorted = all.sort();
  const perRound = runs.length > 1 ? ` rounds=${runs.map((r) => fmt((r.latency.length - r.failures) / r.wall / 1000, 1) + 'k').join('/')}` : '';
  return {
    system,
    workload,
    opsPerSec: (n - failures) / wall,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    note: `n=${n}${failures ? ` FAILED=${failures}` : ''} max=${fmt(sorted[n - 1]!, 1)}ms${perRound}`,
    serverCpu: runs.reduce((x, r) => x + r.serverCpuSec, 0) / wall,
    serverMain: runs.reduce((x, r) => x + r.serverMainSec, 0) / wall,
    clientCpu: runs.reduce((x, r) => x + r.clientCpuSec, 0) / wall,
    failures,
  };
}

const CM_PATH = '/api/v1/namespaces/default/configmaps';

/** Whole and paged lists of the configmaps in `default`; `expected` items each time. */
async function lists(c: Client, system: string, sizes: Sizes, expected: number, serverCpu: () => Cpu): Promise<Result[]> {
  let bytes = 0;
  const full = async () => {
    const r = await call(c, 'GET', CM_PATH);
    bytes = r.body.length;
    return { status: r.status, count: r.status === 200 ? (JSON.parse(r.body.toString()) as { items: unknown[] }).items.length : 0, ms: 0 };
  };
  let pages = 0;
  const paged = async () => {
    let token: string | undefined;
    let count = 0;
    pages = 0;
    for (;;) {
      const r = await call(c, 'GET', `${CM_PATH}?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
      pages++;
      if (r.status !== 200) return { status: r.status, count };
      const list = JSON.parse(r.body.toString()) as { items: unknown[]; metadata: { continue?: string } };
      count += list.items.length;
      token = list.metadata.continue;
      if (!token) return { status: 200, count };
    }
  };
  const out: Result[] = [];
  for (const [label, fn, runs] of [
    ['list whole', full, sizes.listRuns],
    ['list paged/500', paged, sizes.pagedRuns],
  ] as const) {
    await fn(); // warm
    const times: number[] = [];
    let wrong = 0;
    const m = await measured(serverCpu, async () => {
      for (let i = 0; i < runs; i++) {
        const t = now();
        const r = await fn();
        // The client's JSON.parse is inside the time; it is what any client pays (a few % of it).
        times.push(msSince(t));
        if (r.status !== 200 || r.count !== expected) {
          wrong++;
          firstError ??= `${system} ${label}: status ${r.status}, ${r.count} items, expected ${expected}`;
        }
      }
    }, `${system} ${label}`);
    const figures = fromRunTimes(times);
    out.push({
      system,
      workload: `${label} ${fmt(expected / 1000, 1)}k`,
      ...figures,
      note:
        `${runs} runs, p99=slowest, ${label === 'list whole' ? `${fmt(bytes / 2 ** 20, 1)} MiB` : `${pages} pages`}, ` +
        `${fmt((expected * 1000) / figures.p50, 0)} items/s${wrong ? ` WRONG=${wrong}` : ''}`,
      serverCpu: m.serverCpu,
      serverMain: m.serverMain,
      clientCpu: m.clientCpu,
      failures: wrong,
    });
  }
  return out;
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
  const cold: number[] = [];
  const warm: number[] = [];
  const stopMs: number[] = [];
  let dataDir = '';
  for (let i = 0; i < sizes.startups; i++) {
    if (dataDir) removeDir(dataDir);
    dataDir = tempDir('server');
    const s = await startK8ts(dataDir, []);
    cold.push(s.startMs);
    stopMs.push(await stopChild(s.child));
  }
  // The last warm start serves the workloads; started with extra node flags (a profiler) it does not count.
  const flagged = args.serverNodeArgs.length > 0;
  for (let i = 0; i < sizes.startups - (flagged ? 0 : 1); i++) {
    const s = await startK8ts(dataDir, []);
    warm.push(s.startMs);
    stopMs.push(await stopChild(s.child));
  }
  const server = await startK8ts(dataDir, args.serverNodeArgs);
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
  const baseline = await startBaseline(join(dataDir, 'tls'));
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
  out(failures ? `CORRECTNESS: ${failures} failed requests; first: ${firstError}` : 'correctness: every create, get and list answered as expected');
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
  atCleanup(() => {
    for (const a of agents) a.destroy();
    agents.clear();
  });
  runBenchmark('bench-api', main);
}
