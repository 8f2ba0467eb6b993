// The HPA controller against a real apiserver, as system:serviceaccount:kube-system:horizontal-pod-autoscaler:
// with fed metrics it scales a Deployment up through its scale subresource (bounded by maxReplicas),
// and down only once the 300 s stabilisation window has passed on its clock; with the real server,
// which serves no metrics API, it reports upstream's conditions and events and leaves the size alone.
import t from 'tap';
import type { Client } from '../../../components/client/client.js';
import type { CoreEvent } from '../../../components/client/event-recorder.js';
import { FakeClock } from '../../../components/client/fake-clock.js';
import { deployments, events, pods } from '../../../components/client/resource-types.js';
import {
  horizontalPodAutoscalerController,
  horizontalPodAutoscalers,
  SYNC_PERIOD_MS,
  type HorizontalPodAutoscaler,
  type MetricsSource,
  type PodUsage,
} from '../../../components/controllers/podautoscaler/index.js';
import type { Controller } from '../../../components/controllers/runtime/controller.js';
import type { Obj, Pod } from '../../../components/controllers/workload-common/types.js';
import { ensureNamespace, eventually, startControllerHarness } from './harness.js';

const NS = 'hpa';
const SA = 'horizontal-pod-autoscaler';
const isoSecs = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function deploymentWithPods(admin: Client, replicas: number, podCount: number): Promise<void> {
  await admin.resource<Obj & { spec?: unknown }>(deployments).create({
    metadata: { name: 'web', namespace: NS },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '100m' } } }] } },
    },
  });
  const pc = admin.resource<Pod>(pods);
  const started = isoSecs(Date.now() - 600_000);
  for (let i = 0; i < podCount; i++) {
    const p = await pc.create({ metadata: { name: `web-${i}`, namespace: NS, labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '100m' } } }] } });
    const conditions = ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: started }));
    await pc.updateStatus({ ...p, status: { phase: 'Running', startTime: started, conditions } }, { namespace: NS });
  }
}

const cpuHpa = (maxReplicas: number): HorizontalPodAutoscaler => ({
  metadata: { name: 'web', namespace: NS },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 1,
    maxReplicas,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
  },
});

async function eventsOf(admin: Client, reason: string): Promise<CoreEvent[]> {
  const list = await admin.resource<CoreEvent>(events).list({ namespace: NS });
  return list.items.filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler' && e.reason === reason);
}

t.test('scales a Deployment on fed cpu metrics', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, NS);
  await deploymentWithPods(h.admin, 2, 2);

  const usage = new Map<string, PodUsage>();
  const setCpu = (millicores: number) => ['web-0', 'web-1'].forEach((n) => usage.set(n, { cpu: millicores }));
  const metrics: MetricsSource = { podMetrics: async () => new Map(usage) };
  const clock = new FakeClock(Date.now());
  const hpaController = horizontalPodAutoscalerController({ metrics, clock });
  // counts finished reconciles, so that each clock tick can wait for its sync
  let synced = 0;
  const counted: Controller = {
    name: hpaController.name,
    setup: (ctx, enqueue) => hpaController.setup(ctx, enqueue),
    reconcile: async (key, signal) => {
      const r = await hpaController.reconcile(key, signal);
      synced++;
      return r;
    },
  };
  await h.run(counted, { serviceAccount: SA, clock });
  const tick = async () => {
    const before = synced;
    await clock.advance(SYNC_PERIOD_MS);
    await eventually(() => synced > before, 10_000, 'a sync');
  };

  const dc = h.admin.resource<Obj & { spec?: { replicas?: number } }>(deployments);
  const hc = h.admin.resource<HorizontalPodAutoscaler>(horizontalPodAutoscalers);
  const replicas = async () => (await dc.get('web', { namespace: NS })).spec?.replicas;
  const condition = (hpa: HorizontalPodAutoscaler, type: string) => hpa.status?.conditions?.find((c) => c.type === type);

  // 200% of request against a 50% target: 8 wanted, maxReplicas 4
  setCpu(200);
  await hc.create(cpuHpa(4));
  await eventually(async () => (await replicas()) === 4, 10_000, 'the scale-up');
  const up = await eventually(async () => {
    const hpa = await hc.get('web', { namespace: NS });
    return hpa.status?.desiredReplicas === 4 ? hpa : undefined;
  }, 10_000, 'the HPA status');
  t.match(up.status, {
    observedGeneration: 1,
    currentReplicas: 2,
    desiredReplicas: 4,
    lastScaleTime: isoSecs(clock.now()),
    currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 200, averageValue: '200m' } } }],
  });
  t.match(condition(up, 'AbleToScale'), { status: 'True', reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 4' });
  t.match(condition(up, 'ScalingActive'), { status: 'True', reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)' });
  t.match(condition(up, 'ScalingLimited'), { status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' });
  const rescaled = await eventually(() => eventsOf(h.admin, 'SuccessfulRescale').then((e) => (e.length ? e : undefined)), 10_000, 'the event');
  t.match(rescaled, [{ type: 'Normal', message: 'New size: 4; reason: cpu resource utilization (percentage of request) above target', source: { component: 'horizontal-pod-autoscaler' } }]);

  // 10%: one pod would do, but the 300 s window remembers the earlier recommendation of 8
  setCpu(10);
  const start = clock.now();
  await tick();
  let hpa = await hc.get('web', { namespace: NS });
  t.match(condition(hpa, 'AbleToScale'), { status: 'True', reason: 'ScaleDownStabilized' });
  t.match(hpa.status, { currentReplicas: 4, desiredReplicas: 4, currentMetrics: [{ resource: { current: { averageUtilization: 10 } } }] });
  while (clock.now() - start < 300_000) await tick();
  t.equal(await replicas(), 4, 'still 4 when the window has just run');
  await tick();
  t.equal(await replicas(), 1, 'scaled down once the window passed');
  hpa = await eventually(async () => {
    const got = await hc.get('web', { namespace: NS });
    return got.status?.desiredReplicas === 1 ? got : undefined;
  });
  t.match(condition(hpa, 'ScalingLimited'), { status: 'False', reason: 'DesiredWithinRange' });
  const down = await eventually(() => eventsOf(h.admin, 'SuccessfulRescale').then((e) => e.find((x) => x.message.startsWith('New size: 1'))), 10_000, 'the scale-down event');
  t.equal(down.message, 'New size: 1; reason: All metrics below target');
});

t.test('without a metrics API the HPA reports why it cannot scale', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, NS);
  await deploymentWithPods(h.admin, 2, 2);
  await h.run(horizontalPodAutoscalerController(), { serviceAccount: SA });
  const hc = h.admin.resource<HorizontalPodAutoscaler>(horizontalPodAutoscalers);
  await hc.create(cpuHpa(5));
  const hpa = await eventually(async () => {
    const got = await hc.get('web', { namespace: NS });
    return got.status?.conditions?.some((c) => c.type === 'ScalingActive') ? got : undefined;
  }, 10_000, 'the HPA conditions');
  const cause = 'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
  t.match(hpa.status?.conditions, [
    { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" },
    { type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: ${cause}` },
  ]);
  t.match(hpa.status, { currentReplicas: 2, desiredReplicas: 0 });
  const warning = await eventually(() => eventsOf(h.admin, 'FailedGetResourceMetric').then((e) => e[0]), 10_000, 'the warning');
  t.match(warning, { type: 'Warning', message: cause });
  const compute = await eventually(() => eventsOf(h.admin, 'FailedComputeMetricsReplicas').then((e) => e[0]), 10_000, 'the second warning');
  t.equal(compute.message, `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${cause}`);
  t.equal((await h.admin.resource<Obj & { spec?: { replicas?: number } }>(deployments).get('web', { namespace: NS })).spec?.replicas, 2, 'no scaling');
});
