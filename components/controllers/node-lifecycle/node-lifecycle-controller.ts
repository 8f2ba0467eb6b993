// The node lifecycle controller (pkg/controller/nodelifecycle) with the taint eviction controller
// (pkg/controller/tainteviction) folded in: it watches kubelets' heartbeats (the Node's Ready
// condition and its Lease in kube-node-lease), marks a quiet node's conditions Unknown after the grace
// period, keeps the condition taints in step, and deletes the pods a NoExecute taint evicts.
// Not mirrored: per-zone rate limiting of NoExecute tainting (taints go on at once) and cloud node removal.
import type { Client } from '../../client/client.js';
import type { Clock } from '../../client/clock.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Informer } from '../../client/informer.js';
import { leases as leasesType, nodes as nodesType, pods as podsType } from '../../client/resource-types.js';
import { NODE_NAME_INDEX } from '../../client/store.js';
import { isNotFound } from '../../client/transport.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Lease, Node, Pod } from '../support/api-types.js';
import { deepEqual } from '../support/deep-equal.js';
import { metaTime } from '../support/time.js';
import { unwrapTombstone } from '../support/tombstone.js';
import { desiredTaints, evictionTime, readyCondition, staleNodeConditions } from './node-health.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export interface NodeLifecycleOptions {
  /** --node-monitor-grace-period: 50 s. */
  gracePeriodMs?: number;
  /** --node-startup-grace-period (Ready never posted): 60 s. */
  startupGracePeriodMs?: number;
  /** --node-monitor-period: how often a node is looked at again, 5 s. */
  monitorPeriodMs?: number;
  /** Overrides the context's clock. */
  clock?: Clock;
}

interface Health {
  /** When we last saw the kubelet say something (our clock, not the kubelet's). */
  probeMs: number;
  observed: string;
  readyStatus?: string;
}

export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  private nodes!: Informer<Node>;
  private leases!: Informer<Lease>;
  private pods!: Informer<Pod>;
  private client!: Client;
  private clock!: Clock;
  private recorder!: EventRecorder;
  private readonly health = new Map<string, Health>();
  private readonly grace: number;
  private readonly startupGrace: number;
  private readonly period: number;

  constructor(private readonly o: NodeLifecycleOptions = {}) {
    this.grace = o.gracePeriodMs ?? 50_000;
    this.startupGrace = o.startupGracePeriodMs ?? 60_000;
    this.period = o.monitorPeriodMs ?? 5_000;
  }

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.client = ctx.client;
    this.clock = this.o.clock ?? ctx.clock;
    this.recorder = ctx.recorder('node-controller');
    this.nodes = ctx.informers.informerFor<Node>(nodesType);
    this.leases = ctx.informers.informerFor<Lease>(leasesType);
    this.pods = ctx.informers.informerFor<Pod>(podsType);
    const byName = (n: Node) => enqueue(n.metadata.name!);
    this.nodes.addEventHandler({ add: byName, update: (_o, n) => byName(n), delete: (n) => byName(unwrapTombstone(n)) });
    const onLease = (l: Lease) => {
      if (l.metadata.namespace === NODE_LEASE_NAMESPACE) enqueue(l.metadata.name!);
    };
    this.leases.addEventHandler({ add: onLease, update: (_o, n) => onLease(n) });
    const onPod = (p: Pod) => {
      if (p.spec.nodeName) enqueue(p.spec.nodeName);
    };
    this.pods.addEventHandler({ add: onPod, update: (_o, n) => onPod(n) });
  }

  async reconcile(name: string): Promise<ReconcileResult | void> {
    let node = this.nodes.lister.get(undefined, name);
    if (!node) {
      this.health.delete(name);
      return;
    }
    const now = this.clock.now();
    const nowIso = metaTime(now);
    const ready = readyCondition(node);
    const lease = this.leases.lister.get(NODE_LEASE_NAMESPACE, name);
    const observed = JSON.stringify([ready?.lastHeartbeatTime, ready?.status, lease?.spec?.renewTime]);
    let h = this.health.get(name);
    if (!h || h.observed !== observed) {
      h = { probeMs: now, observed, readyStatus: h?.readyStatus ?? ready?.status };
      this.health.set(name, h);
    }
    const grace = ready ? this.grace : this.startupGrace;
    const expiresAt = h.probeMs + grace;
    const nodes = this.client.resource<Node>(nodesType);

    if (now > expiresAt) {
      const conditions = staleNodeConditions(node, nowIso);
      if (conditions) {
        node = await nodes.updateStatus({ ...node, status: { ...node.status, conditions } });
        // Our own write is not news from the kubelet.
        h.observed = JSON.stringify([readyCondition(node)?.lastHeartbeatTime, readyCondition(node)?.status, lease?.spec?.renewTime]);
      }
    }
    const readyNow = readyCondition(node)?.status;
    if (h.readyStatus === 'True' && readyNow !== 'True') await this.markPodsNotReady(node);
    h.readyStatus = readyNow;

    const taints = desiredTaints(node, nowIso);
    if (!deepEqual(taints, node.spec?.taints ?? [])) {
      node = await nodes.patch(name, { spec: { taints } }, { type: 'merge' });
    }
    const nextEviction = await this.evictPods(node, now);
    const waits = [this.period, now <= expiresAt ? expiresAt - now + 1 : this.period];
    if (nextEviction !== undefined) waits.push(Math.max(1, nextEviction - now));
    return { requeueAfter: Math.min(...waits) };
  }

  /** MarkPodsNotReady: every pod on the node gets Ready=False, and a NodeNotReady event. */
  private async markPodsNotReady(node: Node): Promise<void> {
    this.recorder.event(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
    const pods = this.client.resource<Pod>(podsType);
    for (const pod of this.pods.lister.byIndex(NODE_NAME_INDEX, node.metadata.name!)) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const patch = { status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: metaTime(this.clock.now()) }] } };
      await pods.patch(pod.metadata.name!, patch, { type: 'strategic', namespace: pod.metadata.namespace, subresource: 'status' }).catch(ignoreNotFound);
      this.recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
  }

  /** The taint eviction pass; returns when the next eviction is due, if any. */
  private async evictPods(node: Node, now: number): Promise<number | undefined> {
    const taints = node.spec?.taints ?? [];
    if (!taints.some((t) => t.effect === 'NoExecute')) return undefined;
    const pods = this.client.resource<Pod>(podsType);
    let next: number | undefined;
    for (const pod of this.pods.lister.byIndex(NODE_NAME_INDEX, node.metadata.name!)) {
      if (pod.metadata.deletionTimestamp) continue;
      const at = evictionTime(pod, taints, now);
      if (at === undefined) continue;
      if (at > now) {
        next = next === undefined ? at : Math.min(next, at);
        continue;
      }
      const namespace = pod.metadata.namespace;
      this.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${pod.metadata.name}`);
      const condition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: metaTime(now) };
      await pods.patch(pod.metadata.name!, { status: { conditions: [condition] } }, { type: 'strategic', namespace, subresource: 'status' }).catch(ignoreNotFound);
      await pods.delete(pod.metadata.name!, { namespace }).catch(ignoreNotFound);
    }
    return next;
  }
}

function ignoreNotFound(err: unknown): void {
  if (!isNotFound(err)) throw err;
}
