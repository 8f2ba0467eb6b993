// One informer: client-go's Reflector + DeltaFIFO + sharedIndexInformer in one loop. It lists (in
// pages), then watches from the list's resourceVersion with bookmarks, keeps an indexed cache of the
// objects and tells its handlers about every change:
// - BOOKMARK events only move the resourceVersion the next watch starts from;
// - a watch that ends (server timeout, broken connection) is re-established from the last version,
//   with backoff when it failed (800 ms doubling to 30 s, as the reflector's);
// - 410 Gone (an ERROR event with code 410, or a refused watch) relists, and the differences between
//   the cache and the new list reach handlers as add / update / delete (with a tombstone,
//   DeletedFinalStateUnknown, for objects whose deletion was missed);
// - every resync period each handler gets update(obj, obj) for every cached object, as client-go's
//   resync (level-based controllers re-check everything now and then).
// Handlers are called synchronously, in order, one event at a time; they should only enqueue keys.
import type { KubeObject, ListOptions, ObjectList, WatchOptions } from './client.js';
import { realClock, sleep, type Clock, type TimerHandle } from './clock.js';
import { silentLogger, type ClientLogger } from './logger.js';
import { defaultIndexers, Indexer, keyOf, Lister, type IndexFunc } from './store.js';
import { isGone, isStatus, type WatchEvent } from './transport.js';

/** What an informer reads from: a ResourceClient fits. */
export interface ListerWatcher<T> {
  list(o: ListOptions): Promise<ObjectList<T>>;
  watch(o: WatchOptions, signal: AbortSignal): Promise<AsyncIterable<WatchEvent<T>>>;
}

/** The last state known of an object deleted while the informer was not watching (client-go's tombstone). */
export class DeletedFinalStateUnknown<T> {
  constructor(
    readonly key: string,
    readonly obj: T,
  ) {}
}

export interface EventHandler<T> {
  /** A new object; `initial` when it came with the first list. */
  add?(obj: T, initial: boolean): void;
  /** A changed object, or (same object twice) a resync. */
  update?(oldObj: T, newObj: T): void;
  delete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

export interface InformerOptions<T> {
  source: ListerWatcher<T>;
  /** Only this namespace (all when absent), only objects matching the selectors. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** The resync period of handlers that name none; 0 (the default) for none. */
  resyncPeriodMs?: number;
  /** Indexes beside the defaults (namespace, nodeName, ownerUid). */
  indexers?: Record<string, IndexFunc<T>>;
  pageSize?: number;
  backoff?: { initialMs: number; maxMs: number };
  /** The server-side timeout of each watch; client-go picks 5–10 minutes at random. */
  watchTimeoutSeconds?: () => number;
  clock?: Clock;
  log?: ClientLogger;
}

interface Registration<T> {
  handler: EventHandler<T>;
  resyncPeriodMs: number;
  timer?: TimerHandle;
}

export class Informer<T extends KubeObject> {
  readonly indexer: Indexer<T>;
  readonly lister: Lister<T>;
  private readonly registrations = new Set<Registration<T>>();
  private readonly syncWaiters = new Set<() => void>();
  private readonly clock: Clock;
  private readonly log: ClientLogger;
  private synced = false;
  private running?: AbortSignal;
  /** Whether a list was made already (the first one may come from the watch cache). */
  private listedOnce = false;
  /** The resourceVersion the next watch starts from (the last event's, bookmark's or list's). */
  private lastVersion = '';

  constructor(private readonly o: InformerOptions<T>) {
    this.indexer = new Indexer<T>({ ...(defaultIndexers as Record<string, IndexFunc<T>>), ...o.indexers });
    this.lister = new Lister(this.indexer);
    this.clock = o.clock ?? realClock;
    this.log = o.log ?? silentLogger;
  }

  /**
   * Register handlers; returns their removal. Registered after the first list, they get an add for
   * every cached object at once (client-go does the same for late handlers).
   */
  addEventHandler(handler: EventHandler<T>, resyncPeriodMs = this.o.resyncPeriodMs ?? 0): () => void {
    const r: Registration<T> = { handler, resyncPeriodMs };
    this.registrations.add(r);
    if (this.synced) for (const obj of this.indexer.list()) this.call('add', () => handler.add?.(obj, true));
    if (this.running) this.scheduleResync(r, this.running);
    return () => {
      this.registrations.delete(r);
      if (r.timer !== undefined) this.clock.clearTimeout(r.timer);
    };
  }

  /** True once the first list has been delivered to the handlers and the cache. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves true once synced, false if `signal` aborts first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean) => () => {
        this.syncWaiters.delete(onSync);
        signal?.removeEventListener('abort', onAbort);
        resolve(ok);
      };
      const onSync = done(true);
      const onAbort = done(false);
      this.syncWaiters.add(onSync);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** List and watch until `signal` aborts; resolves then. Call once. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.running) throw new Error('the informer is already running');
    this.running = signal;
    for (const r of this.registrations) this.scheduleResync(r, signal);
    const backoff = this.o.backoff ?? { initialMs: 800, maxMs: 30_000 };
    let delay = backoff.initialMs;
    let needList = true;
    while (!signal.aborted) {
      let failed = false;
      try {
        if (needList) {
          await this.listAndReplace(signal);
          needList = false;
        }
        const outcome = await this.watchOnce(signal);
        if (outcome === 'expired') needList = true;
        failed = outcome === 'failed';
      } catch (err) {
        if (signal.aborted) break;
        if (isGone(err)) needList = true;
        else {
          this.log.warn({ err }, needList ? 'list failed' : 'watch failed');
          failed = true;
        }
      }
      if (failed) {
        await sleep(this.clock, delay, signal);
        delay = Math.min(delay * 2, backoff.maxMs);
      } else {
        delay = backoff.initialMs;
      }
    }
    for (const r of this.registrations) if (r.timer !== undefined) this.clock.clearTimeout(r.timer);
  }

  /**
   * The first list asks for resourceVersion=0, as client-go's reflector does: the apiserver may answer
   * from its watch cache (a hundred kubelets starting do not each read every object from the store).
   * Later lists are consistent, in pages; a continue token that expired (410) falls back to one full list.
   */
  private async listAndReplace(signal: AbortSignal): Promise<void> {
    const base = { namespace: this.o.namespace, labelSelector: this.o.labelSelector, fieldSelector: this.o.fieldSelector, signal };
    const items: T[] = [];
    let version: string | undefined;
    const first = !this.listedOnce;
    this.listedOnce = true;
    try {
      let cont: string | undefined;
      do {
        const page = await this.o.source.list({ ...base, limit: this.o.pageSize ?? 500, continue: cont, ...(first && !cont ? { resourceVersion: '0' } : {}) });
        items.push(...page.items);
        version ??= page.metadata.resourceVersion;
        cont = page.metadata.continue;
      } while (cont);
    } catch (err) {
      if (!isGone(err)) throw err;
      const full = await this.o.source.list(base);
      items.length = 0;
      items.push(...full.items);
      version = full.metadata.resourceVersion;
    }
    this.replace(items);
    this.lastVersion = version ?? '';
    if (!this.synced) {
      this.synced = true;
      for (const wake of [...this.syncWaiters]) wake();
    }
  }

  /** Bring the cache to `items`, telling handlers what differs (client-go's DeltaFIFO.Replace). */
  private replace(items: T[]): void {
    const initial = !this.synced;
    const seen = new Set<string>();
    for (const obj of items) {
      const key = keyOf(obj);
      seen.add(key);
      const old = this.indexer.set(obj);
      if (!old) this.notify('add', (h) => h.add?.(obj, initial));
      else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.notify('update', (h) => h.update?.(old, obj));
    }
    for (const key of this.indexer.keys()) {
      if (seen.has(key)) continue;
      const old = this.indexer.delete(key)!;
      const tombstone = new DeletedFinalStateUnknown(key, old);
      this.notify('delete', (h) => h.delete?.(tombstone));
    }
  }

  /** One watch from lastVersion: 'ended' (normally), 'expired' (relist) or 'failed' (back off). */
  private async watchOnce(signal: AbortSignal): Promise<'ended' | 'expired' | 'failed'> {
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) stop.abort();
    const started = this.clock.now();
    let events = 0;
    try {
      const timeoutSeconds = this.o.watchTimeoutSeconds?.() ?? Math.floor(300 * (1 + Math.random()));
      const stream = await this.o.source.watch(
        {
          namespace: this.o.namespace,
          labelSelector: this.o.labelSelector,
          fieldSelector: this.o.fieldSelector,
          resourceVersion: this.lastVersion,
          allowWatchBookmarks: true,
          timeoutSeconds,
        },
        stop.signal,
      );
      for await (const ev of stream) {
        events++;
        if (ev.type === 'ERROR') {
          const status = isStatus(ev.object) ? ev.object : undefined;
          if (status?.code === 410) return 'expired';
          this.log.warn({ status }, 'watch ended with an error');
          return 'failed';
        }
        this.apply(ev);
      }
      // client-go treats a watch that closes at once with nothing in it as a failure (no hot loop)
      return events === 0 && this.clock.now() - started < 1000 && !signal.aborted ? 'failed' : 'ended';
    } finally {
      stop.abort();
      signal.removeEventListener('abort', onAbort);
    }
  }

  private apply(ev: WatchEvent<T>): void {
    const obj = ev.object;
    const version = obj.metadata?.resourceVersion;
    if (ev.type === 'ADDED' || ev.type === 'MODIFIED') {
      const old = this.indexer.set(obj);
      if (old) this.notify('update', (h) => h.update?.(old, obj));
      else this.notify('add', (h) => h.add?.(obj, false));
    } else if (ev.type === 'DELETED') {
      this.indexer.delete(keyOf(obj));
      this.notify('delete', (h) => h.delete?.(obj));
    }
    if (version) this.lastVersion = version;
  }

  /** Resync: every period, update(obj, obj) for each cached object to this handler (once synced). */
  private scheduleResync(r: Registration<T>, signal: AbortSignal): void {
    if (r.resyncPeriodMs <= 0 || signal.aborted) return;
    r.timer = this.clock.setTimeout(() => {
      if (signal.aborted || !this.registrations.has(r)) return;
      if (this.synced) for (const obj of this.indexer.list()) this.call('resync', () => r.handler.update?.(obj, obj));
      this.scheduleResync(r, signal);
    }, r.resyncPeriodMs);
  }

  private notify(what: string, fn: (h: EventHandler<T>) => void): void {
    for (const r of this.registrations) this.call(what, () => fn(r.handler));
  }

  /** A handler's exception is logged and does not stop the informer (client-go's handlers cannot fail). */
  private call(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log.warn({ err, what }, 'event handler threw');
    }
  }
}
