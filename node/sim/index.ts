// The simulated node runtime (DESIGN.md, node/sim): kwok-like nodes whose pods go through a real
// kubelet's visible life without any container, root or network setting.
//
// How `k8ts server --node-runtime sim --simulate-nodes N` (and `k8ts test`) construct them:
//   await startSimNodes(api, N, signal)            // nodes sim-node-1…N, pod CIDRs 10.42.1.0/24…10.42.N.0/24
// or, one by one (e.g. a local node named after the host on 10.42.0.0/24):
//   const client = new Client(new InProcessTransport(api.local(simNodeIdentity(name))), { fieldManager: 'kubelet' });
//   const node = new SimNode({ client, name, podCidrIndex: 0, speed, log });
//   await node.start(signal);                      // resolves once registered; node.stop() makes it go silent
// An agent (`k8ts agent --node-runtime sim`) does the same with an HttpsTransport under its node credentials.
import { Client } from '../../components/client/client.js';
import type { Clock } from '../../components/client/clock.js';
import type { ClientLogger } from '../../components/client/logger.js';
import { InProcessTransport } from '../../components/client/transport-in-process.js';
import type { LocalApi } from '../../apiserver/server.js';
import { SimNode, simNodeIdentity, type SimNodeOptions } from './sim-node.js';

export { SimNode, simNodeIdentity, type SimNodeOptions } from './sim-node.js';
export { SimKubelet, type SimKubeletOptions } from './sim-kubelet.js';
export { podLifecycle, terminatedStatus } from './pod-lifecycle.js';

export interface SimNodesOptions {
  /** Node names are `<namePrefix><i>`, i from 1 (default `sim-node-`). */
  namePrefix?: string;
  /** The pod CIDR index of the first node (default 1; 10.42.0.0/24 is left for the local node). */
  firstPodCidrIndex?: number;
  speed?: number;
  clock?: Clock;
  log?: ClientLogger;
  /** Applied to every node. */
  node?: Pick<SimNodeOptions, 'cpu' | 'memory' | 'pods' | 'labels' | 'taints'>;
}

/** Make `count` simulated nodes talking to the in-process apiserver, each as its own system:node identity. */
export function createSimNodes(api: { local(user: { name: string; groups: string[] }): LocalApi }, count: number, o: SimNodesOptions = {}): SimNode[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${o.namePrefix ?? 'sim-node-'}${i + 1}`;
    const client = new Client(new InProcessTransport(api.local(simNodeIdentity(name))), { fieldManager: 'kubelet' });
    return new SimNode({ ...o.node, client, name, podCidrIndex: (o.firstPodCidrIndex ?? 1) + i, speed: o.speed, clock: o.clock, log: o.log });
  });
}

/** Start `count` simulated nodes until `signal` aborts; resolves once all are registered. */
export async function startSimNodes(api: { local(user: { name: string; groups: string[] }): LocalApi }, count: number, signal: AbortSignal, o: SimNodesOptions = {}): Promise<void> {
  await Promise.all(createSimNodes(api, count, o).map((n) => n.start(signal)));
}
