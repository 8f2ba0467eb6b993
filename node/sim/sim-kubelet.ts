// The simulated kubelet: watches the pods bound to its node and drives each through a real kubelet's
// visible life (pod-lifecycle.ts decides; this file only does the I/O): it writes their status through
// the status subresource, records the events a kubelet records, re-syncs when the timeline says the
// next change is due (timers on the injected clock), and stops pods being deleted: Killing, then after
// min(grace period, STOP_SECONDS) the final status and `DELETE gracePeriodSeconds=0` with a UID
// precondition, as a kubelet does. It runs no container and touches no network setting; pod IPs come
// from the node's /24 and are never routed.
import type { Client } from '../../components/client/client.js';
import { realClock, type Clock, type TimerHandle } from '../../components/client/clock.js';
import { EventRecorder } from '../../components/client/event-recorder.js';
import { Informer } from '../../components/client/informer.js';
import { silentLogger, type ClientLogger } from '../../components/client/logger.js';
import { pods } from '../../components/client/resource-types.js';
import { keyOf, splitKey } from '../../components/client/store.js';
import { isNotFound } from '../../components/client/transport.js';
import { WorkQueue } from '../../components/client/work-queue.js';
import { podLifecycle, terminatedStatus } from './pod-lifecycle.js';
import { fetchPodWorld } from './pod-world.js';
import type { Pod, PodStatus } from './types.js';

/** How long (simulated seconds) stopping a pod's containers takes, when the grace period is longer. */
export const STOP_SECONDS = 1;
/** How often (simulated ms) a pod held up by a missing object looks again (a kubelet re-syncs about every 10 s). */
const WORLD_RETRY_MS = 10_000;

export interface SimKubeletOptions {
  /** A client acting as `system:node:<nodeName>` (simNodeIdentity). */
  client: Client;
  nodeName: string;
  /** N of the node's pod CIDR 10.42.N.0/24. */
  podCidrIndex: number;
  hostIP: string;
  /** Simulated seconds per real second (default 1). */
  speed?: number;
  clock?: Clock;
  log?: ClientLogger;
}

interface PodState {
  uid: string;
  startMs: number;
  podIP: string;
  emitted: Set<string>;
  timer?: TimerHandle;
  killingAt?: number;
}

export class SimKubelet {
  private readonly clock: Clock;
  private readonly log: ClientLogger;
  private readonly speed: number;
  private readonly informer: Informer<Pod>;
  private readonly queue: WorkQueue<string>;
  private readonly recorder: EventRecorder;
  private readonly states = new Map<string, PodState>();
  private readonly usedIPs = new Set<number>();

  constructor(private readonly o: SimKubeletOptions) {
    this.clock = o.clock ?? realClock;
    this.log = o.log ?? silentLogger;
    this.speed = o.speed ?? 1;
    this.informer = new Informer<Pod>({ source: o.client.resource<Pod>(pods), fieldSelector: `spec.nodeName=${o.nodeName}`, clock: this.clock, log: this.log });
    this.queue = new WorkQueue<string>({ clock: this.clock });
    this.recorder = new EventRecorder({ client: o.client, component: 'kubelet', host: o.nodeName, clock: this.clock, log: this.log });
    const enqueue = (obj: unknown) => this.queue.add(keyOf((obj as { obj?: Pod }).obj ?? (obj as Pod)));
    this.informer.addEventHandler({ add: enqueue, update: (_old, obj) => enqueue(obj), delete: enqueue });
  }

  /** Runs until `signal` aborts; resolves then. Never throws. */
  async run(signal: AbortSignal): Promise<void> {
    signal.addEventListener('abort', () => this.queue.shutDown(), { once: true });
    const informer = this.informer.run(signal);
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
    await this.recorder.flush();
  }

  /** Resolves once the pod informer has listed. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    return this.informer.waitForSync(signal);
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
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    const world = await fetchPodWorld(this.o.client, pod, signal);
    const now = this.clock.now();
    const r = podLifecycle({ pod, world, startMs: state.startMs, nowMs: now, speed: this.speed, podIP: state.podIP, hostIP: this.o.hostIP });
    for (const e of r.events) {
      if (state.emitted.has(e.key)) continue;
      state.emitted.add(e.key);
      this.recorder.event(podRef(pod, e.fieldPath), e.type, e.reason, e.message);
    }
    await this.writeStatus(pod, r.status, signal);
    const retry = r.blockedOnWorld ? now + Math.max(100, WORLD_RETRY_MS / this.speed) : undefined;
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
    if (JSON.stringify(merged) === JSON.stringify(pod.status)) return;
    try {
      await this.o.client.resource<Pod>(pods).patch(pod.metadata.name!, { metadata: { uid: pod.metadata.uid }, status }, { namespace: pod.metadata.namespace, type: 'merge', subresource: 'status', signal });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private begin(key: string, pod: Pod): PodState {
    const started = pod.status?.startTime ? Date.parse(pod.status.startTime) : NaN;
    const state: PodState = { uid: pod.metadata.uid!, startMs: Number.isFinite(started) ? started : this.clock.now(), podIP: this.allocateIP(pod.status?.podIP), emitted: new Set() };
    this.states.set(key, state);
    return state;
  }

  private forget(key: string, state: PodState): void {
    if (state.timer !== undefined) this.clock.clearTimeout(state.timer);
    this.usedIPs.delete(Number(state.podIP.split('.')[3]));
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
