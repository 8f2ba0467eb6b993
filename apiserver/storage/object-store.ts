// Kubernetes objects over the store Backend, as upstream's etcd3 storage does it: one key per object
// (`/registry/<resource>/<namespace>/<name>`), JSON values, resourceVersion = the key's mod revision
// (never stored inside the value), compare-and-swap writes, lists pinned to one revision for paging.
import type { Backend, KeyValue, WatchEvent } from '../../kine/backend.js';
import { CompactedError, FutureRevisionError } from '../../kine/errors.js';
import { copyJson } from '../apply/json-copy.js';
import { jsonTextEqual } from '../apply/json-equal.js';
import { alreadyExists, conflict, gone, MODIFIED, notFound, StatusError } from '../errors.js';
import { type KubeObject, qualifiedResource, type ResourceEntry, storagePrefix } from '../registry/types.js';
import { decodeContinue, encodeContinue } from './continue-token.js';
import { WatchCache } from './watch-cache.js';

export interface ListOptions {
  /** At most this many items (0 = all). */
  limit?: number;
  continue?: string;
  /** '' = latest, '0' = any, 'N' = not older than N (or exactly N with match 'Exact'). */
  resourceVersion?: string;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact' | '';
  /** Keep only items for which this holds (label and field selectors). */
  predicate?: (obj: KubeObject) => boolean;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ObjectWatchOptions {
  /** Deliver changes after this revision ('' or '0': from now). */
  resourceVersion: number;
  predicate?: (obj: KubeObject) => boolean;
  /** Pods only: the watch only wants pods on this node (its predicate says so too); the cache indexes by it. */
  nodeName?: string;
}

export interface ObjectWatchListener {
  event(type: WatchEventType, obj: KubeObject): void;
  /** The stream can no longer continue (history compacted: 410). */
  error(err: StatusError): void;
}

export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

export interface UpdateOptions extends Preconditions {
  /**
   * `tryUpdate` only reads the current object and builds the new one from a copy of its own: it is then
   * handed the shared current object (deep-frozen under the mutation detector, when from the cache)
   * instead of a copy made for it.
   */
  readOnlyCurrent?: boolean;
}

const PAGE = 500;

/** Reads that must go to the store itself (the watch cache's own list and watch). */
export interface StoreReadOptions {
  bypassCache?: boolean;
}

export class ObjectStore {
  private readonly caches = new Map<string, WatchCache>();
  private readonly written = new WrittenObjects();

  constructor(
    readonly backend: Backend,
    private readonly useWatchCache = true,
  ) {}

  /** The watch cache of a resource, started on first use (entries sharing a storage prefix share it). */
  private cacheFor(e: ResourceEntry): WatchCache | undefined {
    if (!this.useWatchCache) return undefined;
    const prefix = storagePrefix(e);
    let cache = this.caches.get(prefix);
    if (!cache) {
      cache = new WatchCache(this, e);
      this.caches.set(prefix, cache);
    }
    if (!cache.ready) void cache.start();
    return cache;
  }

  close(): void {
    for (const c of this.caches.values()) c.stop();
    this.caches.clear();
  }

  key(e: ResourceEntry, namespace: string | undefined, name: string): Buffer {
    return Buffer.from(e.namespaced ? `${storagePrefix(e)}/${namespace}/${name}` : `${storagePrefix(e)}/${name}`);
  }

  private scope(e: ResourceEntry, namespace?: string): string {
    return e.namespaced && namespace ? `${storagePrefix(e)}/${namespace}/` : `${storagePrefix(e)}/`;
  }

  async get(e: ResourceEntry, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    const r = await this.backend.range(this.key(e, namespace, name));
    return r.kvs[0] ? decode(r.kvs[0]) : undefined;
  }

  /**
   * The object as the watch cache holds it (upstream's admission plugins read listers the same way), or
   * from the store when the cache is not serving yet or does not have it (it may lag a write of another
   * process, e.g. against etcd). The object is shared: read it, never modify it.
   */
  async getCached(e: ResourceEntry, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    return this.fromCache(this.cacheFor(e), e, namespace, name) ?? this.get(e, namespace, name);
  }

  /** The watch cache's object, if a cache is serving (shared: never modify it); starts no cache. */
  private cachedNow(e: ResourceEntry, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.fromCache(this.useWatchCache ? this.caches.get(storagePrefix(e)) : undefined, e, namespace, name);
  }

  /** The watch cache's object when it is at exactly `revision` (shared: never modify it); starts no cache. */
  private cachedAt(e: ResourceEntry, namespace: string | undefined, name: string, revision: number): KubeObject | undefined {
    const hit = this.cachedNow(e, namespace, name);
    return hit?.metadata?.resourceVersion === String(revision) ? hit : undefined;
  }

  private fromCache(cache: WatchCache | undefined, e: ResourceEntry, namespace: string | undefined, name: string): KubeObject | undefined {
    return cache?.ready ? cache.get(e.namespaced ? namespace : undefined, name) : undefined;
  }

  async mustGet(e: ResourceEntry, namespace: string | undefined, name: string): Promise<KubeObject> {
    const obj = await this.get(e, namespace, name);
    if (!obj) throw notFound(qualifiedResource(e), name, e.group);
    return obj;
  }

  async create(e: ResourceEntry, obj: KubeObject): Promise<KubeObject> {
    const name = obj.metadata!.name!;
    const value = encode(obj);
    this.written.set(value, obj);
    const res = await this.backend.create(this.key(e, obj.metadata!.namespace, name), value);
    if (!res.succeeded) throw alreadyExists(qualifiedResource(e), name, e.group);
    return withVersion(obj, res.revision);
  }

  /**
   * Read-modify-write with compare-and-swap, retried when another writer got there first (upstream's
   * GuaranteedUpdate). `tryUpdate` gets its own copy of the current object (unless `readOnlyCurrent`) and returns
   * the new one, or throws. `previous` is the current object as stored, shared: never modify it.
   *
   * As upstream's cacher does (its cachedExistingObject), the first try starts from the watch cache's
   * object without reading the store; the compare-and-swap catches a cache that lags (a write of another
   * process, against etcd), and then the store is read and the update tried again. A refusal, a failed
   * precondition or a no-op found on the cached object is checked against the store before it counts.
   */
  async guaranteedUpdate(
    e: ResourceEntry,
    namespace: string | undefined,
    name: string,
    tryUpdate: (current: KubeObject) => KubeObject | Promise<KubeObject>,
    pre: UpdateOptions = {},
  ): Promise<{ object: KubeObject; previous: KubeObject }> {
    const key = this.key(e, namespace, name);
    const read = async (): Promise<{ current: KubeObject; revision: number; stored: Buffer }> => {
      const kv = (await this.backend.range(key)).kvs[0];
      if (!kv) throw notFound(qualifiedResource(e), name, e.group);
      // The watch cache's copy at this very revision spares a decode; it is shared, so only read it.
      return { current: this.cachedAt(e, namespace, name, kv.modRevision) ?? decode(kv), revision: kv.modRevision, stored: kv.value };
    };
    const cached = this.cachedNow(e, namespace, name);
    let state: { current: KubeObject; revision: number; stored?: Buffer } = cached ? { current: cached, revision: Number(cached.metadata!.resourceVersion) } : await read();
    for (let attempt = 0; ; attempt++) {
      const { current, revision, stored } = state;
      let next: KubeObject;
      try {
        checkPreconditions(e, name, current, pre);
        next = await tryUpdate(pre.readOnlyCurrent ? current : copyJson(current));
      } catch (err) {
        if (stored) throw err;
        // maybe refused because the cached object is stale: decide on the stored one
        state = await read();
        if (state.revision === revision) throw err;
        continue;
      }
      // An update that changes nothing writes nothing (upstream's GuaranteedUpdate): no new revision, no
      // watch event, the object keeps its resourceVersion. Only the stored bytes tell for sure.
      if (!stored && unchangedFrom(current, next)) {
        state = await read();
        continue;
      }
      const value = encode(next);
      if (stored?.equals(value)) return { object: withVersion(copyJson(current), revision), previous: current };
      this.written.set(value, next);
      const res = await this.backend.update(key, value, revision);
      if (res.succeeded) return { object: withVersion(next, res.revision), previous: current };
      if (pre.resourceVersion) throw conflict(qualifiedResource(e), name, MODIFIED, e.group);
      if (attempt > 20) throw conflict(qualifiedResource(e), name, MODIFIED, e.group);
      state = await read();
    }
  }

  /** Delete the object as it is now (or as the preconditions require); returns its last state. */
  async delete(e: ResourceEntry, namespace: string | undefined, name: string, pre: Preconditions = {}): Promise<KubeObject> {
    const key = this.key(e, namespace, name);
    for (;;) {
      const r = await this.backend.range(key);
      const kv = r.kvs[0];
      if (!kv) throw notFound(qualifiedResource(e), name, e.group);
      const current = decode(kv);
      checkPreconditions(e, name, current, pre);
      const res = await this.backend.delete(key, kv.modRevision);
      if (res.succeeded) return withVersion(current, res.revision);
      if (pre.resourceVersion) throw conflict(qualifiedResource(e), name, MODIFIED, e.group);
    }
  }

  async list(e: ResourceEntry, namespace: string | undefined, o: ListOptions = {}, read: StoreReadOptions = {}): Promise<ListResult> {
    // resourceVersion=0 means "any data": the watch cache answers from memory (and, as upstream, without paging).
    if (!read.bypassCache && o.resourceVersion === '0' && !o.continue) {
      const cache = this.cacheFor(e);
      if (cache?.ready) {
        const { items, revision } = cache.list(e.namespaced ? namespace : undefined, o.predicate);
        return { items, resourceVersion: String(revision) };
      }
    }
    const scope = this.scope(e, namespace);
    const end = prefixEnd(scope);
    let start = Buffer.from(scope);
    let revision = 0;
    if (o.continue) {
      const token = decodeContinue(o.continue);
      start = Buffer.from(scope + token.start);
      revision = token.rv;
    } else if (o.resourceVersion && o.resourceVersion !== '0') {
      const asked = parseRv(o.resourceVersion);
      if (o.resourceVersionMatch === 'Exact') revision = asked;
      // NotOlderThan (the default with a resourceVersion): the latest state will do, unless the store has
      // not reached the asked revision yet; upstream waits briefly, then answers 504.
      else if (asked > (await this.backend.currentRevision())) throw tooLargeRv(asked);
    }
    const limit = o.limit && o.limit > 0 ? o.limit : 0;
    const items: KubeObject[] = [];
    let listRevision = revision;
    let lastKey: Buffer | undefined;
    let more = false;
    try {
      // Fetch pages until `limit` items pass the predicate (upstream does the same with selectors);
      // one key beyond the limit tells whether there is more.
      for (;;) {
        const batch = limit ? (o.predicate ? PAGE : limit - items.length + 1) : 0;
        const r = await this.backend.range(start, { rangeEnd: end, revision: listRevision, limit: batch });
        if (!listRevision) listRevision = r.revision;
        for (const kv of r.kvs) {
          if (limit && items.length === limit) {
            more = true;
            break;
          }
          lastKey = kv.key;
          const obj = decode(kv);
          if (!o.predicate || o.predicate(obj)) items.push(obj);
        }
        if (more || !r.more) break;
        start = Buffer.concat([r.kvs[r.kvs.length - 1]!.key, Buffer.from([0])]);
      }
    } catch (err) {
      if (err instanceof CompactedError && o.continue) {
        throw gone(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        );
      }
      if (err instanceof CompactedError) throw gone(`too old resource version: ${revision} (${err.compactRevision})`);
      if (err instanceof FutureRevisionError) throw tooLargeRv(revision);
      throw err;
    }
    const result: ListResult = { items, resourceVersion: String(listRevision) };
    if (more && lastKey) {
      const next = lastKey.subarray(scope.length).toString() + '\u0000';
      result.continue = encodeContinue({ rv: listRevision, start: next });
      if (!o.predicate) {
        const rest = await this.backend.range(Buffer.from(scope + next), { rangeEnd: end, revision: listRevision, countOnly: true });
        result.remainingItemCount = rest.count;
      }
    }
    return result;
  }

  /** Follow changes of a resource (in one namespace or all) after a revision: from the watch cache when it can. */
  watch(e: ResourceEntry, namespace: string | undefined, o: ObjectWatchOptions, listener: ObjectWatchListener, read: StoreReadOptions = {}): () => void {
    if (!read.bypassCache) {
      const cancel = this.cacheFor(e)?.watch(e.namespaced ? namespace : undefined, o.resourceVersion, o.predicate, listener, o.nodeName);
      if (cancel) return cancel;
    }
    const scope = this.scope(e, namespace);
    const w = this.backend.watch(
      Buffer.from(scope),
      { rangeEnd: prefixEnd(scope), startRevision: o.resourceVersion + 1, prevKv: true },
      {
        events: (events: WatchEvent[]) => {
          for (const ev of events) {
            const translated = translate(ev, o.predicate, this.written);
            if (translated) listener.event(translated.type, translated.object);
          }
        },
        error: (err: Error) => {
          listener.error(
            err instanceof CompactedError
              ? gone(`too old resource version: ${o.resourceVersion} (${err.compactRevision})`)
              : new StatusError(500, 'InternalError', err.message),
          );
        },
      },
    );
    return () => w.cancel();
  }
}

/**
 * Objects this process wrote, by the value bytes it handed to the backend. The embedded store gives the
 * same Buffer back in its watch events, so the watches take the object instead of parsing the bytes it
 * was just made from (etcd's events carry new bytes and are decoded). The object is then shared by the
 * writer's response, the watch cache and any other store watch (the node authorizer's): none may modify
 * it (the mutation detector checks).
 */
class WrittenObjects {
  private readonly byValue = new WeakMap<Buffer, KubeObject>();
  private taken: Buffer[] = [];

  set(value: Buffer, obj: KubeObject): void {
    this.byValue.set(value, obj);
  }

  /**
   * The object written as `value`. The backend delivers a commit to all its watchers at once; after that
   * the object is forgotten, since the store may keep the bytes (its watch history) longer than the object
   * is needed, and a watcher replaying history decodes.
   */
  take(value: Buffer): KubeObject | undefined {
    const obj = this.byValue.get(value);
    if (obj && this.taken.push(value) === 1) queueMicrotask(() => this.forget());
    return obj;
  }

  private forget(): void {
    for (const v of this.taken) this.byValue.delete(v);
    this.taken = [];
  }
}

/** The watch event a store event means to a client with this predicate (upstream's filtering rules). */
function translate(ev: WatchEvent, predicate: ((o: KubeObject) => boolean) | undefined, written: WrittenObjects): { type: WatchEventType; object: KubeObject } | undefined {
  if (ev.type === 'delete') {
    if (!ev.prevKv) return undefined;
    const last = withVersion(decodeValue(ev.prevKv.value), ev.kv.modRevision);
    return !predicate || predicate(last) ? { type: 'DELETED', object: last } : undefined;
  }
  const known = written.take(ev.kv.value);
  const obj = known ? withVersion(known, ev.kv.modRevision) : decode(ev.kv);
  const now = !predicate || predicate(obj);
  if (!ev.prevKv) return now ? { type: 'ADDED', object: obj } : undefined;
  if (!predicate) return { type: 'MODIFIED', object: obj };
  const before = predicate(decodeValue(ev.prevKv.value));
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: obj };
  return before ? { type: 'DELETED', object: obj } : undefined;
}

function checkPreconditions(e: ResourceEntry, name: string, current: KubeObject, pre: Preconditions): void {
  const meta = current.metadata ?? {};
  if (pre.uid && meta.uid !== pre.uid) {
    throw conflict(
      qualifiedResource(e),
      name,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid}`,
      e.group,
    );
  }
  if (pre.resourceVersion && meta.resourceVersion !== pre.resourceVersion) {
    throw conflict(qualifiedResource(e), name, MODIFIED, e.group);
  }
}

export function parseRv(rv: string): number {
  if (!/^[0-9]+$/.test(rv)) {
    throw new StatusError(400, 'BadRequest', `invalid resource version: "${rv}"`);
  }
  return Number(rv);
}

function tooLargeRv(rv: number): StatusError {
  return new StatusError(504, 'Timeout', `Too large resource version: ${rv}, current: less than ${rv}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
    retryAfterSeconds: 1,
  });
}

function prefixEnd(prefix: string): Buffer {
  const b = Buffer.from(prefix);
  b[b.length - 1]! += 1;
  return b;
}

/** Whether `next` stores as `current` does (both as JSON; the resourceVersion is not stored). */
function unchangedFrom(current: KubeObject, next: KubeObject): boolean {
  const { resourceVersion: _a, ...was } = current.metadata ?? {};
  const { resourceVersion: _b, ...now } = next.metadata ?? {};
  return jsonTextEqual({ ...current, metadata: was }, { ...next, metadata: now });
}

function encode(obj: KubeObject): Buffer {
  const copy = { ...obj, metadata: { ...obj.metadata } };
  delete copy.metadata.resourceVersion;
  return Buffer.from(JSON.stringify(copy));
}

function decodeValue(value: Buffer): KubeObject {
  return JSON.parse(value.toString()) as KubeObject;
}

function decode(kv: KeyValue): KubeObject {
  return withVersion(decodeValue(kv.value), kv.modRevision);
}

function withVersion(obj: KubeObject, revision: number): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(revision) } };
}
