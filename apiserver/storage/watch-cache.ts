// The watch cache of one resource, as upstream's cacher: one store watch keeps every object of the
// resource in memory plus a window of recent events, and serves watches (and lists at
// resourceVersion=0) from there, so a thousand watchers cost one store watch.
//
// It starts on first use (a list, then a watch from the list's revision) and stays. Until it is ready,
// or when a watch asks for history older than its window, callers go to the store (ObjectStore does).
import type { StatusError } from '../errors.js';
import type { KubeObject, ResourceEntry } from '../registry/types.js';
import type { ObjectStore, ObjectWatchListener, WatchEventType } from './object-store.js';

interface CachedEvent {
  type: WatchEventType;
  object: KubeObject;
  /** The object's state before this event (undefined for ADDED). */
  previous?: KubeObject;
  revision: number;
}

interface CacheWatcher {
  /** Only events after this revision (a store that lags behind a fresh list must not repeat them). */
  from: number;
  namespace?: string;
  predicate?: (obj: KubeObject) => boolean;
  listener: ObjectWatchListener;
  /** Indexed by spec.nodeName (pods): only events of pods on this node, before or after, can match. */
  nodeName?: string;
}

/** A pod's spec.nodeName as field selectors see it ('' while unscheduled). */
const nodeNameOf = (o: KubeObject) => (o.spec as { nodeName?: string } | undefined)?.nodeName ?? '';

/**
 * Cached objects are handed out as they are (lists at resourceVersion=0, in-process watches), so nobody
 * may modify them. With K8TS_CACHE_MUTATION_DETECTOR=1 (the tests set it) they are deep-frozen, and a
 * component that writes into one fails loudly, as client-go's KUBE_CACHE_MUTATION_DETECTOR makes it.
 */
const freezeShared = process.env.K8TS_CACHE_MUTATION_DETECTOR === '1';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const keyFor = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;
const keyOf = (o: KubeObject) => keyFor(o.metadata?.namespace, o.metadata?.name);

export class WatchCache {
  private readonly objects = new Map<string, KubeObject>();
  private readonly window: CachedEvent[] = [];
  /** Watchers that want every event; those pinned to a node are in `byNode`. */
  private readonly watchers = new Set<CacheWatcher>();
  private readonly byNode = new Map<string, Set<CacheWatcher>>();
  private revision = 0;
  /** Events at or below this revision may be missing from the window. */
  private floor = 0;
  private state: 'idle' | 'starting' | 'ready' | 'stopped' = 'idle';
  private cancelStore?: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly entry: ResourceEntry,
    private readonly capacity = 1000,
  ) {}

  get ready(): boolean {
    return this.state === 'ready';
  }

  /** Begin filling the cache (once); resolves when it serves. Failures leave it idle for a later try. */
  async start(): Promise<void> {
    if (this.state !== 'idle') return;
    this.state = 'starting';
    try {
      const listed = await this.store.list(this.entry, undefined, {}, { bypassCache: true });
      for (const o of listed.items) this.objects.set(keyOf(o), freezeShared ? deepFreeze(o) : o);
      this.revision = this.floor = Number(listed.resourceVersion);
      this.cancelStore = this.store.watch(
        this.entry,
        undefined,
        { resourceVersion: this.revision },
        { event: (type, obj) => this.apply(type, obj), error: (err) => this.fail(err) },
        { bypassCache: true },
      );
      this.state = 'ready';
    } catch {
      this.state = 'idle';
    }
  }

  /** One current object, shared (never modify it). */
  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(keyFor(namespace, name));
  }

  /** The current objects (of one namespace, or all) and the revision they are at. */
  list(namespace: string | undefined, predicate?: (o: KubeObject) => boolean): { items: KubeObject[]; revision: number } {
    const items: KubeObject[] = [];
    for (const o of this.objects.values()) {
      if (namespace && o.metadata?.namespace !== namespace) continue;
      if (!predicate || predicate(o)) items.push(o);
    }
    items.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    return { items, revision: this.revision };
  }

  /**
   * Watch changes after `fromRevision`; undefined when the cache cannot serve it (not ready, or history
   * older than its window), and the caller should watch the store instead.
   */
  watch(
    namespace: string | undefined,
    fromRevision: number,
    predicate: ((o: KubeObject) => boolean) | undefined,
    listener: ObjectWatchListener,
    nodeName?: string,
  ): (() => void) | undefined {
    if (this.state !== 'ready' || fromRevision < this.floor) return undefined;
    const w: CacheWatcher = { from: fromRevision, namespace, predicate, listener, nodeName };
    for (const ev of this.window) deliver(w, ev);
    if (nodeName === undefined) {
      this.watchers.add(w);
      return () => this.watchers.delete(w);
    }
    let set = this.byNode.get(nodeName);
    if (!set) this.byNode.set(nodeName, (set = new Set()));
    set.add(w);
    return () => {
      set.delete(w);
      if (set.size === 0 && this.byNode.get(nodeName) === set) this.byNode.delete(nodeName);
    };
  }

  stop(): void {
    this.state = 'stopped';
    this.cancelStore?.();
    this.watchers.clear();
    this.byNode.clear();
  }

  private apply(type: WatchEventType, obj: KubeObject): void {
    if (freezeShared) deepFreeze(obj);
    const key = keyOf(obj);
    const previous = this.objects.get(key);
    if (type === 'DELETED') this.objects.delete(key);
    else this.objects.set(key, obj);
    const revision = Number(obj.metadata?.resourceVersion ?? this.revision);
    const ev: CachedEvent = { type, object: obj, previous, revision };
    this.revision = Math.max(this.revision, revision);
    this.window.push(ev);
    if (this.window.length > this.capacity) this.floor = this.window.shift()!.revision;
    for (const w of this.watchers) deliver(w, ev);
    if (this.byNode.size === 0) return;
    const now = nodeNameOf(obj);
    const before = previous ? nodeNameOf(previous) : now;
    for (const node of now === before ? [now] : [now, before]) {
      const set = this.byNode.get(node);
      if (set) for (const w of set) deliver(w, ev);
    }
  }

  /** The store watch broke (compaction outran it): watchers must relist, and the cache starts over. */
  private fail(err: StatusError): void {
    for (const w of [...this.watchers, ...[...this.byNode.values()].flatMap((s) => [...s])]) w.listener.error(err);
    this.watchers.clear();
    this.byNode.clear();
    this.objects.clear();
    this.window.length = 0;
    this.state = 'idle';
  }
}

/** Send one cached event to a watcher, translated by its namespace and predicate as upstream does. */
function deliver(w: CacheWatcher, ev: CachedEvent): void {
  if (ev.revision <= w.from) return;
  if (w.namespace && ev.object.metadata?.namespace !== w.namespace) return;
  const p = w.predicate;
  if (!p) return w.listener.event(ev.type, ev.object);
  const now = ev.type !== 'DELETED' && p(ev.object);
  const before = ev.type === 'ADDED' ? false : ev.type === 'DELETED' ? p(ev.object) : !!ev.previous && p(ev.previous);
  if (ev.type === 'DELETED') {
    if (before) w.listener.event('DELETED', ev.object);
  } else if (now) {
    w.listener.event(before ? 'MODIFIED' : 'ADDED', ev.object);
  } else if (before) {
    w.listener.event('DELETED', ev.object);
  }
}
