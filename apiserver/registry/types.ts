// One resource = one registry entry (DESIGN.md). Routes, discovery, OpenAPI, RBAC resource names and
// `kubectl api-resources` all derive from these entries; a new resource is one file in registry/<group>/
// and one line in registry/index.ts. Resource-specific behaviour lives in the entry's strategy.

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export const ALL_VERBS: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** A Kubernetes object as stored and served: plain JSON. */
export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
};

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<Record<string, unknown>>;
  finalizers?: string[];
  managedFields?: Array<Record<string, unknown>>;
  [field: string]: unknown;
}

export interface SubresourceEntry {
  /** e.g. `status`, `scale`, `log`, `exec`, `binding`, `eviction`. */
  name: string;
  /** The kind served at the subresource (Pod for pods/status, Scale for deployments/scale). */
  kind: string;
  /** When the subresource's kind lives in another group-version (Scale: autoscaling/v1). */
  group?: string;
  version?: string;
  verbs: Verb[] | Array<string>;
}

/** Resource-specific hooks of the generic handlers (apiserver registry "strategy"). All optional. */
export interface Strategy {
  /** Fill defaults and reset what clients may not set, before validation on create. */
  prepareForCreate?(obj: KubeObject): void;
  prepareForUpdate?(obj: KubeObject, old: KubeObject): void;
  /** Field errors of a new object; empty when valid. */
  validate?(obj: KubeObject): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
}

/** What storage-aware hooks may use: the object store (only the apiserver holds it). */
export interface HookEnv {
  store: import('../storage/object-store.js').ObjectStore;
}

/**
 * Resource-specific steps that need the store, around the generic write (upstream does these in a
 * resource's own REST storage: service IP and port allocation, for instance). Called only on real
 * writes, never on dry runs; a throw (a StatusError) refuses the write.
 */
export interface StorageHooks {
  beforeCreate?(obj: KubeObject, env: HookEnv): Promise<void>;
  /** Undo what beforeCreate did, when the create failed after it. */
  createFailed?(obj: KubeObject, env: HookEnv): Promise<void>;
  beforeUpdate?(obj: KubeObject, old: KubeObject, env: HookEnv): Promise<void>;
  afterDelete?(obj: KubeObject, env: HookEnv): Promise<void>;
}

export interface FieldError {
  /** upstream's reason: FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, FieldValueDuplicate, ... */
  reason: string;
  /** Path like `spec.containers[0].image`. */
  field: string;
  message: string;
}

/** A column of `kubectl get` (metav1.TableColumnDefinition) with the function that fills it. */
export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description?: string;
  /** 0 = always shown, 1 = only with `-o wide`. */
  priority?: number;
  cell(obj: KubeObject, now: Date): string | number | boolean | null;
}

export interface ResourceEntry {
  /** '' for the core group. */
  group: string;
  /** Served versions, preferred first. */
  versions: string[];
  kind: string;
  /** The resource name in URLs: `pods`. */
  plural: string;
  singular: string;
  shortNames?: string[];
  categories?: string[];
  namespaced: boolean;
  /** Defaults to ALL_VERBS. */
  verbs?: Verb[];
  subresources?: SubresourceEntry[];
  /** Key prefix in the store; defaults to `/registry/<plural>` (core and most groups, as upstream). */
  storagePrefix?: string;
  /** The @kubernetes/client-node model of the kind, e.g. `V1Pod` (schemas, OpenAPI, strict decoding). */
  model: string;
  /** How metadata.name is validated (upstream's per-kind choice); default: a DNS-1123 subdomain. */
  nameRule?: import('../validation/names.js').NameRule;
  /** Has a status subresource: main-resource writes keep the stored status; /status writes only change it. */
  hasStatus?: boolean;
  /** A create may set status too (upstream's node strategy: kubelets register with their status). */
  statusOnCreate?: boolean;
  strategy?: Strategy;
  hooks?: StorageHooks;
  /** Extra `kubectl get` columns between NAME and AGE (NAME and AGE are added by the table code). */
  columns?: TableColumn[];
  /** Served from a CustomResourceDefinition: per-version schemas and columns (crd/custom-resource.ts). */
  custom?: import('../crd/custom-resource.js').CustomResourceInfo;
  /**
   * A resource that is not stored (access reviews, token reviews): these handlers answer its verbs, after
   * the body is decoded and checked like any other.
   */
  serve?: { create?: (ctx: import('../handlers/context.js').ApiContext, obj: KubeObject) => Promise<KubeObject> };
  /** The resource's own shapes for server-side apply (a CRD's list and map types); default: its model's. */
  fieldShape?: import('../apply/schema.js').ResourceShapeSource;
  /** Finalizers a DELETE adds before the object goes (upstream's CRD cleanup finalizer). */
  deletionFinalizers?: string[];
  /** Field selectors beyond metadata.name and metadata.namespace: field path → value of an object. */
  fieldSelectors?: Record<string, (obj: KubeObject) => string | undefined>;
}

/** `deployments.apps`, or `pods` for the core group: how upstream names a resource in messages. */
export function qualifiedResource(e: Pick<ResourceEntry, 'plural' | 'group'>): string {
  return e.group ? `${e.plural}.${e.group}` : e.plural;
}

export function storagePrefix(e: ResourceEntry): string {
  return e.storagePrefix ?? `/registry/${e.plural}`;
}
