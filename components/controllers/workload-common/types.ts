// The apps/v1, policy/v1 and core/v1 wire shapes the StatefulSet, DaemonSet and disruption
// controllers read and write, as plain JSON straight off the informers. Field names are upstream's;
// only what these controllers touch is typed, everything else passes through untouched.
import type { ResourceType } from '../../client/client.js';

// Object metadata is the same shape the other workload controllers use.
export type { Meta, Obj, OwnerReference } from '../shared/workload-types.js';
import type { Meta, Obj } from '../shared/workload-types.js';

export interface LabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] | null }> | null;
}

// Taints and tolerations are the scheduler's shapes (its matching is reused here).
export type { Taint, Toleration } from '../../scheduler/framework/api-types.js';
import type { Taint, Toleration } from '../../scheduler/framework/api-types.js';

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[] | null;
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[] | null;
  matchFields?: NodeSelectorRequirement[] | null;
}

export interface Affinity {
  nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] | null } | null; [k: string]: unknown } | null;
  [k: string]: unknown;
}

export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  [k: string]: unknown;
}

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string> | null;
  affinity?: Affinity | null;
  tolerations?: Toleration[] | null;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  volumes?: Volume[] | null;
  containers?: Array<Record<string, unknown>>;
  [k: string]: unknown;
}

export interface PodTemplate {
  metadata?: Meta;
  spec?: PodSpec;
}

export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface Pod extends Obj {
  spec?: PodSpec;
  status?: { phase?: string; conditions?: PodCondition[]; [k: string]: unknown };
}

export interface Node extends Obj {
  spec?: { unschedulable?: boolean; taints?: Taint[] | null; [k: string]: unknown };
  status?: { [k: string]: unknown };
}

export interface PersistentVolumeClaim extends Obj {
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export interface ControllerRevision extends Obj {
  data?: unknown;
  revision: number;
}

export type IntOrString = number | string;

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: unknown[];
}

export interface StatefulSet extends Obj {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplate;
    serviceName?: string;
    podManagementPolicy?: 'OrderedReady' | 'Parallel';
    updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition?: number; maxUnavailable?: IntOrString } };
    revisionHistoryLimit?: number;
    minReadySeconds?: number;
    volumeClaimTemplates?: PersistentVolumeClaim[];
    persistentVolumeClaimRetentionPolicy?: { whenDeleted?: 'Retain' | 'Delete'; whenScaled?: 'Retain' | 'Delete' };
    ordinals?: { start?: number };
  };
  status?: StatefulSetStatus;
}

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  conditions?: unknown[];
}

export interface DaemonSet extends Obj {
  spec?: {
    selector?: LabelSelector;
    template?: PodTemplate;
    updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: DaemonSetStatus;
}

/** metav1.Condition, as PodDisruptionBudgetStatus.conditions holds them. */
export interface MetaCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface PodDisruptionBudgetStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: MetaCondition[];
}

export interface PodDisruptionBudget extends Obj {
  spec?: { minAvailable?: IntOrString; maxUnavailable?: IntOrString; selector?: LabelSelector | null; unhealthyPodEvictionPolicy?: string };
  status?: PodDisruptionBudgetStatus;
}

/** autoscaling/v1 Scale, as the `scale` subresource answers. */
export interface Scale extends Obj {
  spec?: { replicas?: number };
  status?: { replicas: number; selector?: string };
}

/** Resources that components/client/resource-types.ts does not list (yet). */
export const controllerRevisions: ResourceType = { group: 'apps', version: 'v1', plural: 'controllerrevisions', kind: 'ControllerRevision', namespaced: true };
export const podDisruptionBudgets: ResourceType = { group: 'policy', version: 'v1', plural: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true };
