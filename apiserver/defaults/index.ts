// Defaulting as upstream's SetDefaults_* functions do it, per kind (issue 4). Applied to every object a
// client writes (create, update, patch results) before validation, so defaults show in `kubectl get -o yaml`.
// Each defaulter fills only unset fields, so applying it again changes nothing.
import type { KubeObject } from '../registry/types.js';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './apps.js';
import { defaultHorizontalPodAutoscaler } from './autoscaling.js';
import { defaultCronJob, defaultJob } from './batch.js';
import { defaultPriorityClass, defaultRoleBinding, defaultStorageClass } from './cluster-policy.js';
import { defaultEndpointSlice, defaultEndpoints, defaultLimitRange, defaultReplicationController, defaultSecret } from './core.js';
import { defaultNetworkPolicy } from './networking.js';
import { defaultPersistentVolume, defaultPersistentVolumeClaim } from './persistent-volumes.js';
import { defaultPod, defaultPodTemplate } from './pod-spec.js';
import { defaultService } from './service.js';

/** `create`: the object is new (admission plugins that default only new objects run then). */
export interface DefaultingOptions {
  create: boolean;
}

export type Defaulter = (obj: KubeObject, options: DefaultingOptions) => void;

/** Defaulters by `group/Kind` (core group: `/Kind`). Kinds without upstream defaults have no entry. */
const DEFAULTERS: Record<string, Defaulter> = {
  '/Pod': defaultPod,
  '/PodTemplate': defaultPodTemplate,
  '/ReplicationController': defaultReplicationController,
  '/Service': defaultService,
  '/Secret': defaultSecret,
  '/Endpoints': defaultEndpoints,
  '/LimitRange': defaultLimitRange,
  '/PersistentVolume': defaultPersistentVolume,
  '/PersistentVolumeClaim': defaultPersistentVolumeClaim,
  'apps/Deployment': defaultDeployment,
  'apps/ReplicaSet': defaultReplicaSet,
  'apps/StatefulSet': defaultStatefulSet,
  'apps/DaemonSet': defaultDaemonSet,
  'batch/Job': defaultJob,
  'batch/CronJob': defaultCronJob,
  'autoscaling/HorizontalPodAutoscaler': defaultHorizontalPodAutoscaler,
  'discovery.k8s.io/EndpointSlice': defaultEndpointSlice,
  'networking.k8s.io/NetworkPolicy': defaultNetworkPolicy,
  'scheduling.k8s.io/PriorityClass': defaultPriorityClass,
  'storage.k8s.io/StorageClass': defaultStorageClass,
  'rbac.authorization.k8s.io/RoleBinding': defaultRoleBinding,
  'rbac.authorization.k8s.io/ClusterRoleBinding': defaultRoleBinding,
};

export function applyDefaults(group: string, kind: string, obj: KubeObject, options: DefaultingOptions = { create: true }): void {
  DEFAULTERS[`${group}/${kind}`]?.(obj, options);
}
