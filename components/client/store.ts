// The informer's local cache: objects by key with secondary indexes, and listers over it, as client-go's
// cache.Indexer and generated listers. Keys are `namespace/name` (or `name` for cluster-scoped
// objects), as cache.MetaNamespaceKeyFunc. Synchronous and in memory; readers must not mutate the
// objects they get (they are the informer's, shared by every consumer).
import type { KubeObject } from './client.js';

/** The values an object is indexed under (client-go's IndexFunc). */
export type IndexFunc<T> = (obj: T) => string[];

/** The built-in index names. */
export const NAMESPACE_INDEX = 'namespace';
export const NODE_NAME_INDEX = 'nodeName';
export const OWNER_UID_INDEX = 'ownerUid';

export const byNamespace: IndexFunc<KubeObject> = (o) => (o.metadata?.namespace ? [o.metadata.namespace] : []);
/** Pods by spec.nodeName (unscheduled pods are in no bucket). */
export const byNodeName: IndexFunc<KubeObject> = (o) => {
  const node = (o as { spec?: { nodeName?: string } }).spec?.nodeName;
  return node ? [node] : [];
};
export const byOwnerUid: IndexFunc<KubeObject> = (o) => (o.metadata?.ownerReferences ?? []).map((r) => r.uid);

export const defaultIndexers: Record<string, IndexFunc<KubeObject>> = {
  [NAMESPACE_INDEX]: byNamespace,
  [NODE_NAME_INDEX]: byNodeName,
  [OWNER_UID_INDEX]: byOwnerUid,
};

/** `namespace/name`, or `name` for cluster-scoped objects (cache.MetaNamespaceKeyFunc). */
export function keyOf(obj: KubeObject): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name ?? ''}` : (m.name ?? '');
}

/** Splits a key made by keyOf (cache.SplitMetaNamespaceKey). */
export function splitKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export class Indexer<T extends KubeObject> {
  private readonly items = new Map<string, T>();
  /** index name → indexed value → keys */
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  constructor(private readonly indexers: Record<string, IndexFunc<T>> = {}) {
    for (const name of Object.keys(indexers)) this.indices.set(name, new Map());
  }

  /** Add indexers (before or after items arrive: existing items are indexed at once). */
  addIndexers(more: Record<string, IndexFunc<T>>): void {
    for (const [name, fn] of Object.entries(more)) {
      if (this.indexers[name]) throw new Error(`indexer ${JSON.stringify(name)} already exists`);
      this.indexers[name] = fn;
      this.indices.set(name, new Map());
      for (const [key, obj] of this.items) this.index(name, key, obj);
    }
  }

  /** Put `obj` under its key; returns what it replaced. */
  set(obj: T): T | undefined {
    const key = keyOf(obj);
    const old = this.items.get(key);
    if (old) this.unindex(key, old);
    this.items.set(key, obj);
    for (const name of this.indices.keys()) this.index(name, key, obj);
    return old;
  }

  /** Remove the object at `key`; returns it. */
  delete(key: string): T | undefined {
    const old = this.items.get(key);
    if (!old) return undefined;
    this.unindex(key, old);
    this.items.delete(key);
    return old;
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  list(): T[] {
    return [...this.items.values()];
  }

  get size(): number {
    return this.items.size;
  }

  hasIndex(name: string): boolean {
    return this.indices.has(name);
  }

  /** Objects whose index `name` holds `value`; throws for an unknown index (a programming error). */
  byIndex(name: string, value: string): T[] {
    const index = this.indices.get(name);
    if (!index) throw new Error(`index ${JSON.stringify(name)} does not exist`);
    return [...(index.get(value) ?? [])].map((k) => this.items.get(k)!);
  }

  private index(name: string, key: string, obj: T): void {
    const index = this.indices.get(name)!;
    for (const value of this.indexers[name]!(obj)) {
      let keys = index.get(value);
      if (!keys) index.set(value, (keys = new Set()));
      keys.add(key);
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, index] of this.indices) {
      for (const value of this.indexers[name]!(obj)) {
        const keys = index.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index.delete(value);
      }
    }
  }
}

/** Read access to an informer's cache, as client-go's generated listers. */
export class Lister<T extends KubeObject> {
  constructor(private readonly indexer: Indexer<T>) {}

  /** Every object, or those of one namespace (through the namespace index). */
  list(namespace?: string): T[] {
    if (namespace === undefined) return this.indexer.list();
    if (this.indexer.hasIndex(NAMESPACE_INDEX)) return this.indexer.byIndex(NAMESPACE_INDEX, namespace);
    return this.indexer.list().filter((o) => o.metadata?.namespace === namespace);
  }

  /** One object; `namespace` is ignored ('' or undefined) for cluster-scoped resources. */
  get(namespace: string | undefined, name: string): T | undefined {
    return this.indexer.get(namespace ? `${namespace}/${name}` : name);
  }

  byIndex(name: string, value: string): T[] {
    return this.indexer.byIndex(name, value);
  }
}
