// kube-scheduler's loop: pending pods of this scheduler's name come from the pod informer into the
// scheduling queue; each cycle takes the next one, places it on a snapshot of the cache (filters,
// scores, preemption: core/schedule-one.ts), assumes it there at once and binds it through
// `pods/binding` in the background. A pod that fits nowhere gets PodScheduled=False (Unschedulable) and
// a FailedScheduling event and waits for a cluster change; preemption deletes its victims and sets
// status.nominatedNodeName. Mirrors pkg/scheduler/schedule_one.go.
import type { Client, KubeObject, ResourceClient, ResourceType } from '../client/client.js';
import { realClock, type Clock } from '../client/clock.js';
import type { EventRecorder } from '../client/event-recorder.js';
import type { Informer } from '../client/informer.js';
import { silentLogger, type ClientLogger } from '../client/logger.js';
import * as types from '../client/resource-types.js';
import type { SharedInformerFactory } from '../client/shared-informer-factory.js';
import { fromLabelSelectorObject, fromLabelSet, type LabelSelector, type LabelRequirement } from '../../apiserver/selectors/label-selector.js';
import { findPlacement } from './core/schedule-one.js';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from './framework/api-types.js';
import { DEFAULT_SCHEDULER_NAME, type Profile } from './framework/profile.js';
import { defaultProfile } from './plugins/default-plugins.js';
import { SchedulingQueue, type QueuedPodInfo } from './queue/scheduling-queue.js';
import { SchedulerCache } from './scheduler-cache.js';

const storageClasses: ResourceType = { group: 'storage.k8s.io', version: 'v1', plural: 'storageclasses', kind: 'StorageClass', namespaced: false };

export interface SchedulerOptions {
  client: Client;
  informers: SharedInformerFactory;
  recorder: EventRecorder;
  profile?: Profile;
  clock?: Clock;
  random?: () => number;
  log?: ClientLogger;
  /** Told of every attempt's outcome and duration from pop to bound (or refused), ms: for metrics and benchmarks. */
  observe?: (attempt: { key: string; result: 'scheduled' | 'unschedulable' | 'error'; ms: number; cycleMs: number }) => void;
}

type K = KubeObject;
const podKey = (p: { metadata?: { namespace?: string; name?: string } }) => `${p.metadata?.namespace}/${p.metadata?.name}`;

export class Scheduler {
  readonly queue: SchedulingQueue;
  readonly cache = new SchedulerCache();
  private readonly profile: Profile;
  private readonly clock: Clock;
  private readonly log: ClientLogger;
  private readonly random: () => number;
  private readonly pods: ResourceClient<K>;
  private readonly podInformer: Informer<K>;
  private readonly informers: Record<'nodes' | 'pvcs' | 'pvs' | 'storageClasses' | 'namespaces' | 'services' | 'replicaSets' | 'statefulSets', Informer<K>>;
  private nextStartIndex = 0;
  private bindings = new Set<Promise<void>>();

  constructor(private readonly o: SchedulerOptions) {
    this.profile = o.profile ?? defaultProfile();
    this.clock = o.clock ?? realClock;
    this.log = o.log ?? silentLogger;
    this.random = o.random ?? Math.random;
    this.queue = new SchedulingQueue(() => this.clock.now());
    this.pods = o.client.resource<K>(types.pods);
    const f = o.informers;
    this.podInformer = f.informerFor<K>(types.pods);
    this.informers = {
      nodes: f.informerFor<K>(types.nodes),
      pvcs: f.informerFor<K>(types.persistentVolumeClaims),
      pvs: f.informerFor<K>(types.persistentVolumes),
      storageClasses: f.informerFor<K>(storageClasses),
      namespaces: f.informerFor<K>(types.namespaces),
      services: f.informerFor<K>(types.services),
      replicaSets: f.informerFor<K>(types.replicaSets),
      statefulSets: f.informerFor<K>(types.statefulSets),
    };
    this.podInformer.addEventHandler({
      add: (p) => this.onPod(p as unknown as Pod),
      update: (_old, p) => this.onPod(p as unknown as Pod),
      delete: (p) => {
        const pod = ('obj' in (p as object) ? (p as { obj: unknown }).obj : p) as Pod;
        if (!pod?.metadata) return;
        this.cache.removePod(pod);
        this.queue.delete(podKey(pod));
        this.queue.moveAllToActiveOrBackoff();
      },
    });
    // VolumeBinding's EventsToRegister: a claim, volume or class added or changed may make a pod the
    // plugin rejected schedulable (a claim created, or bound by the PV controller).
    const retryRejected = { add: () => this.queue.moveAllToActiveOrBackoff(), update: () => this.queue.moveAllToActiveOrBackoff() };
    for (const informer of [this.informers.pvcs, this.informers.pvs, this.informers.storageClasses]) informer.addEventHandler(retryRejected);
    this.informers.nodes.addEventHandler({
      add: (n) => this.onNode(n as unknown as Node),
      update: (_old, n) => this.onNode(n as unknown as Node),
      delete: (n) => {
        const node = ('obj' in (n as object) ? (n as { obj: unknown }).obj : n) as Node;
        if (node?.metadata?.name) this.cache.removeNode(node.metadata.name);
      },
    });
  }

  /** Runs until `signal` aborts; informers must have been started by the caller (or are started here). */
  async run(signal: AbortSignal): Promise<void> {
    this.o.informers.start(signal);
    if (!(await this.o.informers.waitForCacheSync(signal))) return;
    const flusher = setInterval(() => this.queue.flush(), 1000);
    signal.addEventListener('abort', () => {
      clearInterval(flusher);
      this.queue.close();
    }, { once: true });
    while (!signal.aborted) {
      const info = await this.queue.pop();
      if (!info) break;
      await this.scheduleOne(info, signal).catch((err) => {
        this.log.warn({ pod: info.key, err: (err as Error).message }, 'scheduling failed');
        this.queue.failed(info, false);
      });
    }
    await Promise.allSettled([...this.bindings]);
  }

  private responsible(pod: Pod): boolean {
    return (pod.spec.schedulerName ?? DEFAULT_SCHEDULER_NAME) === this.profile.schedulerName;
  }

  private onPod(pod: Pod): void {
    this.cache.upsertPod(pod);
    const key = podKey(pod);
    if (pod.spec.nodeName || pod.metadata.deletionTimestamp || !this.responsible(pod)) {
      this.queue.delete(key);
      return;
    }
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    this.queue.update(key, pod.spec.priority ?? 0);
  }

  private onNode(node: Node): void {
    this.cache.upsertNode(node);
    this.queue.moveAllToActiveOrBackoff();
  }

  /** One scheduling cycle for a queued pod (ScheduleOne). */
  async scheduleOne(info: QueuedPodInfo, signal: AbortSignal): Promise<void> {
    const started = this.clock.now();
    let cycleMs = 0;
    const observe = (result: 'scheduled' | 'unschedulable' | 'error') => this.o.observe?.({ key: info.key, result, ms: this.clock.now() - started, cycleMs });
    const [namespace, name] = info.key.split('/') as [string, string];
    const pod = this.podInformer.lister.get(namespace, name) as unknown as Pod | undefined;
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) return this.queue.done(info.key);
    const snapshot = this.cache.snapshot({
      volumes: {
        pvcs: new Map(this.informers.pvcs.lister.list().map((c) => [podKey(c), c as unknown as PersistentVolumeClaim])),
        pvs: new Map(this.informers.pvs.lister.list().map((v) => [v.metadata?.name ?? '', v as unknown as PersistentVolume])),
        storageClasses: new Map(this.informers.storageClasses.lister.list().map((s) => [s.metadata?.name ?? '', s as unknown as StorageClass])),
      },
      namespaceLabels: new Map(this.informers.namespaces.lister.list().map((n) => [n.metadata?.name ?? '', (n.metadata?.labels ?? {}) as Record<string, string>])),
    });
    const opts: Parameters<typeof findPlacement>[3] = { startIndex: this.nextStartIndex, random: this.random };
    const spread = this.defaultSpreadSelector(pod);
    if (spread) opts.defaultSpreadSelector = spread;
    const placement = findPlacement(pod, snapshot, this.profile, opts);
    this.nextStartIndex = placement.nextStartIndex;
    if ('node' in placement) {
      this.cache.assume(pod, placement.node);
      cycleMs = this.clock.now() - started;
      const binding = this.bind(pod, placement.node, info, signal)
        .then((ok) => observe(ok ? 'scheduled' : 'error'))
        .finally(() => this.bindings.delete(binding));
      this.bindings.add(binding);
      return;
    }
    cycleMs = this.clock.now() - started;
    this.o.recorder.event(pod as unknown as K, 'Warning', 'FailedScheduling', placement.message);
    if (placement.nominatedNode) await this.preempt(pod, placement.nominatedNode, placement.victims ?? []);
    await this.markUnschedulable(pod, placement.message, placement.nominatedNode).catch((err) =>
      this.log.warn({ pod: info.key, err: (err as Error).message }, 'could not record the unschedulable condition'),
    );
    this.queue.failed(info, true);
    observe('unschedulable');
  }

  /** The binding cycle (DefaultBinder): POST pods/<name>/binding; on failure forget and retry with backoff. */
  private async bind(pod: Pod, node: string, info: QueuedPodInfo, signal: AbortSignal): Promise<boolean> {
    const body = {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
      target: { apiVersion: 'v1', kind: 'Node', name: node },
    };
    try {
      await this.pods.createSubresource(pod.metadata.name!, 'binding', body, { namespace: pod.metadata.namespace!, signal });
      this.queue.done(info.key);
      this.o.recorder.event(pod as unknown as K, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`);
      return true;
    } catch (err) {
      this.cache.forget(pod);
      this.log.warn({ pod: info.key, node, err: (err as Error).message }, 'binding failed');
      this.queue.failed(info, false);
      return false;
    }
  }

  private async markUnschedulable(pod: Pod, message: string, nominated: string | undefined): Promise<void> {
    const existing = ((pod.status?.conditions ?? []) as Array<{ type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }>).find((c) => c.type === 'PodScheduled');
    const sameCondition = existing?.status === 'False' && existing.reason === 'Unschedulable' && existing.message === message;
    if (sameCondition && (nominated === undefined || pod.status?.nominatedNodeName === nominated)) return;
    const now = new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const status: Record<string, unknown> = {
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: sameCondition ? existing?.lastTransitionTime : now }],
    };
    if (nominated) status.nominatedNodeName = nominated;
    await this.pods.patch(pod.metadata.name!, { status }, { namespace: pod.metadata.namespace!, type: 'strategic', subresource: 'status' });
  }

  /** DefaultPreemption's side effects: victims are deleted (with a Preempted event on each). */
  private async preempt(pod: Pod, node: string, victims: readonly Pod[]): Promise<void> {
    for (const v of victims) {
      this.o.recorder.event(v as unknown as K, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${node}`);
      await this.pods.delete(v.metadata.name!, { namespace: v.metadata.namespace! }).catch(() => undefined);
    }
  }

  /**
   * The selector of the Services, ReplicaSets and StatefulSets that select the pod (upstream's
   * DefaultSelector), for the default topology spreading; undefined when none does.
   */
  private defaultSpreadSelector(pod: Pod): LabelSelector | undefined {
    const ns = pod.metadata.namespace ?? 'default';
    const labels = pod.metadata.labels ?? {};
    const requirements: LabelRequirement[] = [];
    for (const svc of this.informers.services.lister.list(ns)) {
      const sel = ((svc as { spec?: unknown }).spec as { selector?: Record<string, string> } | undefined)?.selector;
      if (sel && Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => labels[k] === v)) requirements.push(...fromLabelSet(sel).requirements);
    }
    const owners = ((pod.metadata as { ownerReferences?: Array<{ kind: string; name: string }> }).ownerReferences ?? []);
    for (const owner of owners) {
      const informer = owner.kind === 'ReplicaSet' ? this.informers.replicaSets : owner.kind === 'StatefulSet' ? this.informers.statefulSets : undefined;
      const obj = informer?.lister.get(ns, owner.name);
      const parsed = fromLabelSelectorObject(((obj as { spec?: unknown } | undefined)?.spec as { selector?: never } | undefined)?.selector);
      if (parsed.ok) requirements.push(...parsed.selector.requirements);
    }
    return requirements.length > 0 ? { requirements } : undefined;
  }
}
