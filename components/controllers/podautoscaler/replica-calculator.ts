// The replica count one pod metric proposes (mirrors upstream podautoscaler's ReplicaCalculator):
// desired = ceil(ready pods × current/target) unless the ratio is within the tolerance (10 %).
// Pods are grouped first: deleted and Failed pods are ignored, Pending pods count as unready, pods the
// metrics left out are missing, and (for cpu only) pods not Ready or still warming up count as
// unready. When pods are missing or unready the ratio is recomputed as upstream does: missing pods use
// 100 % of their request (or the target, if higher) on a scale-down and 0 on a scale-up, unready pods
// use 0 on a scale-up; the recomputed ratio never reverses the direction the first ratio gave.
// Pure and synchronous: the controller feeds it the listed pods and the metrics it fetched.
import { quantityMilliValue } from '../../scheduler/framework/quantity.js';
import type { Pod } from '../workload-common/types.js';

/** One pod's sample of one metric, as a milli-value (cpu millicores; memory bytes × 1000). */
export interface PodSample {
  value: number;
  /** When the sample was taken (ms since the epoch) and over which window; for cpu warm-up only. */
  timestamp?: number;
  windowMs?: number;
}

export interface CalculatorOptions {
  nowMs: number;
  /** --horizontal-pod-autoscaler-tolerance; default 0.1. */
  tolerance?: number;
  /** --horizontal-pod-autoscaler-cpu-initialization-period; default 5 min. */
  cpuInitializationPeriodMs?: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay; default 30 s. */
  initialReadinessDelayMs?: number;
}

/** A proposal, or why there is none (upstream's error text, which becomes the ScalingActive message). */
export type Proposal<T> = ({ ok: true; replicas: number } & T) | { ok: false; message: string };

export const DEFAULT_TOLERANCE = 0.1;
const DEFAULT_CPU_INITIALIZATION_MS = 5 * 60_000;
const DEFAULT_READINESS_DELAY_MS = 30_000;
/** metrics-server's resolution when a sample names no window (upstream's metricServerDefaultMetricWindow). */
const DEFAULT_WINDOW_MS = 60_000;

const NO_PODS = 'no pods returned by selector while calculating replica count';
const NO_READY_METRICS = 'did not receive metrics for targeted pods (pods might be unready)';

interface Groups {
  readyCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

const timeOf = (s: unknown): number | undefined => (typeof s === 'string' ? Date.parse(s) : undefined);

/** upstream groupPods: which pods count, which are unready, missing or ignored. */
export function groupPods(pods: readonly Pod[], metrics: ReadonlyMap<string, PodSample>, resource: string, o: CalculatorOptions): Groups {
  const g: Groups = { readyCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  const initMs = o.cpuInitializationPeriodMs ?? DEFAULT_CPU_INITIALIZATION_MS;
  const delayMs = o.initialReadinessDelayMs ?? DEFAULT_READINESS_DELAY_MS;
  for (const pod of pods) {
    const name = pod.metadata?.name ?? '';
    const phase = pod.status?.phase;
    if (pod.metadata?.deletionTimestamp || phase === 'Failed') {
      g.ignored.add(name);
      continue;
    }
    if (phase === 'Pending') {
      g.unready.add(name);
      continue;
    }
    const sample = metrics.get(name);
    if (!sample) {
      g.missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      const start = timeOf(pod.status?.['startTime']);
      const transition = timeOf(ready?.lastTransitionTime) ?? 0;
      let unready: boolean;
      if (!ready || start === undefined) unready = true;
      else if (start + initMs > o.nowMs) {
        // still warming up: skip the sample unless it covers a full window since the pod became Ready
        const sampledAt = sample.timestamp ?? o.nowMs;
        unready = ready.status === 'False' || sampledAt < transition + (sample.windowMs ?? DEFAULT_WINDOW_MS);
      } else {
        // past warm-up: only a pod that never became Ready shortly after starting is skipped
        unready = ready.status === 'False' && start + delayMs > transition;
      }
      if (unready) {
        g.unready.add(name);
        continue;
      }
    }
    g.readyCount++;
  }
  return g;
}

/** upstream calculatePodRequests: Σ container requests of `resource` per pod (milli-values); a container without one is an error. */
export function podRequests(pods: readonly Pod[], resource: string): Map<string, number> | { message: string } {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    for (const c of pod.spec?.containers ?? []) {
      const request = (c['resources'] as { requests?: Record<string, string> } | undefined)?.requests?.[resource];
      if (request === undefined) return { message: `missing request for ${resource} in container ${String(c['name'])} of Pod ${pod.metadata?.name}` };
      sum += quantityMilliValue(request);
    }
    requests.set(pod.metadata?.name ?? '', sum);
  }
  return requests;
}

/** upstream GetResourceUtilizationRatio: utilization is a whole percentage of the requests of pods with both. */
function utilizationRatio(metrics: ReadonlyMap<string, number>, requests: ReadonlyMap<string, number>, target: number) {
  let used = 0;
  let requested = 0;
  let n = 0;
  for (const [name, value] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    used += value;
    requested += request;
    n++;
  }
  if (requested === 0) return undefined;
  const utilization = Math.trunc((used * 100) / requested);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(used / n) };
}

/** upstream GetMetricUsageRatio: the plain average (integer division) over the target. */
function usageRatio(metrics: ReadonlyMap<string, number>, target: number) {
  let total = 0;
  for (const v of metrics.values()) total += v;
  const average = Math.trunc(total / metrics.size);
  return { ratio: average / target, average };
}

/** Samples of counted pods only: drops ignored and unready pods' samples (upstream removeMetricsForPods). */
function countedValues(metrics: ReadonlyMap<string, PodSample>, g: Groups): Map<string, number> {
  const values = new Map<string, number>();
  for (const [name, s] of metrics) if (!g.ignored.has(name) && !g.unready.has(name)) values.set(name, s.value);
  return values;
}

const within = (ratio: number, tolerance: number) => Math.abs(1 - ratio) <= tolerance;

/** The recount with missing and unready pods filled in, keeping `currentReplicas` when it would flip direction. */
function recount(currentReplicas: number, first: number, second: number, n: number, tolerance: number): number {
  if (within(second, tolerance) || (first < 1 && second > 1) || (first > 1 && second < 1)) return currentReplicas;
  const replicas = Math.ceil(second * n);
  if ((second < 1 && replicas > currentReplicas) || (second > 1 && replicas < currentReplicas)) return currentReplicas;
  return replicas;
}

export interface ResourceInput {
  currentReplicas: number;
  resource: string;
  pods: readonly Pod[];
  metrics: ReadonlyMap<string, PodSample>;
}

/** GetResourceReplicas: a target averageUtilization (percent of request). */
export function resourceUtilizationReplicas(
  input: ResourceInput & { targetUtilization: number },
  o: CalculatorOptions,
): Proposal<{ utilization: number; rawAverage: number }> {
  const { currentReplicas, resource, pods, targetUtilization: target } = input;
  const tolerance = o.tolerance ?? DEFAULT_TOLERANCE;
  if (pods.length === 0) return { ok: false, message: NO_PODS };
  const g = groupPods(pods, input.metrics, resource, o);
  const metrics = countedValues(input.metrics, g);
  if (metrics.size === 0) return { ok: false, message: NO_READY_METRICS };
  const requests = podRequests(pods, resource);
  if (!(requests instanceof Map)) return { ok: false, message: requests.message };
  const first = utilizationRatio(metrics, requests, target);
  if (!first) return { ok: false, message: 'no metrics returned matched known pods' };
  const { utilization, rawAverage } = first;
  const rebalanceUnready = g.unready.size > 0 && first.ratio > 1;
  if (!rebalanceUnready && g.missing.size === 0) {
    if (within(first.ratio, tolerance)) return { ok: true, replicas: currentReplicas, utilization, rawAverage };
    return { ok: true, replicas: Math.ceil(first.ratio * g.readyCount), utilization, rawAverage };
  }
  if (first.ratio < 1) {
    const fallback = Math.max(100, target);
    for (const name of g.missing) metrics.set(name, Math.trunc(((requests.get(name) ?? 0) * fallback) / 100));
  } else if (first.ratio > 1) {
    for (const name of g.missing) metrics.set(name, 0);
  }
  if (rebalanceUnready) for (const name of g.unready) metrics.set(name, 0);
  const second = utilizationRatio(metrics, requests, target);
  if (!second) return { ok: false, message: 'no metrics returned matched known pods' };
  return { ok: true, replicas: recount(currentReplicas, first.ratio, second.ratio, metrics.size, tolerance), utilization, rawAverage };
}

/** GetRawResourceReplicas / calcPlainMetricReplicas: a target averageValue (milli-value per pod). */
export function averageValueReplicas(input: ResourceInput & { targetAverage: number }, o: CalculatorOptions): Proposal<{ average: number }> {
  const { currentReplicas, resource, pods, targetAverage: target } = input;
  const tolerance = o.tolerance ?? DEFAULT_TOLERANCE;
  if (pods.length === 0) return { ok: false, message: NO_PODS };
  const g = groupPods(pods, input.metrics, resource, o);
  const metrics = countedValues(input.metrics, g);
  if (metrics.size === 0) return { ok: false, message: NO_READY_METRICS };
  const first = usageRatio(metrics, target);
  const average = first.average;
  const rebalanceUnready = g.unready.size > 0 && first.ratio > 1;
  if (!rebalanceUnready && g.missing.size === 0) {
    if (within(first.ratio, tolerance)) return { ok: true, replicas: currentReplicas, average };
    return { ok: true, replicas: Math.ceil(first.ratio * g.readyCount), average };
  }
  for (const name of g.missing) metrics.set(name, first.ratio < 1 ? target : 0);
  if (rebalanceUnready) for (const name of g.unready) metrics.set(name, 0);
  const second = usageRatio(metrics, target);
  return { ok: true, replicas: recount(currentReplicas, first.ratio, second.ratio, metrics.size, tolerance), average };
}
