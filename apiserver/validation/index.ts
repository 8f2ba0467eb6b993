// Semantic validation per kind, as upstream's validation packages (issue 4): field errors with
// upstream's paths, reasons and messages, answered as 422 Invalid.
import type { FieldError, KubeObject } from '../registry/types.js';
import { validateConfigMap, validateSecret } from './config-data.js';
import { validateObjectMeta } from './object-meta.js';
import { validatePod, validatePodTemplateObject } from './pod-spec.js';
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
};

/**
 * Field errors of an object about to be written (old set on update); empty when valid. Labels and
 * annotations are checked for every kind (ValidateObjectMeta), then the kind's own rules.
 */
export function validateObject(group: string, kind: string, obj: KubeObject, old?: KubeObject): FieldError[] {
  return [...validateObjectMeta(obj), ...(VALIDATORS[`${group}/${kind}`]?.(obj, old) ?? [])];
}
