// apps/v1 workload defaults (SetDefaults_Deployment, _ReplicaSet, _StatefulSet, _DaemonSet), each with its
// pod template's defaults.
import { defaultPersistentVolumeClaim } from './persistent-volumes.js';
import { defaultPodTemplateSpec } from './pod-spec.js';
import { child, defaultString, defaultValue, field, items, specOf } from './fields.js';

export function defaultDeployment(obj: object): void {
  const spec = specOf(obj);
  defaultValue(spec, 'replicas', 1);
  const strategy = child(spec, 'strategy');
  defaultString(strategy, 'type', 'RollingUpdate');
  if (strategy['type'] === 'RollingUpdate') {
    const rollingUpdate = child(strategy, 'rollingUpdate');
    defaultValue(rollingUpdate, 'maxUnavailable', '25%');
    defaultValue(rollingUpdate, 'maxSurge', '25%');
  }
  defaultValue(spec, 'revisionHistoryLimit', 10);
  defaultValue(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplateSpec(child(spec, 'template'));
}

export function defaultReplicaSet(obj: object): void {
  const spec = specOf(obj);
  defaultValue(spec, 'replicas', 1);
  defaultPodTemplateSpec(child(spec, 'template'));
}

export function defaultDaemonSet(obj: object): void {
  const spec = specOf(obj);
  const strategy = child(spec, 'updateStrategy');
  defaultString(strategy, 'type', 'RollingUpdate');
  if (strategy['type'] === 'RollingUpdate') {
    const rollingUpdate = child(strategy, 'rollingUpdate');
    defaultValue(rollingUpdate, 'maxUnavailable', 1);
    defaultValue(rollingUpdate, 'maxSurge', 0);
  }
  defaultValue(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplateSpec(child(spec, 'template'));
}

/**
 * As upstream, `rollingUpdate: {partition: 0}` is only created when the strategy type itself was
 * defaulted; a client's explicit RollingUpdate without rollingUpdate is left as sent.
 */
export function defaultStatefulSet(obj: object): void {
  const spec = specOf(obj);
  defaultString(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = child(spec, 'updateStrategy');
  if (!strategy['type']) {
    strategy['type'] = 'RollingUpdate';
    child(strategy, 'rollingUpdate');
  }
  const rollingUpdate = field(strategy, 'rollingUpdate');
  if (strategy['type'] === 'RollingUpdate' && rollingUpdate) defaultValue(rollingUpdate, 'partition', 0);
  const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
  defaultString(retention, 'whenDeleted', 'Retain');
  defaultString(retention, 'whenScaled', 'Retain');
  defaultValue(spec, 'replicas', 1);
  defaultValue(spec, 'revisionHistoryLimit', 10);
  for (const claim of items(spec, 'volumeClaimTemplates')) defaultPersistentVolumeClaim(claim);
  defaultPodTemplateSpec(child(spec, 'template'));
}
