// The RBAC objects the authorizer decides from, kept in memory from the store (list, then watch), as
// upstream's RBAC authorizer reads them from informers. `snapshot()` is synchronous and always current
// up to the last event; the first list completes before the server serves.
import type { ClusterRole, ClusterRoleBinding, RbacSnapshot, Role, RoleBinding } from '../types.js';
import { clusterrolebindings } from '../../registry/rbac/clusterrolebindings.js';
import { clusterroles } from '../../registry/rbac/clusterroles.js';
import { rolebindings } from '../../registry/rbac/rolebindings.js';
import { roles } from '../../registry/rbac/roles.js';
import type { KubeObject, ResourceEntry } from '../../registry/types.js';
import type { ObjectStore } from '../../storage/object-store.js';

const keyOf = (o: KubeObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

class Mirror<T> {
  readonly items = new Map<string, T>();
  version = 0;
  private cancel?: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly entry: ResourceEntry,
    private readonly changed: () => void,
  ) {}

  async start(): Promise<void> {
    const listed = await this.store.list(this.entry, undefined, {}, { bypassCache: true });
    this.items.clear();
    for (const o of listed.items) this.items.set(keyOf(o), o as unknown as T);
    this.version++;
    this.cancel = this.store.watch(this.entry, undefined, { resourceVersion: Number(listed.resourceVersion) }, {
      event: (type, o) => {
        if (type === 'DELETED') this.items.delete(keyOf(o));
        else this.items.set(keyOf(o), o as unknown as T);
        this.version++;
        this.changed();
      },
      error: () => {
        this.cancel?.();
        void this.start();
      },
    });
  }

  stop(): void {
    this.cancel?.();
  }
}

export class RbacCache {
  private readonly roles: Mirror<Role>;
  private readonly clusterRoles: Mirror<ClusterRole>;
  private readonly roleBindings: Mirror<RoleBinding>;
  private readonly clusterRoleBindings: Mirror<ClusterRoleBinding>;
  private cached?: { key: string; snapshot: RbacSnapshot };
  private readonly listeners = new Set<() => void>();

  constructor(store: ObjectStore) {
    const changed = () => {
      for (const l of this.listeners) l();
    };
    this.roles = new Mirror(store, roles, changed);
    this.clusterRoles = new Mirror(store, clusterroles, changed);
    this.roleBindings = new Mirror(store, rolebindings, changed);
    this.clusterRoleBindings = new Mirror(store, clusterrolebindings, changed);
  }

  start(): Promise<void> {
    return Promise.all([this.roles.start(), this.clusterRoles.start(), this.roleBindings.start(), this.clusterRoleBindings.start()]).then(() => undefined);
  }

  stop(): void {
    for (const m of [this.roles, this.clusterRoles, this.roleBindings, this.clusterRoleBindings]) m.stop();
  }

  /** Called after every change of an RBAC object (the aggregation controller listens). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  allClusterRoles(): ClusterRole[] {
    return [...this.clusterRoles.items.values()];
  }

  /** The current objects, indexed; rebuilt only after a change. */
  snapshot(): RbacSnapshot {
    const key = [this.roles, this.clusterRoles, this.roleBindings, this.clusterRoleBindings].map((m) => m.version).join('.');
    if (this.cached?.key === key) return this.cached.snapshot;
    const byNamespace = new Map<string, RoleBinding[]>();
    for (const b of this.roleBindings.items.values()) {
      const ns = b.metadata.namespace ?? '';
      const list = byNamespace.get(ns);
      if (list) list.push(b);
      else byNamespace.set(ns, [b]);
    }
    const clusterBindings = [...this.clusterRoleBindings.items.values()];
    const snapshot: RbacSnapshot = {
      role: (namespace, name) => this.roles.items.get(`${namespace}/${name}`),
      clusterRole: (name) => this.clusterRoles.items.get(`/${name}`),
      roleBindings: (namespace) => byNamespace.get(namespace) ?? [],
      clusterRoleBindings: () => clusterBindings,
    };
    this.cached = { key, snapshot };
    return snapshot;
  }
}
