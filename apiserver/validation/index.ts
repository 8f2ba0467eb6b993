// Semantic validation per kind, as upstream's validation packages (issue 4): field errors with
// upstream's paths, reasons and messages, answered as 422 Invalid.
import type { FieldError, KubeObject } from '../registry/types.js';
import { UPDATE_VALIDATORS } from './update-rules.js';
import { validateHorizontalPodAutoscaler, validatePodDisruptionBudget } from './autoscaling-policy.js';
import { validatePriorityClass, validateStorageClass } from './cluster-policy.js';
import { validateConfigMap, validateSecret } from './config-data.js';
import { validateIngress, validateIngressClass, validateNetworkPolicy } from './networking.js';
import { validateObjectMeta } from './object-meta.js';
import { validatePersistentVolume, validatePersistentVolumeClaim } from './persistent-volumes.js';
import { validatePod, validatePodTemplateObject } from './pod-spec.js';
import { validateClusterRole, validateClusterRoleBinding, validateRole, validateRoleBinding } from './rbac.js';
import { validateLimitRange, validateResourceQuota } from './resource-policy.js';
import { validateService } from './service.js';
import {
  validateCronJob,
  validateDaemonSet,
  validateDeployment,
  validateJob,
  validateReplicaSet,
  validateReplicationController,
  validateStatefulSet,
} from './workloads.js';

export type Validator = (obj: KubeObject, old?: KubeObject) => FieldError[];

/** Validators by `group/Kind` (core group: `/Kind`). */
const VALIDATORS: Record<string, Validator> = {
  '/Pod': validatePod,
  '/PodTemplate': validatePodTemplateObject,
  '/ReplicationController': validateReplicationController,
  '/Service': validateService,
  '/ConfigMap': validateConfigMap,
  '/Secret': validateSecret,
  'apps/Deployment': validateDeployment,
  'apps/ReplicaSet': validateReplicaSet,
  'apps/StatefulSet': validateStatefulSet,
  'apps/DaemonSet': validateDaemonSet,
  'batch/Job': validateJob,
  'batch/CronJob': validateCronJob,
  '/PersistentVolumeClaim': validatePersistentVolumeClaim,
  '/PersistentVolume': validatePersistentVolume,
  '/LimitRange': validateLimitRange,
  '/ResourceQuota': validateResourceQuota,
  'networking.k8s.io/Ingress': validateIngress,
  'networking.k8s.io/IngressClass': validateIngressClass,
  'networking.k8s.io/NetworkPolicy': validateNetworkPolicy,
  'rbac.authorization.k8s.io/Role': validateRole,
  'rbac.authorization.k8s.io/ClusterRole': validateClusterRole,
  'rbac.authorization.k8s.io/RoleBinding': validateRoleBinding,
  'rbac.authorization.k8s.io/ClusterRoleBinding': validateClusterRoleBinding,
  'autoscaling/HorizontalPodAutoscaler': validateHorizontalPodAutoscaler,
  'policy/PodDisruptionBudget': validatePodDisruptionBudget,
  'scheduling.k8s.io/PriorityClass': validatePriorityClass,
  'storage.k8s.io/StorageClass': validateStorageClass,
};

/**
 * Field errors of an object about to be written (old set on update); empty when valid. Labels and
 * annotations are checked for every kind (ValidateObjectMeta), then the kind's own rules.
 */
export function validateObject(group: string, kind: string, obj: KubeObject, old?: KubeObject): FieldError[] {
  const key = `${group}/${kind}`;
  return [...validateObjectMeta(obj), ...(VALIDATORS[key]?.(obj, old) ?? []), ...(old ? (UPDATE_VALIDATORS[key]?.(obj, old) ?? []) : [])];
}
