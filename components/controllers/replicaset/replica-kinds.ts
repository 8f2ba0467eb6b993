// The two resources the replica controller serves with the same code: apps/v1 ReplicaSets (a
// LabelSelector) and v1 ReplicationControllers (a plain label map), as upstream runs
// ReplicationManager on top of the ReplicaSet controller.
import type { ResourceType } from '../../client/client.js';
import { replicaSets, replicationControllers } from '../../client/resource-types.js';
import { mapMatcher, selectorMatcher, type LabelMatcher } from '../shared/label-selector.js';
import type { LabelSelector, ReplicaSet } from '../shared/workload-types.js';

export interface ReplicaKind {
  /** Upstream's controller name (events' source, the ServiceAccount it runs as). */
  controllerName: string;
  type: ResourceType;
  apiVersion: string;
  kind: string;
  matcher(rs: ReplicaSet): LabelMatcher;
}

export const replicaSetKind: ReplicaKind = {
  controllerName: 'replicaset-controller',
  type: replicaSets,
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  matcher: (rs) => selectorMatcher(rs.spec?.selector as LabelSelector | undefined),
};

export const replicationControllerKind: ReplicaKind = {
  controllerName: 'replication-controller',
  type: replicationControllers,
  apiVersion: 'v1',
  kind: 'ReplicationController',
  // The apiserver defaults an RC's selector to its template's labels.
  matcher: (rc) => mapMatcher((rc.spec?.selector as Record<string, string> | undefined) ?? rc.spec?.template?.metadata?.labels),
};
