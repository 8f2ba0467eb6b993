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
import * as grpc from '@grpc/grpc-js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { EmbeddedBackend } from '../../kine/embedded-backend.js';
import { etcdserverpb } from '../../kine/grpc/proto.js';
import { alive, atCleanup, children, cpuPercent, find, fmt, fromRunTimes, k8tsBin, machine, mark, msSince, now, ownCpu, percentile, removeDir, resultTable, runBenchmark, sortedCopy, statCpu, stopChild, tailOf, tempDir, title, totalTime, type Result } from './support.js';

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
// The stores under test, behind one small interface.

interface RangePage {
  count: number;
  lastKey?: Buffer;
  more: boolean;
  revision: number;
}

interface Store {
  /** CAS create; true when it succeeded (the key did not exist). */
  create(key: Buffer, value: Buffer): Promise<boolean>;
  put(key: Buffer, value: Buffer): Promise<void>;
  /** [key, end) with at most `limit` keys (0 = all), at `revision` (0 = current). */
  range(key: Buffer, end: Buffer, limit: number, revision: number): Promise<RangePage>;
  /** Open a watch on [key, end); resolves once it is established; `onPut` gets each put's key and arrival time. */
  watch(key: Buffer, end: Buffer, onPut: (key: Buffer, at: bigint) => void): Promise<() => void>;
  /** CPU seconds (user + system) used so far by the process serving the store. */
  serverCpu(): number;
  close(): Promise<void>;
}

function embeddedStore(backend: EmbeddedBackend): Store {
  return {
    create: async (key, value) => (await backend.create(key, value)).succeeded,
    put: async (key, value) => {
      await backend.put(key, value);
    },
    range: async (key, end, limit, revision) => {
      const r = await backend.range(key, { rangeEnd: end, limit, revision });
      return { count: r.kvs.length, lastKey: r.kvs.at(-1)?.key, more: r.more, revision: r.revision };
    },
    watch: async (key, end, onPut) => {
      const w = backend.watch(
        key,
        { rangeEnd: end },
        {
          events: (events) => {
            const at = now();
            for (const e of events) if (e.type === 'put') onPut(e.kv.key, at);
          },
          error: (err) => process.stderr.write(`bench-kine: embedded watch failed: ${err.message}\n`),
        },
      );
      return () => w.cancel();
    },
    serverCpu: ownCpu,
    close: () => backend.close(),
  };
}

type Callback<T> = (err: grpc.ServiceError | null, res?: T) => void;

interface WireTxnResponse {
  succeeded: boolean;
}
interface WireRangeResponse {
  header: { revision: string };
  kvs: Array<{ key: Buffer }>;
  more: boolean;
}
interface WireWatchResponse {
  created: boolean;
  canceled: boolean;
  cancel_reason: string;
  events: Array<{ type: number; kv: { key: Buffer } }>;
}

interface KvClient extends grpc.Client {
  Txn(req: object, cb: Callback<WireTxnResponse>): grpc.ClientUnaryCall;
  Put(req: object, cb: Callback<object>): grpc.ClientUnaryCall;
  Range(req: object, options: grpc.CallOptions, cb: Callback<WireRangeResponse>): grpc.ClientUnaryCall;
}
interface WatchClient extends grpc.Client {
  Watch(): grpc.ClientDuplexStream<object, WireWatchResponse>;
}

function call<T>(fn: (cb: Callback<T>) => unknown): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    fn((err, res) => (err ? reject(err) : resolvePromise(res as T)));
  });
}

/**
 * The etcd v3 gRPC client shared by (b) and (c): one KV and one Watch client on one target (grpc-js
 * shares the HTTP/2 connection between them, as etcd's clientv3 does).
 */
function grpcStore(endpoint: string, cpu: () => number, onClose: () => Promise<void>): Store {
  const pb = etcdserverpb();
  const creds = grpc.credentials.createInsecure();
  const opts = { 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 };
  const kv = new pb.KV!(endpoint, creds, opts) as unknown as KvClient;
  const watchClient = new pb.Watch!(endpoint, creds, opts) as unknown as WatchClient;
  return {
    create: async (key, value) => {
      // What kube-apiserver sends for a create: If(ModRevision(key) == 0) Then(Put(key, value)).
      const res = await call<WireTxnResponse>((cb) =>
        kv.Txn(
          {
            compare: [{ result: 0 /* EQUAL */, target: 2 /* MOD */, key, mod_revision: 0 }],
            success: [{ request_put: { key, value } }],
            failure: [],
          },
          cb,
        ),
      );
      return res.succeeded;
    },
    put: async (key, value) => {
      await call<object>((cb) => kv.Put({ key, value }, cb));
    },
    range: async (key, end, limit, revision) => {
      const res = await call<WireRangeResponse>((cb) =>
        kv.Range({ key, range_end: end, limit, revision }, { deadline: Date.now() + 30_000 }, cb),
      );
      return { count: res.kvs.length, lastKey: res.kvs.at(-1)?.key, more: res.more, revision: Number(res.header.revision) };
    },
    watch: (key, end, onPut) =>
      new Promise((resolveWatch, reject) => {
        const stream = watchClient.Watch();
        let open = true;
        stream.on('data', (res: WireWatchResponse) => {
          const at = now();
          if (res.created && !res.canceled) resolveWatch(() => {
            open = false;
            stream.cancel();
          });
          if (res.canceled) reject(new Error(`watch canceled: ${res.cancel_reason}`));
          for (const e of res.events) if (e.type === 0 /* PUT */) onPut(e.kv.key, at);
        });
        stream.on('error', (err) => {
          if (open) reject(err);
        });
        stream.write({ create_request: { key, range_end: end } });
      }),
    serverCpu: cpu,
    close: async () => {
      kv.close();
      watchClient.close();
      await onClose();
    },
  };
}

/** CPU seconds of a child process, from /proc (Linux). */
function procCpu(pid: number | undefined): () => number {
  return () => (pid === undefined ? NaN : statCpu(`/proc/${pid}/stat`));
}

async function waitReady(endpoint: string, child: ChildProcess, stderr: () => string, what: string): Promise<void> {
  const pb = etcdserverpb();
  const kv = new pb.KV!(endpoint, grpc.credentials.createInsecure(), {}) as unknown as KvClient;
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (!alive(child)) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${stderr()}`);
      try {
        await call((cb) => kv.Range({ key: Buffer.from('/ready') }, { deadline: Date.now() + 1000 }, cb));
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`${what} not ready after 20 s: ${(err as Error).message}\n${stderr()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    kv.close();
  }
}

/** (b): `k8ts kine` as a child process, on a free loopback port (as test/helpers/kine-process.ts). */
async function startKine(nodeArgs: string[]): Promise<Store> {
  const dataDir = tempDir('kine');
  const child = spawn(
    process.execPath,
    [...nodeArgs, k8tsBin(import.meta.dirname), 'kine', '--data-dir', dataDir, '--listen-client-urls', 'http://127.0.0.1:0'],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, K8TS_LOG_LEVEL: 'warn' } },
  );
  children.add(child);
  const stderr = tailOf(child);
  const endpoint = await new Promise<string>((resolvePromise, reject) => {
    const onData = () => {
      const m = /k8ts kine ready: etcdctl --endpoints http:\/\/(\S+)/.exec(stderr());
      if (m) {
        child.stderr!.off('data', onData);
        resolvePromise(m[1]!);
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`k8ts kine exited with ${code} before it was ready:\n${stderr()}`)));
  });
  await waitReady(endpoint, child, stderr, 'k8ts kine');
  return grpcStore(endpoint, procCpu(child.pid), async () => {
    await stopChild(child, 5000);
    removeDir(dataDir);
  });
}

async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  const ports: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = createServer();
    await new Promise<void>((r, j) => {
      s.once('error', j);
      s.listen(0, '127.0.0.1', () => r());
    });
    servers.push(s);
    ports.push((s.address() as { port: number }).port);
  }
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** (c): a one-member etcd in a temp data dir on free loopback ports, default durability settings. */
async function startEtcd(bin: string): Promise<Store> {
  const dataDir = tempDir('etcd');
  const [client, peer] = (await freePorts(2)) as [number, number];
  const c = `http://127.0.0.1:${client}`;
  const p = `http://127.0.0.1:${peer}`;
  const child = spawn(
    bin,
    [
      '--name', 'bench', '--data-dir', join(dataDir, 'data'),
      '--listen-client-urls', c, '--advertise-client-urls', c,
      '--listen-peer-urls', p, '--initial-advertise-peer-urls', p,
      '--initial-cluster', `bench=${p}`, '--initial-cluster-state', 'new',
      '--logger', 'zap', '--log-level', 'error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.add(child);
  const stderr = tailOf(child);
  const endpoint = `127.0.0.1:${client}`;
  await waitReady(endpoint, child, stderr, 'etcd');
  return grpcStore(endpoint, procCpu(child.pid), async () => {
    await stopChild(child, 5000);
    removeDir(dataDir);
  });
}

// ---------------------------------------------------------------------------------------------------
// Workloads

/** A Pod-like JSON object of about 1 KiB. */
function podValue(namespace: string, name: string, i: number): Buffer {
  const obj = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name,
      namespace,
      uid: `6f1a${i.toString(16).padStart(8, '0')}-3c2b-4d5e-9f80-1a2b3c4d5e6f`,
      creationTimestamp: '2025-01-01T00:00:00Z',
      labels: { app: 'bench', 'pod-template-hash': '5d7f8c9b6d', tier: 'backend' },
      annotations: { 'kubernetes.io/config.seen': '2025-01-01T00:00:00.000000000Z' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'bench-5d7f8c9b6d', uid: 'a1b2c3d4-e5f6-4789-a012-b3c4d5e6f789', controller: true }],
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'registry.k8s.io/pause:3.9',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
          terminationMessagePath: '/dev/termination-log',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      schedulerName: 'default-scheduler',
    },
    status: { phase: 'Pending', qosClass: 'Burstable' },
  };
  const s = JSON.stringify(obj);
  return Buffer.from(s.slice(0, -1) + `,"pad":"${'x'.repeat(Math.max(0, 1024 - s.length - 9))}"}`);
}

function prefixEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  end[end.length - 1]!++;
  return end;
}

/** Run `fn` under CPU accounting: returns its wall time and the CPU shares of server and this process. */
async function measured<T>(store: Store, fn: () => Promise<T>) {
  const s0 = store.serverCpu();
  const c0 = ownCpu();
  const t0 = now();
  const value = await fn();
  const wall = Number(now() - t0) / 1e9;
  return { value, wall, serverCpu: (store.serverCpu() - s0) / wall, clientCpu: (ownCpu() - c0) / wall };
}

let firstError: string | undefined;

async function creates(store: Store, system: string, namespace: string, n: number, concurrency: number): Promise<Result> {
  const latency = new Float64Array(n);
  let next = 0;
  let failures = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const name = `pod-${i}`;
      const key = Buffer.from(`/registry/pods/${namespace}/${name}`);
      const value = podValue(namespace, name, i);
      const t = now();
      try {
        if (!(await store.create(key, value))) {
          failures++;
          firstError ??= `${system}: create of ${key} did not succeed (key existed)`;
        }
      } catch (err) {
        failures++;
        firstError ??= `${system}: create of ${key}: ${(err as Error).message}`;
      }
      latency[i] = msSince(t);
    }
  };
  const m = await measured(store, () => Promise.all(Array.from({ length: concurrency }, worker)));
  const sorted = sortedCopy(latency);
  return {
    system,
    workload: `create c=${concurrency}`,
    opsPerSec: (n - failures) / m.wall,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    note: `n=${n} failed=${failures} max=${fmt(sorted[n - 1]!, 1)}ms`,
    serverCpu: m.serverCpu,
    clientCpu: m.clientCpu,
    failures,
  };
}

async function lists(store: Store, system: string, sizes: Sizes): Promise<Result[]> {
  const prefix = Buffer.from('/registry/configmaps/bench-list/');
  const end = prefixEnd(prefix);
  const n = sizes.listKeys;
  // Load at concurrency 32, not measured.
  let next = 0;
  let loadFailures = 0;
  const load = async () => {
    for (let i = next++; i < n; i = next++) {
      const name = `cm-${String(i).padStart(6, '0')}`;
      await store.put(Buffer.concat([prefix, Buffer.from(name)]), podValue('bench-list', name, i)).catch((err) => {
        loadFailures++;
        firstError ??= `${system}: list load put: ${(err as Error).message}`;
      });
    }
  };
  await Promise.all(Array.from({ length: 32 }, load));

  const full = async () => {
    const r = await store.range(prefix, end, 0, 0);
    return r.count;
  };
  const paged = async () => {
    // As kube-apiserver pages: limit 500, continue from the last key + "\0", later pages at the first page's revision.
    let key = prefix;
    let revision = 0;
    let total = 0;
    for (;;) {
      const r = await store.range(key, end, 500, revision);
      total += r.count;
      revision = r.revision;
      if (!r.more || !r.lastKey) return total;
      key = Buffer.concat([r.lastKey, Buffer.from([0])]);
    }
  };
  const out: Result[] = [];
  for (const [label, fn] of [
    ['list full', full],
    ['list paged/500', paged],
  ] as const) {
    await fn(); // warm
    const times: number[] = [];
    let wrong = 0;
    const m = await measured(store, async () => {
      for (let i = 0; i < sizes.listRuns; i++) {
        const t = now();
        const count = await fn();
        times.push(msSince(t));
        if (count !== n) {
          wrong++;
          firstError ??= `${system}: ${label} returned ${count} keys, expected ${n}`;
        }
      }
    });
    out.push({
      system,
      workload: `${label} ${n / 1000}k`,
      ...fromRunTimes(times),
      note: `${sizes.listRuns} runs, p99=slowest${wrong + loadFailures ? ` WRONG=${wrong} loadfail=${loadFailures}` : ''}`,
      serverCpu: m.serverCpu,
      clientCpu: m.clientCpu,
      failures: wrong + loadFailures,
    });
  }
  return out;
}

async function watchDelivery(store: Store, system: string, n: number): Promise<Result> {
  const prefix = Buffer.from('/registry/events/bench-watch/');
  const sent = new Map<string, bigint>();
  const latency: number[] = [];
  let allArrived: () => void = () => undefined;
  const arrived = new Promise<void>((r) => (allArrived = r));
  const cancel = await store.watch(prefix, prefixEnd(prefix), (key, at) => {
    const k = key.toString('latin1');
    const t = sent.get(k);
    if (t === undefined) return;
    sent.delete(k);
    latency.push(Number(at - t) / 1e6);
    if (latency.length === n) allArrived();
  });
  let failures = 0;
  const m = await measured(store, async () => {
    for (let i = 0; i < n; i++) {
      const name = `ev-${i}`;
      const key = Buffer.concat([prefix, Buffer.from(name)]);
      const value = podValue('bench-watch', name, i);
      sent.set(key.toString('latin1'), now());
      await store.put(key, value).catch((err) => {
        failures++;
        firstError ??= `${system}: watch put: ${(err as Error).message}`;
      });
    }
    await Promise.race([arrived, new Promise((r) => setTimeout(r, 10_000).unref())]);
  });
  cancel();
  const missing = n - latency.length - failures;
  if (missing > 0) firstError ??= `${system}: ${missing} watch events never arrived`;
  const sorted = sortedCopy(latency);
  return {
    system,
    workload: 'watch delivery',
    opsPerSec: n / m.wall,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    note: `n=${n} sequential puts, max=${fmt(sorted[sorted.length - 1]!, 1)}ms${missing + failures ? ` MISSING=${missing} failed=${failures}` : ''}`,
    serverCpu: m.serverCpu,
    clientCpu: m.clientCpu,
    failures: missing + failures,
  };
}

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

  if (args.systems.has('a')) {
    await run('(a) embedded', async () => {
      const dir = tempDir('embedded');
      const backend = new EmbeddedBackend({ path: join(dir, 'state.db'), fsync: true, leaseCheckIntervalMs: 0 });
      const store = embeddedStore(backend);
      return { ...store, close: async () => { await store.close(); removeDir(dir); } };
    });
  }
  if (args.systems.has('b')) {
    const external = args.kineEndpoint;
    await run(
      external ? `(b) kine gRPC @${external}` : '(b) kine gRPC',
      external ? async () => grpcStore(external, () => NaN, async () => undefined) : () => startKine(args.kineNodeArgs),
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
  out(failures ? `CORRECTNESS: ${failures} failed operations; first: ${firstError}` : 'correctness: every create, put, list and watch event succeeded');
  out(totalTime(started));
  return failures ? 1 : 0;
}

runBenchmark('bench-kine', main);
