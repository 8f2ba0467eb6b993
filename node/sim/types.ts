// The pod and node shapes the simulated runtime reads and writes: plain JSON, only the fields it uses
// (the wire names are upstream's core/v1).
import type { KubeObject } from '../../components/client/client.js';

export interface KeyRef {
  name?: string;
  key: string;
  optional?: boolean;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef; fieldRef?: unknown; resourceFieldRef?: unknown };
}

export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

export interface Probe {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  exec?: unknown;
  httpGet?: unknown;
  tcpSocket?: unknown;
  grpc?: unknown;
}

export interface Container {
  name: string;
  image?: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  readinessProbe?: Probe;
  /** Holds the container's `started` (and readiness) until it succeeds. */
  startupProbe?: Probe;
  /** Init containers only: `Always` makes a sidecar (restartable init container). */
  restartPolicy?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  /** Host ports count at admission (pod-admission.ts). */
  ports?: Array<{ containerPort: number; hostPort?: number; hostIP?: string; protocol?: string }>;
  volumeMounts?: Array<{ name: string; mountPath?: string }>;
  volumeDevices?: Array<{ name: string; devicePath?: string }>;
}

export interface KeyToPath {
  key: string;
  path: string;
}

export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  configMap?: { name?: string; optional?: boolean; items?: KeyToPath[] };
  secret?: { secretName?: string; optional?: boolean; items?: KeyToPath[] };
  projected?: {
    sources?: Array<{
      configMap?: { name?: string; optional?: boolean; items?: KeyToPath[] };
      secret?: { name?: string; optional?: boolean; items?: KeyToPath[] };
      serviceAccountToken?: { path: string; expirationSeconds?: number; audience?: string };
    }>;
  };
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: string } }
  | { terminated: { exitCode: number; reason: string; message?: string; startedAt: string; finishedAt: string; containerID?: string } };

export interface ContainerStatus {
  name: string;
  state: ContainerState;
  lastState: ContainerState | Record<string, never>;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started: boolean;
}

export interface PodStatus {
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  conditions?: PodCondition[];
  hostIP?: string;
  hostIPs?: Array<{ ip: string }>;
  podIP?: string;
  podIPs?: Array<{ ip: string }>;
  startTime?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
  qosClass?: string;
  message?: string;
  reason?: string;
}

export interface Pod extends KubeObject {
  metadata: NonNullable<KubeObject['metadata']> & { deletionTimestamp?: string; deletionGracePeriodSeconds?: number };
  spec: {
    nodeName?: string;
    containers: Container[];
    initContainers?: Container[];
    restartPolicy?: 'Always' | 'OnFailure' | 'Never';
    volumes?: Volume[];
    serviceAccountName?: string;
    terminationGracePeriodSeconds?: number;
    readinessGates?: Array<{ conditionType: string }>;
  };
  status?: PodStatus;
}

/** The annotations that steer a simulated pod (see pod-lifecycle.ts). */
export const ANNOTATION_EXIT_CODE = 'sim.k8ts.io/exit-code';
export const ANNOTATION_RUN_SECONDS = 'sim.k8ts.io/run-seconds';
export const ANNOTATION_READY = 'sim.k8ts.io/ready';
export const ANNOTATION_CRASH_LOOP = 'sim.k8ts.io/crash-loop';

/** RFC 3339 at second precision, as the API's metav1.Time. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** upstream's format.Pod: `name_namespace(uid)`. */
export function podDescription(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}
