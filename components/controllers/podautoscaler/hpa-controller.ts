// The HorizontalPodAutoscaler controller (upstream pkg/controller/podautoscaler, HorizontalController):
// every 15 s (the sync period) each HPA reads its target's `scale` subresource, asks the metrics source
// for the usage of the pods the scale's selector picks, proposes a size per metric (the highest wins),
// stabilises and rate-limits it (behavior.ts), writes the new size through the scale subresource and
// reports status, conditions and events as upstream does. Recent recommendations and scale events live
// in memory per HPA, as upstream keeps them; a restart begins a new stabilisation window.
import type { EventRecorder, ObjectReference } from '../../client/event-recorder.js';
import type { ResourceType } from '../../client/client.js';
import type { Clock } from '../../client/clock.js';
import type { Informer } from '../../client/informer.js';
import { deployments, pods as podsType, replicaSets, replicationControllers, statefulSets } from '../../client/resource-types.js';
import { keyOf, splitKey } from '../../client/store.js';
import { matchesLabels, parseLabelSelector } from '../../../apiserver/selectors/label-selector.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import { writeStatus } from '../workload-common/status-writer.js';
import type { Pod, Scale } from '../workload-common/types.js';
import { initialMemory, normalizeDesiredReplicas, recordScaleEvent, type AutoscalerMemory } from './behavior.js';
import { metaTime, sameJson, setCondition } from './hpa-status.js';
import { proposeForMetrics, type FetchedMetrics } from './metric-proposals.js';
import { resourceMetricsApi, type MetricsSource } from './metrics-source.js';
import type { CalculatorOptions } from './replica-calculator.js';
import { horizontalPodAutoscalers, type HorizontalPodAutoscaler, type HorizontalPodAutoscalerCondition, type MetricStatus } from './types.js';

export const HPA_CONTROLLER = 'horizontal-pod-autoscaler';
/** --horizontal-pod-autoscaler-sync-period. */
export const SYNC_PERIOD_MS = 15_000;

/** Kinds whose scale subresource k8ts serves, by `group/Kind` (upstream resolves them with a RESTMapper). */
const SCALABLE: Record<string, ResourceType> = {
  'apps/Deployment': deployments,
  'apps/ReplicaSet': replicaSets,
  'apps/StatefulSet': statefulSets,
  '/ReplicationController': replicationControllers,
};

export interface HpaControllerOptions {
  /** Pod usage; the resource metrics API through the controller's client by default. */
  metrics?: MetricsSource;
  /** Tolerance, cpu initialization period and initial readiness delay (upstream's flags). */
  calculator?: Omit<CalculatorOptions, 'nowMs'>;
  /** --horizontal-pod-autoscaler-downscale-stabilization; default 300 s. */
  downscaleStabilizationMs?: number;
  /** The controller's own time (stabilisation windows, timestamps); the context's clock by default. The sync period runs on the work queue's clock. */
  clock?: Clock;
}

type Cond = { type: string; status: 'True' | 'False'; reason: string; message: string };

export class HorizontalPodAutoscalerController implements Controller {
  readonly name = HPA_CONTROLLER;
  readonly workers = 1;
  private ctx!: ControllerContext;
  private hpas!: Informer<HorizontalPodAutoscaler>;
  private pods!: Informer<Pod>;
  private recorder!: EventRecorder;
  private metrics!: MetricsSource;
  private readonly memory = new Map<string, AutoscalerMemory>();

  constructor(private readonly o: HpaControllerOptions = {}) {}

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.ctx = ctx;
    this.recorder = ctx.recorder(HPA_CONTROLLER);
    this.metrics = this.o.metrics ?? resourceMetricsApi(ctx.client);
    this.hpas = ctx.informers.informerFor<HorizontalPodAutoscaler>(horizontalPodAutoscalers);
    this.pods = ctx.informers.informerFor<Pod>(podsType);
    // A new or changed spec is looked at now; our own status writes wait for the next sync period.
    this.hpas.addEventHandler({
      add: (o) => enqueue(keyOf(o)),
      update: (o, n) => {
        if (o.metadata?.generation !== n.metadata?.generation) enqueue(keyOf(n));
      },
      delete: () => {},
    });
    this.pods.addEventHandler({});
  }

  async reconcile(key: string, signal: AbortSignal): Promise<ReconcileResult | void> {
    const { namespace = '', name } = splitKey(key);
    const hpa = this.hpas.lister.get(namespace, name);
    if (!hpa?.spec) {
      this.memory.delete(key);
      return;
    }
    await this.sync(key, hpa, signal);
    return { requeueAfter: SYNC_PERIOD_MS };
  }

  /** reconcileAutoscaler: one pass over one HPA. Expected failures end in conditions and events. */
  private async sync(key: string, hpa: HorizontalPodAutoscaler, signal: AbortSignal): Promise<void> {
    const spec = hpa.spec!;
    const namespace = hpa.metadata!.namespace!;
    const nowMs = (this.o.clock ?? this.ctx.clock).now();
    const nowIso = metaTime(nowMs);
    const previous = hpa.status;
    let conditions: HorizontalPodAutoscalerCondition[] = [...(previous?.conditions ?? [])];
    const set = (c: Cond) => (conditions = setCondition(conditions, c, nowIso));
    const ref: ObjectReference = { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2', namespace, name: hpa.metadata?.name, uid: hpa.metadata?.uid, resourceVersion: hpa.metadata?.resourceVersion };
    const write = (s: { currentReplicas: number; desiredReplicas: number; currentMetrics?: MetricStatus[] | null; lastScaleTime?: string }) =>
      this.writeIfChanged(hpa, { observedGeneration: hpa.metadata?.generation, lastScaleTime: s.lastScaleTime ?? previous?.lastScaleTime, currentReplicas: s.currentReplicas, desiredReplicas: s.desiredReplicas, currentMetrics: s.currentMetrics?.length ? s.currentMetrics : undefined, conditions });

    const target = spec.scaleTargetRef;
    const group = target.apiVersion?.includes('/') ? target.apiVersion.split('/')[0]! : '';
    const type = SCALABLE[`${group}/${target.kind}`];
    const reference = `${target.kind}/${namespace}/${target.name}`;
    let scale: Scale | undefined;
    let scaleError: string | undefined;
    if (!type) scaleError = `no matches for kind ${JSON.stringify(target.kind)} in group ${JSON.stringify(group)}`;
    else {
      try {
        scale = await this.ctx.client.resource(type).getSubresource<Scale>(target.name, 'scale', { namespace, signal });
      } catch (err) {
        scaleError = (err as Error).message;
      }
    }
    if (!scale || !type) {
      this.recorder.event(ref, 'Warning', 'FailedGetScale', scaleError ?? '');
      set({ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${scaleError}` });
      await this.writeIfChanged(hpa, { ...(previous ?? { desiredReplicas: 0 }), conditions });
      this.ctx.log.debug({ component: HPA_CONTROLLER, key, err: scaleError }, `failed to query scale subresource for ${reference}`);
      return;
    }
    set({ type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" });
    const currentReplicas = scale.spec?.replicas ?? 0;
    const memory = this.memory.get(key) ?? initialMemory(currentReplicas, nowMs);
    this.memory.set(key, memory);
    const minReplicas = spec.minReplicas ?? 1;

    let desiredReplicas = 0;
    let rescaleReason = '';
    let statuses: MetricStatus[] = [];
    let rescale = true;
    if (currentReplicas === 0 && minReplicas !== 0) {
      rescale = false;
      set({ type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
    } else if (currentReplicas > spec.maxReplicas) {
      [rescaleReason, desiredReplicas] = ['Current number of replicas above Spec.MaxReplicas', spec.maxReplicas];
    } else if (currentReplicas < minReplicas) {
      [rescaleReason, desiredReplicas] = ['Current number of replicas below Spec.MinReplicas', minReplicas];
    } else {
      const proposal = await this.proposal(hpa, scale, currentReplicas, nowMs, ref, set, signal);
      if (!proposal.ok) {
        await write({ currentReplicas, desiredReplicas: previous?.desiredReplicas ?? 0, currentMetrics: proposal.statuses });
        if (proposal.error) this.recorder.event(ref, 'Warning', 'FailedComputeMetricsReplicas', proposal.error);
        return;
      }
      statuses = proposal.statuses;
      desiredReplicas = proposal.replicas;
      if (desiredReplicas > currentReplicas) rescaleReason = `${proposal.metricName} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
      const n = normalizeDesiredReplicas(
        { currentReplicas, desiredReplicas, minReplicas, maxReplicas: spec.maxReplicas, behavior: spec.behavior, nowMs, downscaleStabilizationMs: this.o.downscaleStabilizationMs },
        memory,
      );
      this.memory.set(key, n.memory);
      set({ type: 'AbleToScale', status: 'True', ...n.ableToScale });
      set({ type: 'ScalingLimited', status: n.scalingLimited.limited ? 'True' : 'False', reason: n.scalingLimited.reason, message: n.scalingLimited.message });
      desiredReplicas = n.desiredReplicas;
      rescale = desiredReplicas !== currentReplicas;
    }

    if (rescale) {
      try {
        const path = `${this.ctx.client.resource(type).path(namespace, target.name)}/scale`;
        const body: Scale = { ...scale, spec: { ...scale.spec, replicas: desiredReplicas } };
        await this.ctx.client.transport.request({ method: 'PUT', path, body }, signal);
      } catch (err) {
        const message = (err as Error).message;
        this.recorder.event(ref, 'Warning', 'FailedRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${message}`);
        set({ type: 'AbleToScale', status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${message}` });
        await write({ currentReplicas, desiredReplicas: previous?.desiredReplicas ?? 0, currentMetrics: previous?.currentMetrics });
        throw new Error(`failed to rescale ${reference}: ${message}`);
      }
      set({ type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desiredReplicas}` });
      this.recorder.event(ref, 'Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
      this.memory.set(key, recordScaleEvent(this.memory.get(key)!, spec.behavior, currentReplicas, desiredReplicas, nowMs));
      this.ctx.log.info({ component: HPA_CONTROLLER, key, from: currentReplicas, to: desiredReplicas, reason: rescaleReason }, 'successful rescale');
    } else {
      desiredReplicas = currentReplicas;
    }
    await write({ currentReplicas, desiredReplicas, currentMetrics: statuses, lastScaleTime: rescale ? nowIso : undefined });
  }

  /** computeReplicasForMetrics: the selector, the pods, the metrics, the proposal; sets ScalingActive. */
  private async proposal(hpa: HorizontalPodAutoscaler, scale: Scale, specReplicas: number, nowMs: number, ref: ObjectReference, set: (c: Cond) => void, signal: AbortSignal) {
    const namespace = hpa.metadata!.namespace!;
    const selectorText = scale.status?.selector ?? '';
    if (!selectorText) {
      this.recorder.event(ref, 'Warning', 'SelectorRequired', 'selector is required');
      set({ type: 'ScalingActive', status: 'False', reason: 'InvalidSelector', message: "the HPA target's scale is missing a selector" });
      return { ok: false as const, statuses: [], error: 'selector is required' };
    }
    const parsed = parseLabelSelector(selectorText);
    if (!parsed.ok) {
      const message = `couldn't convert selector into a corresponding internal selector object: ${parsed.message}`;
      this.recorder.event(ref, 'Warning', 'InvalidSelector', message);
      set({ type: 'ScalingActive', status: 'False', reason: 'InvalidSelector', message });
      return { ok: false as const, statuses: [], error: message };
    }
    const pods = this.pods.lister.list(namespace).filter((p) => matchesLabels(parsed.selector, p.metadata?.labels ?? {}));
    const specs = hpa.spec?.metrics ?? [];
    let metrics: FetchedMetrics = { ok: true, usage: new Map() };
    if (specs.some((s) => s.type === 'Resource')) {
      try {
        metrics = { ok: true, usage: await this.metrics.podMetrics(namespace, selectorText, signal) };
      } catch (err) {
        metrics = { ok: false, message: (err as Error).message };
      }
    }
    const decision = proposeForMetrics(specs, { namespace, specReplicas, pods, metrics }, { ...this.o.calculator, nowMs });
    for (const f of decision.failures) this.recorder.event(ref, 'Warning', f.reason, f.eventMessage);
    if (!decision.ok) {
      set({ type: 'ScalingActive', status: 'False', reason: decision.first.reason, message: `the HPA was unable to compute the replica count: ${decision.first.eventMessage}` });
      return { ok: false as const, statuses: decision.statuses, error: decision.error };
    }
    set({ type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${decision.metricName}` });
    return decision;
  }

  private async writeIfChanged(hpa: HorizontalPodAutoscaler, status: NonNullable<HorizontalPodAutoscaler['status']>): Promise<void> {
    const clean = JSON.parse(JSON.stringify(status)) as typeof status;
    if (sameJson(hpa.status ?? {}, clean)) return;
    await writeStatus(this.ctx.client.resource<HorizontalPodAutoscaler>(horizontalPodAutoscalers), hpa, clean, hpa.metadata?.namespace);
  }
}
