// The stores the kine benchmark (kine.ts) measures, behind one small interface: (a) the embedded
// revision log in this process, (b) `k8ts kine` as a child process and (c) a real etcd, both driven over
// gRPC by the same etcd v3 client.
import * as grpc from '@grpc/grpc-js';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { EmbeddedBackend } from '../../kine/embedded-backend.js';
import { etcdserverpb } from '../../kine/grpc/proto.js';
import { alive, children, now, ownCpu, removeDir, statCpu, stopChild, tailOf, tempDir } from './support.js';

interface RangePage {
  count: number;
  lastKey?: Buffer;
  more: boolean;
  revision: number;
}

export interface Store {
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

/** (a): EmbeddedBackend in this process, on a real file in a temp dir, fsync on (etcd's durability). */
export async function startEmbedded(): Promise<Store> {
  const dir = tempDir('embedded');
  const backend = new EmbeddedBackend({ path: join(dir, 'state.db'), fsync: true, leaseCheckIntervalMs: 0 });
  const store = embeddedStore(backend);
  return { ...store, close: async () => { await store.close(); removeDir(dir); } };
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
export function grpcStore(endpoint: string, cpu: () => number, onClose: () => Promise<void>): Store {
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

/**
 * (b): `k8ts kine` as a child process, on a free loopback port (as test/helpers/kine-process.ts). `k8ts` is
 * the built CLI (support.ts's k8tsBin, from the benchmark's own directory).
 */
export async function startKine(k8ts: string, nodeArgs: string[]): Promise<Store> {
  const dataDir = tempDir('kine');
  const child = spawn(
    process.execPath,
    [...nodeArgs, k8ts, 'kine', '--data-dir', dataDir, '--listen-client-urls', 'http://127.0.0.1:0'],
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
export async function startEtcd(bin: string): Promise<Store> {
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
