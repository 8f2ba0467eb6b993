// Where the HPA controller gets pod usage: the resource metrics API (metrics.k8s.io/v1beta1 PodMetrics,
// as metrics-server serves it), behind one small interface so tests and other sources can feed numbers.
// The production source lists /apis/metrics.k8s.io/v1beta1/namespaces/<ns>/pods?labelSelector=… through
// the controller's own client (RBAC: list pods.metrics.k8s.io), like upstream's resourceMetricsClient.
import type { Client } from '../../client/client.js';
import { isNotFound } from '../../client/transport.js';
import { quantityMilliValue, quantityValue } from '../../scheduler/framework/quantity.js';

/** One pod's usage, summed over its containers. */
export interface PodUsage {
  /** millicores; absent when the sample has no cpu for some container. */
  cpu?: number;
  /** bytes; absent when the sample has no memory for some container. */
  memory?: number;
  /** When the sample was taken (ms since the epoch) and the window it averages over (ms). */
  timestamp?: number;
  windowMs?: number;
}

export interface MetricsSource {
  /**
   * Usage of the pods of `namespace` matching `selector` (a label selector string), by pod name.
   * Rejects when the metrics cannot be fetched; the message says why (it ends up in the HPA's
   * ScalingActive condition after "unable to fetch metrics from resource metrics API: ").
   */
  podMetrics(namespace: string, selector: string, signal?: AbortSignal): Promise<Map<string, PodUsage>>;
}

interface PodMetricsList {
  items?: Array<{
    metadata?: { name?: string };
    timestamp?: string;
    window?: string;
    containers?: Array<{ name?: string; usage?: Record<string, string> }>;
  }>;
}

/** A metav1.Duration as Go prints it (`30s`, `1m0s`, `1.5s`), in ms; undefined when unreadable. */
export function parseGoDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 1e-3, 'µs': 1e-3, ns: 1e-6 };
  let total = 0;
  let rest = text;
  while (rest) {
    const m = /^(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return total;
}

/** The resource metrics API read through `client` (upstream's rest metrics client, resource half). */
export function resourceMetricsApi(client: Client): MetricsSource {
  return {
    async podMetrics(namespace, selector, signal) {
      const query = new URLSearchParams();
      if (selector) query.set('labelSelector', selector);
      let body: PodMetricsList;
      try {
        const path = `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(namespace)}/pods`;
        body = (await client.transport.request({ method: 'GET', path, query }, signal)).body as PodMetricsList;
      } catch (err) {
        // client-go's wording for a 404 without a Status of the resource's own
        if (isNotFound(err)) throw new Error('the server could not find the requested resource (get pods.metrics.k8s.io)');
        throw err;
      }
      const usage = new Map<string, PodUsage>();
      for (const item of body.items ?? []) {
        const name = item.metadata?.name;
        if (!name) continue;
        const sample: PodUsage = { timestamp: item.timestamp ? Date.parse(item.timestamp) : undefined, windowMs: parseGoDuration(item.window) };
        const containers = item.containers ?? [];
        // a pod with a container lacking the resource has no value for it (upstream skips such pods)
        if (containers.every((c) => c.usage?.['cpu'] !== undefined)) sample.cpu = containers.reduce((s, c) => s + quantityMilliValue(c.usage!['cpu']), 0);
        if (containers.every((c) => c.usage?.['memory'] !== undefined)) sample.memory = containers.reduce((s, c) => s + quantityValue(c.usage!['memory']), 0);
        usage.set(name, sample);
      }
      return usage;
    },
  };
}
