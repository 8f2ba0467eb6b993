// Table tests of the HPA controller's arithmetic, against results computed by hand from upstream's
// algorithm (replica_calculator.go, horizontal.go): proposals per metric with tolerance, missing and
// unready pods; the pick over metrics; stabilisation, rate limits and min/max clamping.
import t from 'tap';
import {
  averageValueReplicas,
  formatMilliQuantity,
  initialMemory,
  normalizeDesiredReplicas,
  proposeForMetrics,
  recordScaleEvent,
  resourceUtilizationReplicas,
  type AutoscalerMemory,
  type PodSample,
} from '../../../components/controllers/podautoscaler/index.js';
import type { Transport } from '../../../components/client/transport.js';
import type { Pod } from '../../../components/controllers/workload-common/types.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A Running pod started 10 min ago; Ready since then unless `ready` is false (never became Ready). */
function pod(name: string, o: { cpu?: string; memory?: string; ready?: boolean; phase?: string; deleting?: boolean; startedMsAgo?: number } = {}): Pod {
  const start = NOW - (o.startedMsAgo ?? 600_000);
  const requests: Record<string, string> = {};
  if (o.cpu) requests['cpu'] = o.cpu;
  if (o.memory) requests['memory'] = o.memory;
  return {
    metadata: { name, ...(o.deleting ? { deletionTimestamp: iso(NOW) } : {}) },
    spec: { containers: [{ name: 'c', resources: { requests } }] },
    status: {
      phase: o.phase ?? 'Running',
      startTime: iso(start),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: iso(start + 5000) }],
    },
  };
}

const samples = (values: Record<string, number>): Map<string, PodSample> => new Map(Object.entries(values).map(([k, v]) => [k, { value: v, timestamp: NOW }]));
const cpuPods = (n: number, request = '1') => Array.from({ length: n }, (_, i) => pod(`p${i}`, { cpu: request }));

t.test('resource utilization proposals (upstream GetResourceReplicas)', async (t) => {
  type Case = [string, { current: number; target: number; pods: Pod[]; metrics: Record<string, number> }, { replicas: number; utilization: number; rawAverage: number }];
  const cases: Case[] = [
    ['scale up: 50% of 30% on 3 pods', { current: 3, target: 30, pods: cpuPods(3), metrics: { p0: 300, p1: 500, p2: 700 } }, { replicas: 5, utilization: 50, rawAverage: 500 }],
    ['scale down: 28% of 50% on 5 pods', { current: 5, target: 50, pods: cpuPods(5), metrics: { p0: 100, p1: 300, p2: 500, p3: 250, p4: 250 } }, { replicas: 3, utilization: 28, rawAverage: 280 }],
    [
      'within the 10% tolerance: no change',
      { current: 3, target: 100, pods: [pod('p0', { cpu: '0.9' }), pod('p1', { cpu: '1.0' }), pod('p2', { cpu: '1.1' })], metrics: { p0: 1010, p1: 1030, p2: 1020 } },
      { replicas: 3, utilization: 102, rawAverage: 1020 },
    ],
    ['missing metrics on a scale-down count as 100% of the request', { current: 4, target: 100, pods: cpuPods(4), metrics: { p0: 400, p1: 95 } }, { replicas: 3, utilization: 24, rawAverage: 247 }],
    ['missing metrics on a scale-up count as 0%', { current: 4, target: 50, pods: cpuPods(4), metrics: { p0: 1500, p1: 1500 } }, { replicas: 6, utilization: 150, rawAverage: 1500 }],
    [
      'an unready pod counts as 0% on a scale-up',
      { current: 3, target: 30, pods: [pod('p0', { cpu: '1', ready: false }), pod('p1', { cpu: '1' }), pod('p2', { cpu: '1' })], metrics: { p0: 300, p1: 500, p2: 700 } },
      { replicas: 4, utilization: 60, rawAverage: 600 },
    ],
    [
      'an unready pod is left out of a scale-down',
      { current: 3, target: 50, pods: [pod('p0', { cpu: '1', ready: false }), pod('p1', { cpu: '1' }), pod('p2', { cpu: '1' })], metrics: { p0: 2000, p1: 100, p2: 100 } },
      { replicas: 1, utilization: 10, rawAverage: 100 },
    ],
    [
      'deleted, Failed and Pending pods do not count',
      {
        current: 4,
        target: 50,
        pods: [pod('p0', { cpu: '1' }), pod('p1', { cpu: '1', deleting: true }), pod('p2', { cpu: '1', phase: 'Failed' }), pod('p3', { cpu: '1', phase: 'Pending' })],
        metrics: { p0: 100, p1: 2000, p2: 2000 },
      },
      { replicas: 1, utilization: 10, rawAverage: 100 },
    ],
    [
      'a ratio that flips once missing pods are filled in keeps the size',
      { current: 3, target: 50, pods: cpuPods(3), metrics: { p0: 600 } },
      { replicas: 3, utilization: 60, rawAverage: 600 },
    ],
  ];
  for (const [name, c, want] of cases) {
    const got = resourceUtilizationReplicas({ currentReplicas: c.current, resource: 'cpu', pods: c.pods, metrics: samples(c.metrics), targetUtilization: c.target }, { nowMs: NOW });
    t.same(got, { ok: true, ...want }, name);
  }
  const fail = (pods: Pod[], metrics: Record<string, number>) => resourceUtilizationReplicas({ currentReplicas: 1, resource: 'cpu', pods, metrics: samples(metrics), targetUtilization: 50 }, { nowMs: NOW });
  t.same(fail([], { p0: 1 }), { ok: false, message: 'no pods returned by selector while calculating replica count' });
  t.same(fail([pod('p0', {})], { p0: 1 }), { ok: false, message: 'missing request for cpu in container c of Pod p0' });
  t.same(fail([pod('p0', { cpu: '1', ready: false })], { p0: 1 }), { ok: false, message: 'did not receive metrics for targeted pods (pods might be unready)' });
  const warming = pod('p0', { cpu: '1', startedMsAgo: 60_000 });
  t.same(fail([warming], { p0: 500 }), { ok: false, message: 'did not receive metrics for targeted pods (pods might be unready)' }, 'a sample not one window past Ready during warm-up is skipped');
});

t.test('average value proposals (upstream calcPlainMetricReplicas)', async (t) => {
  const mi = 1024 * 1024 * 1000; // one MiB as a milli-value
  const pods = [pod('a', { memory: '1Gi' }), pod('b', { memory: '1Gi' })];
  const up = averageValueReplicas({ currentReplicas: 2, resource: 'memory', pods, metrics: samples({ a: 200 * mi, b: 300 * mi }), targetAverage: 100 * mi }, { nowMs: NOW });
  t.same(up, { ok: true, replicas: 5, average: 250 * mi });
  t.equal(formatMilliQuantity(250 * mi), '262144k', 'NewMilliQuantity(…, DecimalSI) form');
  const missing = averageValueReplicas({ currentReplicas: 4, resource: 'memory', pods: [...pods, pod('c', { memory: '1Gi' }), pod('d', { memory: '1Gi' })], metrics: samples({ a: 10 * mi, b: 10 * mi }), targetAverage: 100 * mi }, { nowMs: NOW });
  t.same(missing, { ok: true, replicas: 3, average: 10 * mi }, 'missing pods count as the target on a scale-down: ceil(0.55 × 4)');
  t.same([formatMilliQuantity(500), formatMilliQuantity(1000), formatMilliQuantity(1500), formatMilliQuantity(0), formatMilliQuantity(2_000_000)], ['500m', '1', '1500m', '0', '2k']);
});

t.test('the pick over metrics (upstream computeReplicasForMetrics)', async (t) => {
  const pods = cpuPods(2, '100m').map((p) => ({ ...p, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '100m', memory: '100Mi' } } }] } }));
  const usage = new Map([
    ['p0', { cpu: 200, memory: 50 * 1024 * 1024, timestamp: NOW }],
    ['p1', { cpu: 200, memory: 50 * 1024 * 1024, timestamp: NOW }],
  ]);
  const cpu = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } };
  const mem = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } };
  const both = proposeForMetrics([mem, cpu], { namespace: 'ns', specReplicas: 2, pods, metrics: { ok: true, usage } }, { nowMs: NOW });
  t.match(both, { ok: true, replicas: 8, metricName: 'cpu resource utilization (percentage of request)' });
  t.same(both.statuses, [
    { type: 'Resource', resource: { name: 'memory', current: { averageValue: '52428800' } } },
    { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 200, averageValue: '200m' } } },
  ]);

  const down = proposeForMetrics([mem, { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1' } } }], { namespace: 'ns', specReplicas: 2, pods, metrics: { ok: true, usage } }, { nowMs: NOW });
  t.match(down, { ok: false, first: { reason: 'FailedGetPodsMetric' } }, 'a failed metric blocks a scale-down');
  t.match(down.ok === false && down.error, /^invalid metrics \(1 invalid out of 2\), first error is: failed to get pods metric value: unable to get metric qps: /);

  const noApi = proposeForMetrics([cpu], { namespace: 'ns', specReplicas: 2, pods, metrics: { ok: false, message: 'the server could not find the requested resource (get pods.metrics.k8s.io)' } }, { nowMs: NOW });
  const msg = 'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
  t.match(noApi, { ok: false, first: { reason: 'FailedGetResourceMetric', eventMessage: msg }, error: `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${msg}` });
  const empty = proposeForMetrics([cpu], { namespace: 'ns', specReplicas: 2, pods, metrics: { ok: true, usage: new Map() } }, { nowMs: NOW });
  t.match(empty, { ok: false, first: { eventMessage: 'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API' } });
});

t.test('normalization without behavior (upstream normalizeDesiredReplicas)', async (t) => {
  const mem = initialMemory(3, NOW);
  const n = (current: number, desired: number, o: { min?: number; max?: number; at?: number; memory?: AutoscalerMemory } = {}) =>
    normalizeDesiredReplicas({ currentReplicas: current, desiredReplicas: desired, minReplicas: o.min ?? 1, maxReplicas: o.max ?? 20, nowMs: o.at ?? NOW }, o.memory ?? mem);
  t.match(n(3, 10), { desiredReplicas: 6, ableToScale: { reason: 'ReadyForNewScale' }, scalingLimited: { limited: true, reason: 'ScaleUpLimit' } }, 'growth capped at max(2×, 4)');
  t.match(n(1, 10), { desiredReplicas: 4, scalingLimited: { reason: 'ScaleUpLimit' } });
  t.match(n(3, 30, { max: 5 }), { desiredReplicas: 5, scalingLimited: { limited: true, reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' } });
  t.match(n(3, 4), { desiredReplicas: 4, scalingLimited: { limited: false, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' } });
  t.match(n(3, 0, { min: 2 }), { desiredReplicas: 3, ableToScale: { reason: 'ScaleDownStabilized' } }, 'the initial recommendation holds a scale-down');
  t.match(n(3, 0, { min: 2, at: NOW + 300_001 }), { desiredReplicas: 2, ableToScale: { reason: 'ReadyForNewScale' }, scalingLimited: { limited: true, reason: 'TooFewReplicas' } });

  // the highest recommendation of the last 300 s wins; older ones are replaced, not kept
  let m = initialMemory(5, NOW);
  const at = (s: number) => NOW + s * 1000;
  let r = normalizeDesiredReplicas({ currentReplicas: 5, desiredReplicas: 2, minReplicas: 1, maxReplicas: 10, nowMs: at(60) }, m);
  t.equal(r.desiredReplicas, 5);
  m = r.memory;
  r = normalizeDesiredReplicas({ currentReplicas: 5, desiredReplicas: 2, minReplicas: 1, maxReplicas: 10, nowMs: at(300) }, m);
  t.equal(r.desiredReplicas, 5, 'a recommendation exactly at the cutoff still counts');
  r = normalizeDesiredReplicas({ currentReplicas: 5, desiredReplicas: 3, minReplicas: 1, maxReplicas: 10, nowMs: at(301) }, r.memory);
  t.equal(r.desiredReplicas, 3, 'after the window, the highest recent one: max(2, 2, 3)');
  t.equal(r.memory.recommendations.length, 3, 'the old sample was replaced');
});

t.test('normalization with behavior (upstream normalizeDesiredReplicasWithBehaviors)', async (t) => {
  const defaults = { scaleUp: {}, scaleDown: {} };
  const at = (s: number) => NOW + s * 1000;
  const fresh = (current: number, atS = -1000) => initialMemory(current, at(atS));
  const n = (o: { current: number; desired: number; behavior: object; min?: number; max?: number; memory?: AutoscalerMemory; nowS?: number }) =>
    normalizeDesiredReplicas(
      { currentReplicas: o.current, desiredReplicas: o.desired, minReplicas: o.min ?? 1, maxReplicas: o.max ?? 1000, behavior: o.behavior, nowMs: at(o.nowS ?? 0) },
      o.memory ?? fresh(o.current),
    );
  type Case = [string, Parameters<typeof n>[0], { desiredReplicas: number; reason: string; limited: boolean; able?: string }];
  const cases: Case[] = [
    ['default scale-up: max(4 pods, 100%) per 15 s', { current: 10, desired: 100, behavior: defaults }, { desiredReplicas: 20, reason: 'ScaleUpLimit', limited: true }],
    ['default scale-up from 1: 4 pods beat 100%', { current: 1, desired: 100, behavior: defaults }, { desiredReplicas: 5, reason: 'ScaleUpLimit', limited: true }],
    ['selectPolicy Min picks the smaller change', { current: 10, desired: 100, behavior: { scaleUp: { selectPolicy: 'Min' } } }, { desiredReplicas: 14, reason: 'ScaleUpLimit', limited: true }],
    ['selectPolicy Disabled keeps the size', { current: 10, desired: 100, behavior: { scaleUp: { selectPolicy: 'Disabled' } } }, { desiredReplicas: 10, reason: 'ScaleUpLimit', limited: true }],
    ['maxReplicas below the rate limit', { current: 10, desired: 100, max: 15, behavior: defaults }, { desiredReplicas: 15, reason: 'TooManyReplicas', limited: true }],
    [
      'default scale-down waits 300 s (highest recommendation)',
      { current: 10, desired: 2, behavior: defaults, memory: fresh(10, -10) },
      { desiredReplicas: 10, reason: 'DesiredWithinRange', limited: false, able: 'ScaleDownStabilized' },
    ],
    ['default scale-down after the window: 100% per 15 s', { current: 10, desired: 2, behavior: defaults, memory: fresh(10, -301) }, { desiredReplicas: 2, reason: 'DesiredWithinRange', limited: false }],
    [
      'minReplicas bounds a scale-down',
      { current: 10, desired: 2, min: 4, behavior: { scaleDown: { stabilizationWindowSeconds: 0 } } },
      { desiredReplicas: 4, reason: 'TooFewReplicas', limited: true },
    ],
    [
      'Pods policy on scale-down',
      { current: 10, desired: 2, behavior: { scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } },
      { desiredReplicas: 9, reason: 'ScaleDownLimit', limited: true },
    ],
    [
      'Percent policy on scale-down rounds down: trunc(9 × 0.5)',
      { current: 9, desired: 1, behavior: { scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: 'Percent', value: 50, periodSeconds: 15 }] } } },
      { desiredReplicas: 4, reason: 'ScaleDownLimit', limited: true },
    ],
    [
      'a scale-up window takes the lowest recent recommendation',
      { current: 3, desired: 8, behavior: { scaleUp: { stabilizationWindowSeconds: 60 } }, memory: fresh(3, -30) },
      { desiredReplicas: 3, reason: 'DesiredWithinRange', limited: false, able: 'ScaleUpStabilized' },
    ],
  ];
  for (const [name, input, want] of cases) {
    const got = n(input);
    t.match(got, { desiredReplicas: want.desiredReplicas, scalingLimited: { reason: want.reason, limited: want.limited }, ableToScale: { reason: want.able ?? 'ReadyForNewScale' } }, name);
  }

  // scale events within a policy's period count against it
  const scaleDown = { scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods' as const, value: 1, periodSeconds: 60 }] } };
  let m = recordScaleEvent(fresh(11), scaleDown, 11, 10, at(-30));
  t.match(n({ current: 10, desired: 2, behavior: scaleDown, memory: m }), { desiredReplicas: 10, scalingLimited: { reason: 'ScaleDownLimit' } }, 'one pod already removed this minute');
  t.match(n({ current: 10, desired: 2, behavior: scaleDown, memory: m, nowS: 31 }), { desiredReplicas: 9 }, 'the event left the period');
  m = recordScaleEvent(fresh(10), defaults, 10, 14, at(-5));
  t.match(n({ current: 14, desired: 100, behavior: defaults, memory: m }), { desiredReplicas: 20 }, 'period start 10: max(10 + 4, 10 × 2)');
});

t.test('the resource metrics API source reads PodMetrics', async (t) => {
  const { Client } = await import('../../../components/client/client.js');
  const { resourceMetricsApi } = await import('../../../components/controllers/podautoscaler/index.js');
  const seen: string[] = [];
  const body = {
    kind: 'PodMetricsList',
    items: [
      { metadata: { name: 'a' }, timestamp: '2024-05-01T12:00:00Z', window: '1m0s', containers: [{ name: 'c', usage: { cpu: '250m', memory: '64Mi' } }, { name: 'd', usage: { cpu: '1', memory: '1Ki' } }] },
      { metadata: { name: 'b' }, timestamp: '2024-05-01T12:00:00Z', window: '30s', containers: [{ name: 'c', usage: { memory: '1M' } }] },
    ],
  };
  const transport: Transport = {
    request: async (req) => {
      seen.push(`${req.path}?${req.query?.toString()}`);
      return { status: 200, body, warnings: [] };
    },
    watch: async () => {
      throw new Error('no watches here');
    },
  };
  const usage = await resourceMetricsApi(new Client(transport)).podMetrics('ns', 'app=web');
  t.same(seen, ['/apis/metrics.k8s.io/v1beta1/namespaces/ns/pods?labelSelector=app%3Dweb']);
  t.same(usage.get('a'), { timestamp: NOW, windowMs: 60_000, cpu: 1250, memory: 64 * 1024 * 1024 + 1024 });
  t.same(usage.get('b'), { timestamp: NOW, windowMs: 30_000, memory: 1_000_000 }, 'no cpu when a container has none');
});
