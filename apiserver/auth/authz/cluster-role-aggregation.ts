// Aggregated ClusterRoles kept up to date (upstream's clusterrole-aggregation controller, run inside the
// apiserver here): after any ClusterRole changes, every ClusterRole with an aggregationRule gets the
// rules of the roles its selectors pick, written only when they differ. Changes are coalesced per tick.
import { isDeepStrictEqual } from 'node:util';
import { clusterroles } from '../../registry/rbac/clusterroles.js';
import type { ObjectStore } from '../../storage/object-store.js';
import { aggregatedRules } from '../rbac/aggregation.js';
import type { RbacCache } from './rbac-cache.js';

export class ClusterRoleAggregation {
  private scheduled = false;
  private running: Promise<void> = Promise.resolve();
  private unsubscribe?: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly cache: RbacCache,
    private readonly log?: { error(obj: object, msg: string): void },
  ) {}

  start(): Promise<void> {
    this.unsubscribe = this.cache.onChange(() => this.schedule());
    return this.sync();
  }

  stop(): void {
    this.unsubscribe?.();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.running = this.running.then(() => this.sync()).catch((err) => this.log?.error({ err }, 'cluster role aggregation failed'));
    });
  }

  /** One pass over the aggregating roles; a write triggers another pass through the cache. */
  async sync(): Promise<void> {
    const all = this.cache.allClusterRoles();
    for (const role of all) {
      const rules = aggregatedRules(role, all);
      if (!rules || isDeepStrictEqual(rules, role.rules ?? [])) continue;
      await this.store
        .guaranteedUpdate(clusterroles, undefined, role.metadata.name, (current) => {
          current.rules = aggregatedRules(current as never, this.cache.allClusterRoles()) ?? current.rules;
          return current;
        })
        .catch((err) => {
          if ((err as { code?: number }).code !== 404) throw err;
        });
    }
  }
}
