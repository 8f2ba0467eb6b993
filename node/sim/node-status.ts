// The Node object a simulated kubelet registers and the status it reports (kubelet_node_status.go,
// nodestatus/setters.go): capacity, allocatable (capacity less the default hard eviction threshold,
// memory.available<100Mi, and 10% of ephemeral storage), the five conditions with a kubelet's reasons and
// messages, addresses and nodeInfo. Pure.
import type { KubeObject } from '../../components/client/client.js';

export const KUBELET_VERSION = 'v1.33.5+k8ts1';
export const RUNTIME_VERSION = 'sim://1.0';
export const SIMULATED_ANNOTATION = 'k8ts.io/simulated';
const EPHEMERAL_STORAGE_KI = 100 * 1024 * 1024; // 100Gi

export interface NodeShape {
  name: string;
  cpu: string;
  memory: string;
  pods: string;
  labels: Record<string, string>;
  taints: Array<{ key: string; value?: string; effect: string }>;
  /** N of 10.42.N.0/24. */
  podCidrIndex: number;
}

export interface NodeCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastHeartbeatTime: string;
  lastTransitionTime: string;
}

/** Go's GOARCH for Node's process.arch. */
export function goArch(arch: string = process.arch): string {
  return ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' } as Record<string, string>)[arch] ?? arch;
}

export const podCidr = (n: number) => `10.42.${n}.0/24`;
/** The node's address: the first address of its pod /24 (the bridge's, on a real k8ts node). */
export const nodeAddress = (n: number) => `10.42.${n}.1`;

/** Memory in KiB from a quantity (`8Gi`, `512Mi`, `1G`, bytes). */
export function memoryKi(q: string): number {
  const m = /^([0-9.]+)([KMGTPE]i?)?$/.exec(q);
  if (!m) throw new TypeError(`invalid memory quantity ${q}`);
  const units: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
  return Math.floor((Number(m[1]) * (m[2] ? units[m[2]] : 1)) / 1024);
}

export function nodeObject(o: NodeShape): KubeObject & { spec: object } {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: o.name,
      labels: {
        'kubernetes.io/hostname': o.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': goArch(),
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': goArch(),
        ...o.labels,
      },
      annotations: { [SIMULATED_ANNOTATION]: 'true', 'node.alpha.kubernetes.io/ttl': '0' },
    },
    spec: { podCIDR: podCidr(o.podCidrIndex), podCIDRs: [podCidr(o.podCidrIndex)], ...(o.taints.length ? { taints: o.taints } : {}) },
  };
}

/** The kubelet's conditions, all healthy, keeping each transition time from `previous` when the status is unchanged. */
export function nodeConditions(now: string, previous: NodeCondition[] = []): NodeCondition[] {
  const c = (type: string, status: string, reason: string, message: string): NodeCondition => {
    const prev = previous.find((p) => p.type === type);
    return { type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now };
  };
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    c('NetworkUnavailable', 'False', 'RouteCreated', 'simulated node: no routes needed'),
  ];
}

export function nodeStatus(o: NodeShape, conditions: NodeCondition[]): Record<string, unknown> {
  const memKi = memoryKi(o.memory);
  const capacity = { cpu: o.cpu, memory: `${memKi}Ki`, pods: o.pods, 'ephemeral-storage': `${EPHEMERAL_STORAGE_KI}Ki`, 'hugepages-1Gi': '0', 'hugepages-2Mi': '0' };
  const allocatable = { ...capacity, memory: `${Math.max(0, memKi - 100 * 1024)}Ki`, 'ephemeral-storage': String(Math.floor(EPHEMERAL_STORAGE_KI * 1024 * 0.9)) };
  return {
    capacity,
    allocatable,
    conditions,
    addresses: [
      { type: 'InternalIP', address: nodeAddress(o.podCidrIndex) },
      { type: 'Hostname', address: o.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: '',
      systemUUID: '',
      bootID: '',
      kernelVersion: '',
      osImage: 'k8ts simulated node',
      containerRuntimeVersion: RUNTIME_VERSION,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: goArch(),
    },
  };
}
