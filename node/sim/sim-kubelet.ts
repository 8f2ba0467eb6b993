// The simulated kubelet: watches the pods bound to its node and drives each through a real kubelet's
// visible life (pod-lifecycle.ts decides; this file only does the I/O). A pod it sees for the first time
// is admitted or rejected against its Node and the pods it admitted before (pod-admission.ts); a
// rejected pod is written Failed with a Warning event and never runs. It writes their status through
// the status subresource, records the events a kubelet records, re-syncs when the timeline says the
// next change is due (timers on the injected clock), and stops pods being deleted: Killing, then after
// min(grace period, STOP_SECONDS) the final status and `DELETE gracePeriodSeconds=0` with a UID
// precondition, as a kubelet does. It runs no container and touches no network setting; pod IPs come
// from the node's /24 and are never routed.
import type { Client, KubeObject } from '../../components/client/client.js';
import { realClock, type Clock, type TimerHandle } from '../../components/client/clock.js';
import { EventRecorder } from '../../components/client/event-recorder.js';
import { Informer } from '../../components/client/informer.js';
import { silentLogger, type ClientLogger } from '../../components/client/logger.js';
import { nodes, pods } from '../../components/client/resource-types.js';
import { keyOf, splitKey } from '../../components/client/store.js';
import { isNotFound } from '../../components/client/transport.js';
import { WorkQueue } from '../../components/client/work-queue.js';
import { deepEqual } from '../../components/controllers/support/deep-equal.js';
import type { Node as SchedulerNode, Pod as SchedulerPod } from '../../components/scheduler/framework/api-types.js';
import { admitPod, type AdmissionVerdict } from './pod-admission.js';
import { podLifecycle, rejectedStatus, terminatedStatus } from './pod-lifecycle.js';
import { fetchPodWorld } from './pod-world.js';
import type { Pod, PodStatus } from './types.js';

type Rejection = Extract<AdmissionVerdict, { admit: false }>;

/** How long (simulated seconds) stopping a pod's containers takes, when the grace period is longer. */
export const STOP_SECONDS = 1;
/**
 * How often (simulated ms) a pod held up by a missing object (or an unbound claim) looks again: a failed
 * pod sync is retried after the pod worker's backOffPeriod, 10 s.
 */
const WORLD_RETRY_MS = 10_000;
/** How often (simulated ms) a pod waiting for a claim to bind looks again (the volume manager's populator loops fast). */
const CLAIM_RETRY_MS = 1_000;

export interface SimKubeletOptions {
  /** A client acting as `system:node:<nodeName>` (simNodeIdentity). */
  client: Client;
  nodeName: string;
  /** N of the node's pod CIDR 10.42.N.0/24. */
  podCidrIndex: number;
  hostIP: string;
  /**
   * The Node as the kubelet registers it (labels, taints, status.allocatable): admission reads it until
   * the Node informer has the stored one (upstream's getNodeAnyWay falls back to initialNode the same way).
   */
  initialNode: SchedulerNode;
  /** Simulated seconds per real second (default 1). */
  speed?: number;
  clock?: Clock;
  log?: ClientLogger;
}

interface PodState {
  uid: string;
  startMs: number;
  /** None for a pod refused at admission. */
  podIP?: string;
  /** Set when admission refused the pod. */
  rejected?: Rejection;
  emitted: Set<string>;
  timer?: TimerHandle;
  killingAt?: number;
  /** A volume could not be set up at some sync; mountedAtMs is when they all could. */
  mountBlocked?: boolean;
  mountedAtMs?: number;
}

export class SimKubelet {
  private readonly clock: Clock;
  private readonly log: ClientLogger;
  private readonly speed: number;
  private readonly informer: Informer<Pod>;
  private readonly nodeInformer: Informer<KubeObject>;
  private readonly queue: WorkQueue<string>;
  private readonly recorder: EventRecorder;
  private readonly states = new Map<string, PodState>();
  private readonly usedIPs = new Set<number>();

  constructor(private readonly o: SimKubeletOptions) {
    this.clock = o.clock ?? realClock;
    this.log = o.log ?? silentLogger;
    this.speed = o.speed ?? 1;
    this.informer = new Informer<Pod>({ source: o.client.resource<Pod>(pods), fieldSelector: `spec.nodeName=${o.nodeName}`, clock: this.clock, log: this.log });
    this.nodeInformer = new Informer<KubeObject>({ source: o.client.resource(nodes), fieldSelector: `metadata.name=${o.nodeName}`, clock: this.clock, log: this.log });
    this.queue = new WorkQueue<string>({ clock: this.clock });
    this.recorder = new EventRecorder({ client: o.client, component: 'kubelet', host: o.nodeName, clock: this.clock, log: this.log });
    const enqueue = (obj: unknown) => this.queue.add(keyOf((obj as { obj?: Pod }).obj ?? (obj as Pod)));
    this.informer.addEventHandler({ add: enqueue, update: (_old, obj) => enqueue(obj), delete: enqueue });
  }

  /** Runs until `signal` aborts; resolves then. Never throws. */
  async run(signal: AbortSignal): Promise<void> {
    signal.addEventListener('abort', () => this.queue.shutDown(), { once: true });
    const informer = this.informer.run(signal);
    const nodeInformer = this.nodeInformer.run(signal);
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) break;
      try {
        await this.sync(key, signal);
        this.queue.forget(key);
      } catch (err) {
        if (signal.aborted) break;
        this.log.warn({ component: 'sim-kubelet', key, err: String(err) }, 'pod sync failed');
        this.queue.addRateLimited(key);
      } finally {
        this.queue.done(key);
      }
    }
    for (const s of this.states.values()) if (s.timer !== undefined) this.clock.clearTimeout(s.timer);
    await informer;
    await nodeInformer;
    await this.recorder.flush();
  }

  /** Resolves once the pod and Node informers have listed. */
  async waitForSync(signal?: AbortSignal): Promise<boolean> {
    const synced = await Promise.all([this.informer.waitForSync(signal), this.nodeInformer.waitForSync(signal)]);
    return synced.every(Boolean);
  }

  private async sync(key: string, signal: AbortSignal): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.informer.lister.get(namespace, name);
    let state = this.states.get(key);
    if (state && state.uid !== pod?.metadata.uid) {
      this.forget(key, state);
      state = undefined;
    }
    if (!pod) return;
    state ??= this.begin(key, pod);
    if (pod.metadata.deletionTimestamp) return this.terminate(key, pod, state, signal);
    if (state.rejected) return this.reject(pod, state, signal);
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    const world = await fetchPodWorld(this.o.client, pod, signal);
    const now = this.clock.now();
    const mountedAtMs = state.mountedAtMs ?? (state.mountBlocked ? now : undefined);
    const r = podLifecycle({ pod, world, startMs: state.startMs, mountedAtMs, nowMs: now, speed: this.speed, podIP: state.podIP ?? '', hostIP: this.o.hostIP });
    if (r.blockedOnMounts) state.mountBlocked = true;
    else if (state.mountBlocked) state.mountedAtMs ??= now;
    for (const e of r.events) {
      if (state.emitted.has(e.key)) continue;
      state.emitted.add(e.key);
      this.recorder.event(podRef(pod, e.fieldPath), e.type, e.reason, e.message);
    }
    await this.writeStatus(pod, r.status, signal);
    const retry = r.blockedOnClaims ? now + Math.max(100, CLAIM_RETRY_MS / this.speed) : r.blockedOnWorld ? now + Math.max(100, WORLD_RETRY_MS / this.speed) : undefined;
    const next = [r.nextMs, retry].filter((t): t is number => t !== undefined);
    if (next.length) this.schedule(key, state, Math.min(...next) - now);
  }

  private async terminate(key: string, pod: Pod, state: PodState, signal: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    const stopMs = (Math.min(grace, STOP_SECONDS) * 1000) / this.speed;
    if (state.killingAt === undefined) {
      state.killingAt = now;
      for (const s of pod.status?.containerStatuses ?? []) {
        if ('running' in s.state) this.recorder.event(podRef(pod, `spec.containers{${s.name}}`), 'Normal', 'Killing', `Stopping container ${s.name}`);
      }
    }
    if (now < state.killingAt + stopMs) return this.schedule(key, state, state.killingAt + stopMs - now);
    await this.writeStatus(pod, terminatedStatus(pod, now), signal);
    try {
      await this.o.client.resource<Pod>(pods).delete(pod.metadata.name!, { namespace: pod.metadata.namespace, gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid }, signal });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private async writeStatus(pod: Pod, status: PodStatus, signal: AbortSignal): Promise<void> {
    const merged = { ...pod.status, ...status };
    if (deepEqual(merged, pod.status)) return;
    try {
      await this.o.client.resource<Pod>(pods).patch(pod.metadata.name!, { metadata: { uid: pod.metadata.uid }, status }, { namespace: pod.metadata.namespace, type: 'merge', subresource: 'status', signal });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /**
   * The kubelet's first look at a pod: admission, unless the pod is already terminal, being deleted, or
   * was begun before (it has a start time: this kubelet restarted and admits what it ran).
   */
  private begin(key: string, pod: Pod): PodState {
    const started = pod.status?.startTime ? Date.parse(pod.status.startTime) : NaN;
    const startMs = Number.isFinite(started) ? started : this.clock.now();
    const phase = pod.status?.phase;
    const fresh = !pod.status?.startTime && !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
    const verdict = fresh ? admitPod({ pod: pod as unknown as SchedulerPod, node: this.node(), admitted: this.activePods() }) : undefined;
    const state: PodState =
      verdict && !verdict.admit
        ? { uid: pod.metadata.uid!, startMs, rejected: verdict, emitted: new Set() }
        : { uid: pod.metadata.uid!, startMs, podIP: this.allocateIP(pod.status?.podIP), emitted: new Set() };
    this.states.set(key, state);
    return state;
  }

  /** Record the refusal once and write the pod Failed (again, if an earlier write failed). */
  private async reject(pod: Pod, state: PodState, signal: AbortSignal): Promise<void> {
    const verdict = state.rejected;
    if (!verdict) return;
    if (!state.emitted.has('rejected')) {
      state.emitted.add('rejected');
      this.log.info({ component: 'sim-kubelet', key: keyOf(pod), reason: verdict.reason }, 'pod rejected at admission');
      this.recorder.event(podRef(pod), 'Warning', verdict.reason, verdict.message);
    }
    if (pod.status?.phase === 'Failed') return;
    await this.writeStatus(pod, rejectedStatus(pod, verdict, this.clock.now()), signal);
  }

  /** The Node as the informer has it, else as registered. */
  private node(): SchedulerNode {
    return (this.nodeInformer.lister.get(undefined, this.o.nodeName) as unknown as SchedulerNode | undefined) ?? this.o.initialNode;
  }

  /** The pods this kubelet admitted that are still active (not Succeeded or Failed), in order of arrival. */
  private activePods(): SchedulerPod[] {
    const out: SchedulerPod[] = [];
    for (const [key, state] of this.states) {
      if (state.rejected) continue;
      const { namespace, name } = splitKey(key);
      const pod = this.informer.lister.get(namespace, name);
      if (!pod || pod.metadata.uid !== state.uid || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
      out.push(pod as unknown as SchedulerPod);
    }
    return out;
  }

  private forget(key: string, state: PodState): void {
    if (state.timer !== undefined) this.clock.clearTimeout(state.timer);
    if (state.podIP) this.usedIPs.delete(Number(state.podIP.split('.')[3]));
    this.states.delete(key);
  }

  private schedule(key: string, state: PodState, delayMs: number): void {
    if (state.timer !== undefined) this.clock.clearTimeout(state.timer);
    state.timer = this.clock.setTimeout(() => {
      state.timer = undefined;
      this.queue.add(key);
    }, Math.max(0, delayMs));
  }

  /** The pod's IP from the node's /24: the one it already reports, else the lowest free of .2–.254 (.1 is the node's). */
  private allocateIP(reported?: string): string {
    const prefix = `10.42.${this.o.podCidrIndex}.`;
    if (reported?.startsWith(prefix)) {
      this.usedIPs.add(Number(reported.slice(prefix.length)));
      return reported;
    }
    for (let host = 2; host < 255; host++) {
      if (this.usedIPs.has(host)) continue;
      this.usedIPs.add(host);
      return prefix + host;
    }
    throw new Error(`node ${this.o.nodeName}: no free pod IP in ${prefix}0/24`);
  }
}

function podRef(pod: Pod, fieldPath?: string) {
  const ref = { apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  return fieldPath ? { ...ref, fieldPath } : ref;
}
