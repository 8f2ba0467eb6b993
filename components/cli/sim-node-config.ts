// `k8ts server --simulate-nodes-config FILE`: simulated nodes described in a small YAML file, for
// clusters whose nodes differ (a GPU node with a taint, a big node, labelled zones):
//
//   - count: 2              # how many nodes like this (default 1)
//     namePrefix: worker-   # names worker-1, worker-2 (default sim-node-)
//     cpu: "8"              # capacity, as a Kubernetes quantity (defaults: 4 CPU, 8Gi, 110 pods)
//     memory: 16Gi
//     pods: "110"
//     labels: {topology.kubernetes.io/zone: a}
//     taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

export interface SimNodeGroup {
  count: number;
  namePrefix?: string;
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
}

export class SimNodeConfigError extends Error {}

export function parseSimNodeConfig(text: string, source = 'simulated nodes config'): SimNodeGroup[] {
  const doc = parseYaml(text) as unknown;
  const groups = Array.isArray(doc) ? doc : doc && typeof doc === 'object' && Array.isArray((doc as { nodes?: unknown }).nodes) ? (doc as { nodes: unknown[] }).nodes : undefined;
  if (!groups) throw new SimNodeConfigError(`${source}: expected a list of node groups`);
  return groups.map((g, i) => {
    if (!g || typeof g !== 'object') throw new SimNodeConfigError(`${source}: entry ${i + 1} is not an object`);
    const e = g as Record<string, unknown>;
    const count = e.count === undefined ? 1 : Number(e.count);
    if (!Number.isInteger(count) || count < 1) throw new SimNodeConfigError(`${source}: entry ${i + 1}: count must be a positive integer`);
    const group: SimNodeGroup = { count };
    for (const key of ['namePrefix', 'cpu', 'memory', 'pods'] as const) if (e[key] !== undefined) group[key] = String(e[key]);
    if (e.labels !== undefined) group.labels = e.labels as Record<string, string>;
    if (e.taints !== undefined) group.taints = e.taints as SimNodeGroup['taints'];
    return group;
  });
}

export function readSimNodeConfig(path: string): SimNodeGroup[] {
  return parseSimNodeConfig(readFileSync(path, 'utf8'), path);
}
