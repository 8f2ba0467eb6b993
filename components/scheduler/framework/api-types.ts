// The slice of the Kubernetes v1 JSON shapes the scheduler reads (Pod, Node, PVC, PV, StorageClass),
// as plain objects straight off the wire. Field names are upstream's; only what a plugin reads is typed.

export type ResourceList = Record<string, string | number>;
export type Labels = Record<string, string>;

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Labels | null;
  annotations?: Labels | null;
  creationTimestamp?: string | null;
  deletionTimestamp?: string | null;
}

export interface LabelSelectorJSON {
  matchLabels?: Labels | null;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] | null }> | null;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[] | null;
}
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[] | null;
  matchFields?: NodeSelectorRequirement[] | null;
}
export interface NodeSelector {
  nodeSelectorTerms?: NodeSelectorTerm[] | null;
}

export interface PodAffinityTerm {
  labelSelector?: LabelSelectorJSON | null;
  namespaces?: string[] | null;
  namespaceSelector?: LabelSelectorJSON | null;
  topologyKey: string;
}
export interface WeightedPodAffinityTerm {
  weight: number;
  podAffinityTerm: PodAffinityTerm;
}
export interface PodAffinityRules {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[] | null;
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[] | null;
}
export interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector | null;
    preferredDuringSchedulingIgnoredDuringExecution?: Array<{ weight: number; preference: NodeSelectorTerm }> | null;
  } | null;
  podAffinity?: PodAffinityRules | null;
  podAntiAffinity?: PodAffinityRules | null;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number | null;
}
export interface Taint {
  key: string;
  value?: string;
  effect: string;
  /** Set on NoExecute taints the node controller adds. */
  timeAdded?: string;
}

export interface ContainerPort {
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
}
export interface Container {
  name: string;
  image?: string;
  ports?: ContainerPort[] | null;
  resources?: { requests?: ResourceList | null; limits?: ResourceList | null } | null;
  restartPolicy?: string;
}

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: string;
  labelSelector?: LabelSelectorJSON | null;
  minDomains?: number | null;
  nodeAffinityPolicy?: string | null;
  nodeTaintsPolicy?: string | null;
  matchLabelKeys?: string[] | null;
}

export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean } | null;
}

export interface Pod {
  metadata: ObjectMeta;
  spec: {
    nodeName?: string;
    nodeSelector?: Labels | null;
    affinity?: Affinity | null;
    tolerations?: Toleration[] | null;
    containers: Container[];
    initContainers?: Container[] | null;
    overhead?: ResourceList | null;
    resources?: { requests?: ResourceList | null } | null;
    priority?: number | null;
    preemptionPolicy?: string | null;
    schedulerName?: string;
    topologySpreadConstraints?: TopologySpreadConstraint[] | null;
    volumes?: Volume[] | null;
  };
  status?: {
    phase?: string;
    startTime?: string | null;
    nominatedNodeName?: string;
    conditions?: Array<{ type: string; status: string; reason?: string }> | null;
  } | null;
}

export interface Node {
  metadata: ObjectMeta;
  spec?: { unschedulable?: boolean; taints?: Taint[] | null } | null;
  status?: {
    allocatable?: ResourceList | null;
    capacity?: ResourceList | null;
    images?: Array<{ names?: string[] | null; sizeBytes?: number }> | null;
  } | null;
}

export interface PersistentVolumeClaim {
  metadata: ObjectMeta;
  spec?: { volumeName?: string; storageClassName?: string | null } | null;
  status?: { phase?: string } | null;
}
export interface PersistentVolume {
  metadata: ObjectMeta;
  spec?: { nodeAffinity?: { required?: NodeSelector | null } | null; storageClassName?: string } | null;
}
export interface StorageClass {
  metadata: ObjectMeta;
  volumeBindingMode?: string;
}

/** corev1helpers.PodPriority: spec.priority, 0 when unset. */
export function podPriority(pod: Pod): number {
  return pod.spec.priority ?? 0;
}

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';
