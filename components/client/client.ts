// The typed client: one generic ResourceClient per resource (group, version, plural, scope), the way
// client-go's dynamic client addresses resources, typed by the caller with plain JSON interfaces or
// @kubernetes/client-node's model types. Every call goes through a Transport (HTTPS or in-process);
// failures are ApiError (transport.ts).
import type { Transport, TransportRequest, WatchEvent } from './transport.js';

/** The object metadata the client and the informers rely on (structurally met by client-node's V1ObjectMeta). */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: { [key: string]: string };
  annotations?: { [key: string]: string };
  ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }>;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export interface ObjectList<T> {
  apiVersion?: string;
  kind?: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

/** Which resource a client addresses; `kind` is optional and only fills `kind`/`apiVersion` on creates. */
export interface ResourceType {
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  kind?: string;
}

interface Scoped {
  /** Required for namespaced resources except for list and watch (all namespaces when absent). */
  namespace?: string;
  signal?: AbortSignal;
}

export interface ListOptions extends Scoped {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
}

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
}

export interface WriteOptions extends Scoped {
  /** Defaults to the client's fieldManager. */
  fieldManager?: string;
  dryRun?: boolean;
  fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
}

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

export interface PatchOptions extends WriteOptions {
  type: PatchType;
  /** Server-side apply only: take ownership of conflicting fields. */
  force?: boolean;
  /** Patch a subresource (`status`, `scale`). */
  subresource?: string;
}

export interface DeleteOptions extends Scoped {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface ClientOptions {
  /** The field manager of every write that names none (client-go's default is the binary's name). */
  fieldManager?: string;
}

export class Client {
  readonly fieldManager: string;
  constructor(
    readonly transport: Transport,
    options: ClientOptions = {},
  ) {
    this.fieldManager = options.fieldManager ?? 'k8ts';
  }

  resource<T extends KubeObject = KubeObject>(type: ResourceType): ResourceClient<T> {
    return new ResourceClient<T>(this.transport, type, this.fieldManager);
  }
}

export class ResourceClient<T extends KubeObject = KubeObject> {
  constructor(
    private readonly transport: Transport,
    readonly type: ResourceType,
    private readonly fieldManager: string,
  ) {}

  async get(name: string, o: Scoped & { resourceVersion?: string } = {}): Promise<T> {
    return this.call<T>({ method: 'GET', path: this.path(o.namespace, name), query: params({ resourceVersion: o.resourceVersion }) }, o.signal);
  }

  async list(o: ListOptions = {}): Promise<ObjectList<T>> {
    const query = params({
      labelSelector: o.labelSelector,
      fieldSelector: o.fieldSelector,
      limit: o.limit,
      continue: o.continue,
      resourceVersion: o.resourceVersion,
      resourceVersionMatch: o.resourceVersionMatch,
    });
    return this.call<ObjectList<T>>({ method: 'GET', path: this.path(o.namespace, undefined, true), query }, o.signal);
  }

  async create(obj: T, o: WriteOptions = {}): Promise<T> {
    const body = this.withKind(obj);
    return this.call<T>({ method: 'POST', path: this.path(o.namespace ?? obj.metadata?.namespace), query: this.writeParams(o), body }, o.signal);
  }

  /** PUT of the whole object; carries metadata.resourceVersion, so a stale object fails with 409 Conflict. */
  async update(obj: T, o: WriteOptions = {}): Promise<T> {
    const path = this.path(o.namespace ?? obj.metadata?.namespace, nameOf(obj));
    return this.call<T>({ method: 'PUT', path, query: this.writeParams(o), body: this.withKind(obj) }, o.signal);
  }

  /** PUT of the status subresource: only the status of `obj` is taken. */
  async updateStatus(obj: T, o: WriteOptions = {}): Promise<T> {
    const path = `${this.path(o.namespace ?? obj.metadata?.namespace, nameOf(obj))}/status`;
    return this.call<T>({ method: 'PUT', path, query: this.writeParams(o), body: this.withKind(obj) }, o.signal);
  }

  /** A merge, strategic merge, JSON or apply patch; apply sends the client's fieldManager unless told one, and force when asked. */
  async patch(name: string, patch: unknown, o: PatchOptions): Promise<T> {
    const base = this.path(o.namespace, name);
    const query = this.writeParams(o);
    if (o.type === 'apply' && o.force) query.set('force', 'true');
    const request: TransportRequest = {
      method: 'PATCH',
      path: o.subresource ? `${base}/${o.subresource}` : base,
      query,
      body: patch,
      contentType: PATCH_CONTENT_TYPES[o.type],
    };
    return this.call<T>(request, o.signal);
  }

  /** Server-side apply of a (partial) object: a patch of type apply at the object's own name. */
  async apply(obj: T, o: Omit<PatchOptions, 'type'> = {}): Promise<T> {
    return this.patch(nameOf(obj), this.withKind(obj), { ...o, namespace: o.namespace ?? obj.metadata?.namespace, type: 'apply' });
  }

  /** Resolves with what the server answers: the object being deleted (finalizers) or gone, or a Status. */
  async delete(name: string, o: DeleteOptions = {}): Promise<unknown> {
    const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
    if (o.propagationPolicy) body.propagationPolicy = o.propagationPolicy;
    if (o.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = o.gracePeriodSeconds;
    if (o.preconditions) body.preconditions = o.preconditions;
    if (o.dryRun) body.dryRun = ['All'];
    return this.call({ method: 'DELETE', path: this.path(o.namespace, name), body }, o.signal);
  }

  /** GET of a subresource (`scale`, `status`, `log`…). */
  async getSubresource<R = unknown>(name: string, subresource: string, o: Scoped = {}): Promise<R> {
    return this.call<R>({ method: 'GET', path: `${this.path(o.namespace, name)}/${subresource}` }, o.signal);
  }

  /** POST to a subresource: `pods/binding` (a Binding), `pods/eviction` (an Eviction), `serviceaccounts/token`. */
  async createSubresource<R = unknown>(name: string, subresource: string, body: unknown, o: WriteOptions = {}): Promise<R> {
    const path = `${this.path(o.namespace, name)}/${subresource}`;
    return this.call<R>({ method: 'POST', path, query: this.writeParams(o), body }, o.signal);
  }

  /**
   * Watch the collection (or one namespace of it) from `resourceVersion`. Rejects with ApiError when
   * the server refuses (e.g. 410 for a compacted version); the events end when the server ends the
   * stream or `signal` aborts. ERROR events carry a Status; BOOKMARK events only a resourceVersion.
   */
  async watch(o: WatchOptions, signal: AbortSignal): Promise<AsyncIterable<WatchEvent<T>>> {
    const query = params({
      watch: '1',
      labelSelector: o.labelSelector,
      fieldSelector: o.fieldSelector,
      resourceVersion: o.resourceVersion,
      allowWatchBookmarks: o.allowWatchBookmarks ? 'true' : undefined,
      timeoutSeconds: o.timeoutSeconds,
    });
    const events = await this.transport.watch({ method: 'GET', path: this.path(o.namespace, undefined, true), query }, signal);
    return events as AsyncIterable<WatchEvent<T>>;
  }

  /** The API path of the collection or of one object; a namespaced object needs its namespace. */
  path(namespace: string | undefined, name?: string, collection = false): string {
    const t = this.type;
    let path = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
    if (t.namespaced && namespace) path += `/namespaces/${encodeURIComponent(namespace)}`;
    else if (t.namespaced && !collection) throw new TypeError(`${this.type.plural} are namespaced: a namespace is required`);
    path += `/${t.plural}`;
    if (name !== undefined) path += `/${encodeURIComponent(name)}`;
    return path;
  }

  private async call<R>(req: TransportRequest, signal?: AbortSignal): Promise<R> {
    const res = await this.transport.request(req, signal);
    return res.body as R;
  }

  private writeParams(o: WriteOptions): URLSearchParams {
    return params({ fieldManager: o.fieldManager ?? this.fieldManager, dryRun: o.dryRun ? 'All' : undefined, fieldValidation: o.fieldValidation });
  }

  private withKind(obj: T): T {
    const t = this.type;
    if (!t.kind || (obj.kind && obj.apiVersion)) return obj;
    return { apiVersion: t.group ? `${t.group}/${t.version}` : t.version, kind: t.kind, ...obj };
  }
}

function nameOf(obj: KubeObject): string {
  const name = obj.metadata?.name;
  if (!name) throw new TypeError('the object has no metadata.name');
  return name;
}

function params(values: Record<string, string | number | undefined>): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q;
}
