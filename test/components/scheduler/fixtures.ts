// Builders for plain v1 Node and Pod objects used by the scheduler tests.
import type { Container, Node, Pod, Taint } from '../../../components/scheduler/framework/api-types.js';

export function node(name: string, opts: { cpu?: string; memory?: string; pods?: number; labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean; images?: Array<{ names: string[]; sizeBytes: number }>; extra?: Record<string, string> } = {}): Node {
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(opts.labels ?? {}) } },
    spec: { taints: opts.taints ?? [], unschedulable: opts.unschedulable ?? false },
    status: {
      allocatable: { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: String(opts.pods ?? 110), ...(opts.extra ?? {}) },
      images: opts.images ?? [],
    },
  };
}

let uid = 0;
export function pod(name: string, opts: Partial<Pod['spec']> & { cpu?: string; memory?: string; labels?: Record<string, string>; namespace?: string; nodeName?: string; startTime?: string; containers?: Container[] } = {}): Pod {
  const { cpu, memory, labels, namespace, startTime, containers, ...spec } = opts;
  const requests: Record<string, string> = {};
  if (cpu) requests.cpu = cpu;
  if (memory) requests.memory = memory;
  return {
    metadata: { name, namespace: namespace ?? 'default', uid: `uid-${name}-${++uid}`, labels: labels ?? {} },
    spec: {
      containers: containers ?? [{ name: 'c', image: 'busybox', resources: { requests } }],
      ...spec,
    },
    status: startTime ? { phase: 'Running', startTime } : { phase: 'Pending' },
  };
}

/** A deterministic random source cycling through the given values. */
export function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}
