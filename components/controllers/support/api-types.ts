// The slice of the v1 JSON shapes the controllers in this folder read and write, as plain objects
// straight off the wire. Field names are upstream's; only what a controller touches is typed.
import type { KubeObject, ObjectMeta } from '../../client/client.js';

export interface Meta extends ObjectMeta {
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
  lastProbeTime?: string | null;
}

export interface LabelSelectorJSON {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] | null }> | null;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

// Taints and tolerations are the scheduler's shapes (its matching is reused here).
export type { Taint, Toleration } from '../../scheduler/framework/api-types.js';
import type { Taint, Toleration } from '../../scheduler/framework/api-types.js';

export interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: { terminated?: { exitCode: number; reason?: string; finishedAt?: string; startedAt?: string } | null; running?: object | null; waiting?: object | null };
}

export interface PodSpec {
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
  restartPolicy?: string;
  containers: Array<{ name: string; image?: string; ports?: ContainerPort[]; env?: Array<Record<string, unknown>> }>;
  initContainers?: Array<{ name: string; ports?: ContainerPort[] }>;
  tolerations?: Toleration[];
  [field: string]: unknown;
}

export interface Pod extends KubeObject {
  metadata: Meta;
  spec: PodSpec;
  status?: {
    phase?: string;
    podIP?: string;
    podIPs?: Array<{ ip: string }>;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    reason?: string;
    message?: string;
    startTime?: string;
  };
}

export interface PodTemplate {
  metadata?: Meta;
  spec: PodSpec;
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface Service extends KubeObject {
  metadata: Meta;
  spec: {
    selector?: Record<string, string> | null;
    ports?: ServicePort[];
    clusterIP?: string;
    ipFamilies?: string[];
    publishNotReadyAddresses?: boolean;
    type?: string;
  };
}

export interface Node extends KubeObject {
  metadata: Meta;
  spec?: { unschedulable?: boolean; taints?: Taint[] };
  status?: { conditions?: Condition[]; [field: string]: unknown };
}

export interface Lease extends KubeObject {
  metadata: Meta;
  spec?: { holderIdentity?: string; leaseDurationSeconds?: number; renewTime?: string };
}
