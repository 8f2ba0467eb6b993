// One replica proposal per metric of an HPA and the pick among them (mirrors upstream
// computeReplicasForMetrics / computeStatusFor*Metric): the highest valid proposal wins; a metric that
// cannot be computed yields upstream's condition reason and error text. Resource metrics come from the
// MetricsSource; k8ts serves no custom or external metrics API, so Pods, Object and External metrics
// fail as upstream does when those APIs are not registered. Pure over its inputs.
import { quantityMilliValue } from '../../scheduler/framework/quantity.js';
import type { Pod } from '../workload-common/types.js';
import type { PodUsage } from './metrics-source.js';
import { averageValueReplicas, resourceUtilizationReplicas, type CalculatorOptions, type PodSample } from './replica-calculator.js';
import type { MetricSpec, MetricStatus } from './types.js';

/** Pod usage as fetched, or why it could not be (upstream's metrics client error text). */
export type FetchedMetrics = { ok: true; usage: ReadonlyMap<string, PodUsage> } | { ok: false; message: string };

export interface MetricsInput {
  namespace: string;
  specReplicas: number;
  pods: readonly Pod[];
  metrics: FetchedMetrics;
}

export interface MetricFailure {
  /** The ScalingActive reason and the Warning event's reason. */
  reason: string;
  /** The event's message; the condition says "the HPA was unable to compute the replica count: " + this. */
  eventMessage: string;
  /** The error as computeReplicasForMetric returns it (the FailedComputeMetricsReplicas text). */
  error: string;
}

export type MetricProposal = { ok: true; replicas: number; name: string; status: MetricStatus } | ({ ok: false } & MetricFailure);

export type MetricsDecision =
  | { ok: true; replicas: number; metricName: string; statuses: MetricStatus[]; failures: MetricFailure[] }
  | { ok: false; first: MetricFailure; error: string; statuses: MetricStatus[]; failures: MetricFailure[] };

/** resource.NewMilliQuantity(v, DecimalSI).String(): whole units get the largest exact SI suffix, else `m`. */
export function formatMilliQuantity(milli: number): string {
  const v = Math.round(milli);
  if (v % 1000 !== 0) return `${v}m`;
  const suffixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  let n = v / 1000;
  let i = 0;
  while (n !== 0 && n % 1000 === 0 && i < suffixes.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n}${suffixes[i]}`;
}

/** The resource's samples as milli-values: cpu millicores, memory bytes × 1000 (Quantity.MilliValue). */
function samplesOf(usage: ReadonlyMap<string, PodUsage>, resource: string): Map<string, PodSample> {
  const samples = new Map<string, PodSample>();
  for (const [name, u] of usage) {
    const v = resource === 'cpu' ? u.cpu : resource === 'memory' && u.memory !== undefined ? u.memory * 1000 : undefined;
    if (v !== undefined) samples.set(name, { value: v, timestamp: u.timestamp, windowMs: u.windowMs });
  }
  return samples;
}

const fail = (reason: string, eventMessage: string, error = eventMessage): MetricProposal => ({ ok: false, reason, eventMessage, error });

function resourceProposal(spec: MetricSpec, input: MetricsInput, o: CalculatorOptions): MetricProposal {
  const name = spec.resource?.name ?? '';
  const target = spec.resource?.target;
  const wrap = (message: string) => `failed to get ${name} utilization: ${message}`;
  const outer = (m: string) => `failed to get ${name} resource metric value: ${m}`;
  const reason = 'FailedGetResourceMetric';
  if (target?.averageValue === undefined && target?.averageUtilization === undefined) {
    const msg = 'invalid resource metric source: neither a utilization target nor a value target was set';
    return fail(reason, msg, outer(msg));
  }
  let samples: Map<string, PodSample>;
  if (!input.metrics.ok) samples = new Map();
  else samples = samplesOf(input.metrics.usage, name);
  const fetchError = !input.metrics.ok
    ? `unable to fetch metrics from resource metrics API: ${input.metrics.message}`
    : samples.size === 0
      ? 'no metrics returned from resource metrics API'
      : undefined;
  if (fetchError) {
    const msg = wrap(`unable to get metrics for resource ${name}: ${fetchError}`);
    return fail(reason, msg, outer(msg));
  }
  const base = { currentReplicas: input.specReplicas, resource: name, pods: input.pods, metrics: samples };
  if (target.averageValue !== undefined && target.averageValue !== null) {
    const p = averageValueReplicas({ ...base, targetAverage: quantityMilliValue(target.averageValue) }, o);
    if (!p.ok) return fail(reason, wrap(p.message), outer(wrap(p.message)));
    const status: MetricStatus = { type: 'Resource', resource: { name, current: { averageValue: formatMilliQuantity(p.average) } } };
    return { ok: true, replicas: p.replicas, name: `${name} resource`, status };
  }
  const p = resourceUtilizationReplicas({ ...base, targetUtilization: target.averageUtilization! }, o);
  if (!p.ok) return fail(reason, wrap(p.message), outer(wrap(p.message)));
  const current = { averageUtilization: p.utilization, averageValue: formatMilliQuantity(p.rawAverage) };
  return { ok: true, replicas: p.replicas, name: `${name} resource utilization (percentage of request)`, status: { type: 'Resource', resource: { name, current } } };
}

const NO_CUSTOM = 'unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';
const NO_EXTERNAL = 'unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered';

/** computeReplicasForMetric for one spec. */
export function proposeForMetric(spec: MetricSpec, input: MetricsInput, o: CalculatorOptions): MetricProposal {
  switch (spec.type) {
    case 'Resource':
      return resourceProposal(spec, input, o);
    case 'ContainerResource': {
      const c = spec.containerResource;
      const msg = `failed to get ${c?.name} utilization: unable to get metrics for resource ${c?.name}: no metrics returned for container ${JSON.stringify(c?.container)}`;
      return fail('FailedGetContainerResourceMetric', msg, `failed to get ${c?.container} container metric value: ${msg}`);
    }
    case 'Pods': {
      const msg = `unable to get metric ${spec.pods?.metric.name}: ${NO_CUSTOM}`;
      return fail('FailedGetPodsMetric', msg, `failed to get pods metric value: ${msg}`);
    }
    case 'Object': {
      const obj = spec.object;
      const msg = `unable to get metric ${obj?.metric.name}: ${obj?.describedObject.kind} on ${input.namespace} ${obj?.describedObject.name}/${NO_CUSTOM}`;
      return fail('FailedGetObjectMetric', msg, `failed to get object metric value: ${msg}`);
    }
    case 'External': {
      const ext = spec.external;
      const msg = `unable to get external metric ${input.namespace}/${ext?.metric.name}/${JSON.stringify(ext?.metric.selector ?? null)}: ${NO_EXTERNAL}`;
      const outer = ext?.target.averageValue !== undefined ? `failed to get ${ext?.metric.name} external metric: ${msg}` : `failed to get external metric ${ext?.metric.name}: ${msg}`;
      return fail('FailedGetExternalMetric', outer);
    }
    default:
      return fail('InvalidMetricSourceType', `unknown metric source type ${JSON.stringify(spec.type)}`);
  }
}

/**
 * The max over valid proposals. Fails when every metric failed, or when some failed and the valid
 * ones would scale down (upstream will not shrink on partial information).
 */
export function proposeForMetrics(specs: readonly MetricSpec[], input: MetricsInput, o: CalculatorOptions): MetricsDecision {
  const statuses: MetricStatus[] = [];
  const failures: MetricFailure[] = [];
  let replicas = 0;
  let metricName = '';
  for (const spec of specs) {
    const p = proposeForMetric(spec, input, o);
    if (!p.ok) {
      failures.push({ reason: p.reason, eventMessage: p.eventMessage, error: p.error });
      continue;
    }
    statuses.push(p.status);
    if (replicas === 0 || p.replicas > replicas) [replicas, metricName] = [p.replicas, p.name];
  }
  const first = failures[0];
  if (first && (failures.length >= specs.length || replicas < input.specReplicas)) {
    return { ok: false, first, error: `invalid metrics (${failures.length} invalid out of ${specs.length}), first error is: ${first.error}`, statuses, failures };
  }
  return { ok: true, replicas, metricName, statuses, failures };
}
