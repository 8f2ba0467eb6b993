// A simulated node: registers its Node (or takes over the one of the same name), renews its Lease in
// kube-node-lease every 10 s (leaseDurationSeconds 40), reports its conditions every 60 s, and runs a
// SimKubelet for the pods bound to it (admitting them against the Node it registered). stop() makes it
// go silent, as a node that died: the Lease expires and the node lifecycle controller reacts; start()
// again brings it back. It acts as `system:node:<name>`, so the Node authorizer and NodeRestriction
// apply to it as to a real kubelet.
import type { Client, KubeObject } from '../../components/client/client.js';
import { realClock, sleep, type Clock } from '../../components/client/clock.js';
import { microTime } from '../../components/client/leader-election.js';
import { silentLogger, type ClientLogger } from '../../components/client/logger.js';
import { leases, nodes } from '../../components/client/resource-types.js';
import { isAlreadyExists, isNotFound } from '../../components/client/transport.js';
import { nodeAddress, nodeConditions, nodeObject, nodeStatus, type NodeCondition, type NodeShape } from './node-status.js';
import { SimKubelet, type SimKubeletOptions } from './sim-kubelet.js';
import { rfc3339 } from './types.js';

export const LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
export const LEASE_RENEW_MS = 10_000;
export const STATUS_REPORT_MS = 60_000;

export interface SimNodeOptions {
  /** A client acting as simNodeIdentity(name). */
  client: Client;
  name: string;
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: NodeShape['taints'];
  /** N of the pod CIDR 10.42.N.0/24. */
  podCidrIndex: number;
  /** Simulated seconds per real second, for pods' timelines (leases and heartbeats keep real time). */
  speed?: number;
  clock?: Clock;
  log?: ClientLogger;
}

/** The identity of a node's kubelet, for ApiServer.local(…). */
export function simNodeIdentity(name: string): { name: string; groups: string[] } {
  return { name: `system:node:${name}`, groups: ['system:nodes', 'system:authenticated'] };
}

type Lease = KubeObject & { spec?: { holderIdentity?: string; leaseDurationSeconds?: number; renewTime?: string } };
type NodeObj = KubeObject & { status?: { conditions?: NodeCondition[] } };

export class SimNode {
  readonly name: string;
  private readonly shape: NodeShape;
  private readonly clock: Clock;
  private readonly log: ClientLogger;
  private running?: AbortController;
  private done: Promise<unknown> = Promise.resolve();
  private conditions: NodeCondition[] = [];

  constructor(private readonly o: SimNodeOptions) {
    this.name = o.name;
    this.clock = o.clock ?? realClock;
    this.log = o.log ?? silentLogger;
    this.shape = { name: o.name, cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', labels: o.labels ?? {}, taints: o.taints ?? [], podCidrIndex: o.podCidrIndex };
  }

  /** Register (or refresh) the Node, take the Lease, then keep both fresh and run the pods until stop() or `signal`. Resolves once registered. */
  async start(signal?: AbortSignal): Promise<void> {
    if (this.running) return;
    const ctl = new AbortController();
    this.running = ctl;
    signal?.addEventListener('abort', () => ctl.abort(), { once: true });
    await this.register(ctl.signal);
    await this.renewLease(ctl.signal);
    const initialNode = { ...nodeObject(this.shape), status: nodeStatus(this.shape, []) } as unknown as SimKubeletOptions['initialNode'];
    const kubelet = new SimKubelet({ client: this.o.client, nodeName: this.name, podCidrIndex: this.o.podCidrIndex, hostIP: nodeAddress(this.o.podCidrIndex), initialNode, speed: this.o.speed, clock: this.clock, log: this.log });
    this.done = Promise.all([
      kubelet.run(ctl.signal),
      this.every(LEASE_RENEW_MS, ctl.signal, () => this.renewLease(ctl.signal)),
      this.every(STATUS_REPORT_MS, ctl.signal, () => this.reportStatus(ctl.signal)),
    ]);
    await kubelet.waitForSync(ctl.signal);
  }

  /** Go silent: no more Lease renewals, status reports or pod work. Resolves once everything has stopped. */
  async stop(): Promise<void> {
    this.running?.abort();
    this.running = undefined;
    await this.done;
  }

  private async register(signal: AbortSignal): Promise<void> {
    const client = this.o.client.resource<NodeObj>(nodes);
    const node = nodeObject(this.shape);
    try {
      await client.create(node, { signal });
      this.log.info({ component: 'sim-node', node: this.name }, 'registered node');
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      const existing = await client.get(this.name, { signal });
      this.conditions = existing.status?.conditions ?? [];
      await client.patch(this.name, { metadata: { labels: node.metadata?.labels, annotations: node.metadata?.annotations } }, { type: 'merge', signal });
    }
    await this.reportStatus(signal);
  }

  private async reportStatus(signal: AbortSignal): Promise<void> {
    this.conditions = nodeConditions(rfc3339(this.clock.now()), this.conditions);
    await this.o.client.resource(nodes).patch(this.name, { status: nodeStatus(this.shape, this.conditions) }, { type: 'merge', subresource: 'status', signal });
  }

  private async renewLease(signal: AbortSignal): Promise<void> {
    const client = this.o.client.resource<Lease>(leases);
    const spec = { holderIdentity: this.name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: microTime(this.clock.now()) };
    let lease: Lease | undefined;
    try {
      lease = await client.get(this.name, { namespace: LEASE_NAMESPACE, signal });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (!lease) {
      const ownerReferences = await this.nodeOwnerRef(signal);
      await client.create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: this.name, namespace: LEASE_NAMESPACE, ownerReferences }, spec }, { signal });
      return;
    }
    await client.update({ ...lease, spec: { ...lease.spec, ...spec } }, { signal });
  }

  /** The kubelet makes its Lease owned by its Node, so that deleting the Node deletes the Lease. */
  private async nodeOwnerRef(signal: AbortSignal) {
    const node = await this.o.client.resource(nodes).get(this.name, { signal });
    return [{ apiVersion: 'v1', kind: 'Node', name: this.name, uid: node.metadata!.uid! }];
  }

  private async every(ms: number, signal: AbortSignal, fn: () => Promise<void>): Promise<void> {
    for (;;) {
      await sleep(this.clock, ms, signal);
      if (signal.aborted) return;
      await fn().catch((err) => this.log.warn({ component: 'sim-node', node: this.name, err: String(err) }, 'node heartbeat failed'));
    }
  }
}
