// The Backend over a real etcd v3 cluster (`--datastore-endpoint http://host:2379`): plain gRPC calls to
// etcd's own services, loaded from its .proto files (grpc/proto.ts) and mapped by grpc/wire.ts.
//
// The compare-and-swap writes are the Txns kube-apiserver sends (storage/etcd3/store.go), each with an
// Else(Get) so that a lost compare comes back with the key's current state in the same round trip, and
// prev_kv on update's put so that the new kv's version and create revision are known without a read.
// Watches get one bidirectional Watch stream each; keep-alives share one LeaseKeepAlive stream.
//
// Differences from the embedded store, all etcd's:
// - A multi-op txn writes at one revision (the embedded log gives every write its own).
// - etcd does not report its compact revision. CompactedError and status() carry the highest one this
//   client knows of: its own compact() calls and the compact_revision of any watch it had cancelled; else 0.
// - A watch without startRevision starts just after the newest revision this client has seen in any
//   response, so every write that completes after watch() returns is delivered, as in the embedded store
//   (etcd alone would start wherever the server happens to be when the stream is set up).
import * as grpc from '@grpc/grpc-js';
import type {
  Backend,
  CasResult,
  DeleteRangeResult,
  KeyValue,
  LeaseInfo,
  PutOptions,
  PutResult,
  RangeOptions,
  RangeResult,
  StoreStatus,
  TxnRequest,
  TxnResponse,
  Watch,
  WatchListener,
  WatchOptions,
} from '../backend.js';
import {
  CompactedError,
  FutureRevisionError,
  InvalidArgumentError,
  KeyNotFoundError,
  KineError,
  LeaseExistsError,
  LeaseNotFoundError,
  RequestTooLargeError,
  StoreClosedError,
} from '../errors.js';
import { etcdserverpb } from '../grpc/proto.js';
import {
  type WireEvent,
  type WireHeader,
  type WireTxnResponse,
  deleteResultFromWire,
  eventFromWire,
  num,
  putResultFromWire,
  rangeEndToWire,
  rangeResultFromWire,
  rangeToWire,
  txnResponseFromWire,
  txnToWire,
} from '../grpc/wire.js';

/** etcd's default --max-request-bytes; only used to word RequestTooLargeError (etcd does not say its limit). */
const ETCD_MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;

export interface EtcdOptions {
  /** Per-call deadline for unary calls, ms (default 30 s). */
  timeoutMs?: number;
  /** How long connect() waits for each endpoint to answer, ms (default 3 s). */
  connectTimeoutMs?: number;
}

type Callback = (err: grpc.ServiceError | null, res: unknown) => void;
type UnaryMethod = (req: object, meta: grpc.Metadata, opts: grpc.CallOptions, cb: Callback) => void;
type Clients = Record<'KV' | 'Watch' | 'Lease' | 'Maintenance', grpc.Client>;

interface WireWatchResponse {
  header: WireHeader;
  canceled: boolean;
  compact_revision: string;
  cancel_reason: string;
  events: WireEvent[];
}

interface Waiter {
  resolve(ttl: number): void;
  reject(err: Error): void;
}

export class EtcdBackend implements Backend {
  /** Newest revision seen in any response: the start of watches without a startRevision. */
  private seen = 0;
  /** Highest compact revision this client knows of (see the header). */
  private compacted = 0;
  private closed = false;
  private keepAliveCall?: grpc.ClientDuplexStream<object, { ID: string; TTL: string }>;
  private readonly keepAliveWaiters = new Map<string, Waiter[]>();
  private readonly watchCalls = new Set<grpc.ClientDuplexStream<object, WireWatchResponse>>();

  private constructor(
    readonly endpoint: string,
    private readonly clients: Clients,
    private readonly timeoutMs: number,
  ) {}

  /** Connect to the first of `endpoints` (comma-separated URLs or a list) whose Status call answers. */
  static async connect(endpoints: string | string[], options: EtcdOptions = {}): Promise<EtcdBackend> {
    const urls = (Array.isArray(endpoints) ? endpoints : endpoints.split(',')).map((u) => u.trim()).filter(Boolean);
    if (urls.length === 0) throw new InvalidArgumentError('kine: no etcd endpoint given');
    const failures: string[] = [];
    for (const url of urls) {
      const clients = openClients(url);
      const backend = new EtcdBackend(url, clients, options.timeoutMs ?? 30_000);
      try {
        await backend.call('Maintenance', 'Status', {}, { timeoutMs: options.connectTimeoutMs ?? 3_000 });
        return backend;
      } catch (err) {
        failures.push(`${url}: ${(err as Error).message}`);
        await backend.close();
      }
    }
    throw new KineError(`kine: no etcd endpoint answered (${failures.join('; ')})`);
  }

  async currentRevision(): Promise<number> {
    const res = await this.call<{ header: WireHeader }>('KV', 'Range', { key: Buffer.from([0]), count_only: true });
    return num(res.header.revision);
  }

  async range(key: Buffer, options?: RangeOptions): Promise<RangeResult> {
    return rangeResultFromWire(await this.call('KV', 'Range', rangeToWire(key, options)));
  }

  async create(key: Buffer, value: Buffer, options: { lease?: bigint } = {}): Promise<CasResult> {
    const res = await this.txn({
      compare: [{ key, target: 'mod', result: '=', operand: 0 }],
      success: [{ put: { key, value, lease: options.lease } }],
      failure: [{ range: { key } }],
    });
    if (!res.succeeded) return lost(res);
    const kv: KeyValue = { key, value, createRevision: res.revision, modRevision: res.revision, version: 1, lease: options.lease ?? 0n };
    return { succeeded: true, revision: res.revision, kv };
  }

  async update(key: Buffer, value: Buffer, modRevision: number, options: { lease?: bigint } = {}): Promise<CasResult> {
    const res = await this.txn({
      compare: [{ key, target: 'mod', result: '=', operand: modRevision }],
      success: [{ put: { key, value, lease: options.lease, prevKv: true } }],
      failure: [{ range: { key } }],
    });
    if (!res.succeeded) return lost(res);
    const prevKv = 'put' in res.responses[0]! ? res.responses[0].put.prevKv : undefined;
    const kv: KeyValue = {
      key,
      value,
      createRevision: prevKv?.createRevision ?? res.revision,
      modRevision: res.revision,
      version: (prevKv?.version ?? 0) + 1,
      lease: options.lease ?? 0n,
    };
    return prevKv ? { succeeded: true, revision: res.revision, kv, prevKv } : { succeeded: true, revision: res.revision, kv };
  }

  async delete(key: Buffer, modRevision: number): Promise<CasResult> {
    // modRevision 0 means "whatever it is": no compare (etcd's compare would only match a missing key).
    const res = await this.txn({
      compare: modRevision === 0 ? [] : [{ key, target: 'mod', result: '=', operand: modRevision }],
      success: [{ deleteRange: { key, prevKv: true } }],
      failure: [{ range: { key } }],
    });
    if (!res.succeeded) return lost(res);
    const prev = 'deleteRange' in res.responses[0]! ? res.responses[0].deleteRange.prevKvs[0] : undefined;
    if (!prev) return { succeeded: false, revision: res.revision };
    return { succeeded: true, revision: res.revision, kv: prev, prevKv: prev };
  }

  async put(key: Buffer, value: Buffer, o: PutOptions = {}): Promise<PutResult> {
    const flags = { prev_kv: !!o.prevKv, ignore_value: !!o.ignoreValue, ignore_lease: !!o.ignoreLease };
    const req = { key, value, lease: (o.lease ?? 0n).toString(), ...flags };
    return putResultFromWire(await this.call('KV', 'Put', req, { size: key.length + value.length }));
  }

  async deleteRange(key: Buffer, o: { rangeEnd?: Buffer; prevKv?: boolean } = {}): Promise<DeleteRangeResult> {
    const req = { key, range_end: rangeEndToWire(o.rangeEnd), prev_kv: !!o.prevKv };
    return deleteResultFromWire(await this.call('KV', 'DeleteRange', req));
  }

  async txn(request: TxnRequest): Promise<TxnResponse> {
    const wire = txnToWire(request);
    return txnResponseFromWire(await this.call<WireTxnResponse>('KV', 'Txn', wire, { size: txnSize(request) }));
  }

  async compact(revision: number): Promise<void> {
    await this.call('KV', 'Compact', { revision, physical: false });
    this.compacted = Math.max(this.compacted, revision);
  }

  watch(key: Buffer, options: WatchOptions, listener: WatchListener): Watch {
    if (this.closed) {
      queueMicrotask(() => listener.error(new StoreClosedError()));
      return { cancel: () => undefined };
    }
    let done = false;
    let call: grpc.ClientDuplexStream<object, WireWatchResponse> | undefined;
    const stop = () => {
      done = true;
      if (call) {
        this.watchCalls.delete(call);
        call.cancel();
      }
    };
    const fail = (err: Error) => {
      if (done) return;
      stop();
      listener.error(err);
    };
    const open = (startRevision: number, implicit: boolean) => {
      const c = (this.clients.Watch as unknown as { Watch(): typeof call }).Watch()!;
      call = c;
      this.watchCalls.add(c);
      c.on('data', (res: WireWatchResponse) => {
        if (done || c !== call) return;
        this.saw(res.header);
        const compactRev = num(res.compact_revision);
        if (compactRev > 0) {
          this.compacted = Math.max(this.compacted, compactRev);
          if (!implicit) return fail(new CompactedError(compactRev));
          // "Only new events" from a start that compaction has since passed: go on from what remains.
          this.watchCalls.delete(c);
          c.cancel();
          return open(compactRev, false);
        }
        if (res.canceled) return fail(new KineError(res.cancel_reason || 'etcdserver: watch canceled'));
        if (!res.events || res.events.length === 0) return;
        try {
          listener.events(res.events.map(eventFromWire), num(res.header.revision));
        } catch (err) {
          fail(err as Error);
        }
      });
      c.on('error', (err: grpc.ServiceError) => {
        if (c === call && !this.closed) fail(this.toKineError(err));
      });
      c.on('end', () => {
        if (c === call && !this.closed) fail(new KineError('kine: etcd closed the watch stream'));
      });
      c.write({
        create_request: {
          key,
          range_end: rangeEndToWire(options.rangeEnd),
          start_revision: startRevision,
          prev_kv: !!options.prevKv,
          filters: (options.filters ?? []).map((f) => (f === 'put' ? 0 : 1)),
        },
      });
    };
    const implicit = !options.startRevision;
    open(options.startRevision || (this.seen > 0 ? this.seen + 1 : 0), implicit && this.seen > 0);
    return { cancel: stop };
  }

  async leaseGrant(ttl: number, id = 0n): Promise<{ id: bigint; ttl: number }> {
    const res = await this.call<{ ID: string; TTL: string; error: string }>('Lease', 'LeaseGrant', { TTL: ttl, ID: id.toString() });
    if (res.error) throw new KineError(res.error);
    return { id: BigInt(res.ID), ttl: num(res.TTL) };
  }

  async leaseRevoke(id: bigint): Promise<void> {
    await this.call('Lease', 'LeaseRevoke', { ID: id.toString() });
  }

  /** One request on the shared LeaseKeepAlive stream; etcd answers TTL 0 for a lease it does not know. */
  leaseKeepAlive(id: bigint): Promise<number> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    return new Promise((resolve, reject) => {
      const call = this.keepAliveStream();
      const k = id.toString();
      const queue = this.keepAliveWaiters.get(k) ?? [];
      queue.push({ resolve, reject });
      this.keepAliveWaiters.set(k, queue);
      call.write({ ID: k });
    });
  }

  async leaseTimeToLive(id: bigint, options?: { keys?: boolean }): Promise<LeaseInfo> {
    const res = await this.call<{ TTL: string; grantedTTL: string; keys: Buffer[] }>('Lease', 'LeaseTimeToLive', {
      ID: id.toString(),
      keys: !!options?.keys,
    });
    const remaining = num(res.TTL);
    const info: LeaseInfo = { id, ttl: remaining < 0 ? 0 : num(res.grantedTTL), remaining: remaining < 0 ? -1 : remaining };
    if (options?.keys && remaining >= 0) info.keys = res.keys ?? [];
    return info;
  }

  async leaseLeases(): Promise<bigint[]> {
    const res = await this.call<{ leases: Array<{ ID: string }> }>('Lease', 'LeaseLeases', {});
    return (res.leases ?? []).map((l) => BigInt(l.ID));
  }

  async status(): Promise<StoreStatus> {
    const res = await this.call<{ header: WireHeader; dbSize: string; dbSizeInUse: string }>('Maintenance', 'Status', {});
    const sizes = { dbSize: num(res.dbSize), dbSizeInUse: num(res.dbSizeInUse) };
    return { revision: num(res.header.revision), compactRevision: this.compacted, ...sizes };
  }

  /** Ends every watch silently (as the embedded store does) and closes the channel. */
  async close(): Promise<void> {
    this.closed = true;
    for (const c of this.watchCalls) c.cancel();
    this.watchCalls.clear();
    this.keepAliveCall?.cancel();
    for (const c of Object.values(this.clients)) c.close();
  }

  private keepAliveStream(): NonNullable<EtcdBackend['keepAliveCall']> {
    if (this.keepAliveCall) return this.keepAliveCall;
    const call = (this.clients.Lease as unknown as { LeaseKeepAlive(): NonNullable<EtcdBackend['keepAliveCall']> }).LeaseKeepAlive();
    this.keepAliveCall = call;
    call.on('data', (res: { ID: string; TTL: string; header: WireHeader }) => {
      this.saw(res.header);
      const queue = this.keepAliveWaiters.get(res.ID);
      const waiter = queue?.shift();
      if (queue && queue.length === 0) this.keepAliveWaiters.delete(res.ID);
      const ttl = num(res.TTL);
      if (ttl > 0) waiter?.resolve(ttl);
      else waiter?.reject(new LeaseNotFoundError());
    });
    const fail = (err: Error) => {
      if (this.keepAliveCall === call) this.keepAliveCall = undefined;
      for (const queue of this.keepAliveWaiters.values()) for (const w of queue) w.reject(err);
      this.keepAliveWaiters.clear();
    };
    call.on('error', (err: grpc.ServiceError) => fail(this.toKineError(err)));
    call.on('end', () => fail(new KineError('kine: etcd closed the keep-alive stream')));
    return call;
  }

  /** One unary call; errors come back as kine/errors.ts classes. `size` words RequestTooLargeError. */
  private call<T>(service: keyof Clients, method: string, req: object, o: { timeoutMs?: number; size?: number } = {}): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    const client = this.clients[service];
    const fn = (client as unknown as Record<string, UnaryMethod>)[method]!;
    const deadline = Date.now() + (o.timeoutMs ?? this.timeoutMs);
    return new Promise<T>((resolve, reject) => {
      fn.call(client, req, new grpc.Metadata(), { deadline }, (err, res) => {
        if (err) return reject(this.toKineError(err, o.size));
        this.saw((res as { header?: WireHeader }).header);
        resolve(res as T);
      });
    });
  }

  private saw(header: WireHeader | undefined): void {
    const rev = num(header?.revision);
    if (rev > this.seen) this.seen = rev;
  }

  /** Map etcd's gRPC errors, recognised by etcd's own messages (etcdserver/api/v3rpc/rpctypes). */
  private toKineError(err: grpc.ServiceError, size = 0): Error {
    const msg = err.details || err.message;
    if (msg.includes('required revision has been compacted')) return new CompactedError(this.compacted);
    if (msg.includes('required revision is a future revision')) return new FutureRevisionError();
    if (msg.includes('requested lease not found')) return new LeaseNotFoundError();
    if (msg.includes('lease already exists')) return new LeaseExistsError();
    if (msg.includes('request is too large')) return new RequestTooLargeError(size, ETCD_MAX_REQUEST_BYTES);
    const grpcLimit = /larger than max \((\d+) vs\. (\d+)\)/i.exec(msg);
    if (err.code === grpc.status.RESOURCE_EXHAUSTED && grpcLimit) {
      return new RequestTooLargeError(Number(grpcLimit[1]), Number(grpcLimit[2]));
    }
    if (msg.includes('key not found')) return new KeyNotFoundError();
    if (err.code === grpc.status.INVALID_ARGUMENT) return new InvalidArgumentError(msg);
    return new KineError(`kine: etcd ${this.endpoint}: ${msg}`, { cause: err });
  }
}

/** A lost compare: the Else(Get) holds the key's current state, if it exists. */
function lost(res: TxnResponse): CasResult {
  const first = res.responses[0];
  const kv = first && 'range' in first ? first.range.kvs[0] : undefined;
  return kv ? { succeeded: false, revision: res.revision, kv } : { succeeded: false, revision: res.revision };
}

function txnSize(req: TxnRequest): number {
  let n = 0;
  for (const op of [...req.success, ...req.failure]) {
    if ('put' in op) n += op.put.key.length + op.put.value.length;
    else if ('txn' in op) n += txnSize(op.txn);
  }
  return n;
}

/** One channel per endpoint, shared by the four service clients. */
function openClients(url: string): Clients {
  const u = new URL(url.includes('://') ? url : `http://${url}`);
  // https:// trusts the system's CAs; client certificates are not supported yet.
  const creds = u.protocol === 'https:' ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();
  const target = `${u.hostname}:${u.port || 2379}`;
  const options: grpc.ChannelOptions = { 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 };
  const pb = etcdserverpb();
  const kv = new pb.KV!(target, creds, options);
  const channelOverride = kv.getChannel();
  const other = (name: string) => new pb[name]!(target, creds, { ...options, channelOverride });
  return { KV: kv, Watch: other('Watch'), Lease: other('Lease'), Maintenance: other('Maintenance') };
}
