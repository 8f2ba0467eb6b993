// Protobuf field tables of k8s.io/api/apps/v1.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const appsV1 = defineSchema({
  package: 'k8s.io.api.apps.v1',
  groupVersion: 'apps/v1',
  kinds: ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet'],
  messages: {
    Deployment: ['1 metadata meta.ObjectMeta o', '2 spec DeploymentSpec o', '3 status DeploymentStatus o'],
    DeploymentSpec: [
      '1 replicas int32 po', '2 selector meta.LabelSelector p', '3 template core.PodTemplateSpec',
      '4 strategy DeploymentStrategy o', '5 minReadySeconds int32 o', '6 revisionHistoryLimit int32 po', '7 paused bool o',
      '9 progressDeadlineSeconds int32 po',
    ],
    DeploymentStrategy: ['1 type string o', '2 rollingUpdate RollingUpdateDeployment po'],
    RollingUpdateDeployment: ['1 maxUnavailable intstr.IntOrString po', '2 maxSurge intstr.IntOrString po'],
    DeploymentStatus: [
      '1 observedGeneration int64 o', '2 replicas int32 o', '3 updatedReplicas int32 o', '7 readyReplicas int32 o',
      '4 availableReplicas int32 o', '5 unavailableReplicas int32 o', '9 terminatingReplicas int32 po',
      '6 conditions []DeploymentCondition o', '8 collisionCount int32 po',
    ],
    DeploymentCondition: [
      '1 type string', '2 status string', '6 lastUpdateTime meta.Time o', '7 lastTransitionTime meta.Time o',
      '4 reason string o', '5 message string o',
    ],
    DaemonSet: ['1 metadata meta.ObjectMeta o', '2 spec DaemonSetSpec o', '3 status DaemonSetStatus o'],
    DaemonSetSpec: [
      '1 selector meta.LabelSelector p', '2 template core.PodTemplateSpec', '3 updateStrategy DaemonSetUpdateStrategy o',
      '4 minReadySeconds int32 o', '6 revisionHistoryLimit int32 po',
    ],
    DaemonSetUpdateStrategy: ['1 type string o', '2 rollingUpdate RollingUpdateDaemonSet po'],
    RollingUpdateDaemonSet: ['1 maxUnavailable intstr.IntOrString po', '2 maxSurge intstr.IntOrString po'],
    DaemonSetStatus: [
      '1 currentNumberScheduled int32', '2 numberMisscheduled int32', '3 desiredNumberScheduled int32', '4 numberReady int32',
      '5 observedGeneration int64 o', '6 updatedNumberScheduled int32 o', '7 numberAvailable int32 o',
      '8 numberUnavailable int32 o', '9 collisionCount int32 po', '10 conditions []DaemonSetCondition o',
    ],
    DaemonSetCondition: [
      '1 type string', '2 status string', '3 lastTransitionTime meta.Time o', '4 reason string o', '5 message string o',
    ],
    StatefulSet: ['1 metadata meta.ObjectMeta o', '2 spec StatefulSetSpec o', '3 status StatefulSetStatus o'],
    StatefulSetSpec: [
      '1 replicas int32 po', '2 selector meta.LabelSelector p', '3 template core.PodTemplateSpec',
      '4 volumeClaimTemplates []core.PersistentVolumeClaim o', '5 serviceName string', '6 podManagementPolicy string o',
      '7 updateStrategy StatefulSetUpdateStrategy o', '8 revisionHistoryLimit int32 po', '9 minReadySeconds int32 o',
      '10 persistentVolumeClaimRetentionPolicy StatefulSetPersistentVolumeClaimRetentionPolicy po',
      '11 ordinals StatefulSetOrdinals po',
    ],
    StatefulSetUpdateStrategy: ['1 type string o', '2 rollingUpdate RollingUpdateStatefulSetStrategy po'],
    RollingUpdateStatefulSetStrategy: ['1 partition int32 po', '2 maxUnavailable intstr.IntOrString po'],
    StatefulSetPersistentVolumeClaimRetentionPolicy: ['1 whenDeleted string o', '2 whenScaled string o'],
    StatefulSetOrdinals: ['1 start int32'],
    StatefulSetStatus: [
      '1 observedGeneration int64 o', '2 replicas int32', '3 readyReplicas int32 o', '4 currentReplicas int32 o',
      '5 updatedReplicas int32 o', '6 currentRevision string o', '7 updateRevision string o', '9 collisionCount int32 po',
      '10 conditions []StatefulSetCondition o', '11 availableReplicas int32',
    ],
    StatefulSetCondition: [
      '1 type string', '2 status string', '3 lastTransitionTime meta.Time o', '4 reason string o', '5 message string o',
    ],
    ReplicaSet: ['1 metadata meta.ObjectMeta o', '2 spec ReplicaSetSpec o', '3 status ReplicaSetStatus o'],
    ReplicaSetSpec: [
      '1 replicas int32 po', '4 minReadySeconds int32 o', '2 selector meta.LabelSelector p',
      '3 template core.PodTemplateSpec o',
    ],
    ReplicaSetStatus: [
      '1 replicas int32', '2 fullyLabeledReplicas int32 o', '4 readyReplicas int32 o', '5 availableReplicas int32 o',
      '7 terminatingReplicas int32 po', '3 observedGeneration int64 o', '6 conditions []ReplicaSetCondition o',
    ],
    ReplicaSetCondition: [
      '1 type string', '2 status string', '3 lastTransitionTime meta.Time o', '4 reason string o', '5 message string o',
    ],
  },
});
