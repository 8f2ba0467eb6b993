// A pod's resource requests as the scheduler counts them. Mirrors component-helpers
// resource.PodRequests (sum of app containers and sidecars, max with each init container plus the
// sidecars started before it, pod-level requests when set, plus overhead) and framework
// PodInfo.CalculateResource (the "non-zero" variant: a container missing a cpu or memory request
// counts 100m / 200Mi, schedutil.DefaultMilliCPURequest / DefaultMemoryRequest).

import type { Pod, ResourceList } from './api-types.js';
import { quantityMilliValue, quantityValue } from './quantity.js';

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Upstream framework.Resource: cpu in millicores, the rest in whole units. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended resources, hugepages, attachable volumes. */
  scalar: Record<string, number>;
}

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: {} };
}

/** schedutil.IsScalarResourceName: extended (domain-prefixed), hugepages-*, attachable-volumes-*. */
export function isScalarResourceName(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

/** A ResourceList as numbers: cpu in millicores, everything else in whole units. */
type Amounts = Map<string, number>;

function amounts(list: ResourceList | null | undefined): Amounts {
  const out: Amounts = new Map();
  for (const [name, q] of Object.entries(list ?? {})) out.set(name, name === 'cpu' ? quantityMilliValue(q) : quantityValue(q));
  return out;
}

function addInto(into: Amounts, from: Amounts): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

function maxInto(into: Amounts, from: Amounts): void {
  for (const [k, v] of from) into.set(k, Math.max(into.get(k) ?? 0, v));
}

function withDefaults(reqs: Amounts, nonZero: boolean): Amounts {
  if (!nonZero) return reqs;
  const out = new Map(reqs);
  if (!out.has('cpu')) out.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
  if (!out.has('memory')) out.set('memory', DEFAULT_MEMORY_REQUEST);
  return out;
}

/**
 * The pod's effective requests. With `nonZero`, containers missing a cpu/memory request count the
 * scheduler defaults (used for scoring only; filtering uses actual requests).
 */
export function podRequestAmounts(pod: Pod, nonZero = false): Amounts {
  const reqs: Amounts = new Map();
  for (const c of pod.spec.containers ?? []) addInto(reqs, withDefaults(amounts(c.resources?.requests), nonZero));
  const sidecars: Amounts = new Map();
  const initMax: Amounts = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    const own = withDefaults(amounts(c.resources?.requests), nonZero);
    if (c.restartPolicy === 'Always') {
      // A sidecar runs beside the app containers and every later init container.
      addInto(reqs, own);
      addInto(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      const during = new Map(own);
      addInto(during, sidecars);
      maxInto(initMax, during);
    }
  }
  maxInto(reqs, initMax);
  // Pod-level requests (spec.resources) replace the container sum for cpu and memory.
  const podLevel = amounts(pod.spec.resources?.requests);
  for (const name of ['cpu', 'memory']) if (podLevel.has(name)) reqs.set(name, podLevel.get(name)!);
  addInto(reqs, amounts(pod.spec.overhead));
  return reqs;
}

/** Amounts to a Resource (Resource.Add): cpu, memory, ephemeral-storage, pods, scalar names. */
export function toResource(list: Amounts): Resource {
  const r = emptyResource();
  for (const [name, v] of list) {
    if (name === 'cpu') r.milliCPU += v;
    else if (name === 'memory') r.memory += v;
    else if (name === 'ephemeral-storage') r.ephemeralStorage += v;
    else if (name === 'pods') r.allowedPodNumber += v;
    else if (isScalarResourceName(name)) r.scalar[name] = (r.scalar[name] ?? 0) + v;
  }
  return r;
}

/** Node allocatable as a Resource (NewResource(node.status.allocatable)). */
export function allocatableResource(list: ResourceList | null | undefined): Resource {
  return toResource(amounts(list));
}

/** What a pod adds to a node: actual requests plus the non-zero cpu/memory used by scoring. */
export interface PodResource {
  resource: Resource;
  non0CPU: number;
  non0Mem: number;
}

/**
 * By pod spec: informers hand out the watch cache's objects, never changed, and a status write keeps the
 * stored spec object, so the pod's updates after it is bound (its whole life on a node) compute nothing.
 */
const podResources = new WeakMap<object, PodResource>();

export function computePodResource(pod: Pod): PodResource {
  let r = podResources.get(pod.spec);
  if (r) return r;
  const nonZero = podRequestAmounts(pod, true);
  r = {
    resource: toResource(podRequestAmounts(pod)),
    non0CPU: nonZero.get('cpu') ?? 0,
    non0Mem: nonZero.get('memory') ?? 0,
  };
  if (pod.spec && typeof pod.spec === 'object') podResources.set(pod.spec, r);
  return r;
}
