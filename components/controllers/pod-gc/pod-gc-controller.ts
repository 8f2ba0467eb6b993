// The pod garbage collector (pkg/controller/podgc): every gcCheckPeriod (20 s) it force-deletes
// terminated pods beyond the threshold (oldest first), pods bound to nodes that no longer exist
// (after a 40 s quarantine and a live check of the node, marked Failed with a DisruptionTarget
// condition first), and terminating pods that were never scheduled.
import type { ResourceClient } from '../../client/client.js';
import type { Clock } from '../../client/clock.js';
import type { Informer } from '../../client/informer.js';
import { nodes as nodesType, pods as podsType } from '../../client/resource-types.js';
import { isNotFound } from '../../client/transport.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Node, Pod } from '../support/api-types.js';
import { isPodTerminal } from '../support/pods.js';
import { metaTime } from '../support/time.js';
import { podsOnMissingNodes, terminatedPodsToDelete, unscheduledTerminatingPods } from './gc-decisions.js';

export interface PodGcOptions {
  /** --terminated-pod-gc-threshold: 12500; 0 disables. */
  terminatedPodThreshold?: number;
  /** gcCheckPeriod: 20 s. */
  periodMs?: number;
  /** quarantineTime: 40 s before a node missing from the cache is checked and its pods deleted. */
  quarantineMs?: number;
  clock?: Clock;
}

const KEY = 'pod-gc';

export class PodGcController implements Controller {
  readonly name = 'pod-garbage-collector';
  private pods!: Informer<Pod>;
  private nodes!: Informer<Node>;
  private podClient!: ResourceClient<Pod>;
  private nodeClient!: ResourceClient<Node>;
  private clock!: Clock;
  /** Nodes missing from the cache, with when we first noticed. */
  private readonly missingSince = new Map<string, number>();

  constructor(private readonly o: PodGcOptions = {}) {}

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.clock = this.o.clock ?? ctx.clock;
    this.podClient = ctx.client.resource<Pod>(podsType);
    this.nodeClient = ctx.client.resource<Node>(nodesType);
    this.pods = ctx.informers.informerFor<Pod>(podsType);
    this.nodes = ctx.informers.informerFor<Node>(nodesType);
    enqueue(KEY);
  }

  async reconcile(): Promise<ReconcileResult> {
    const pods = this.pods.lister.list();
    const now = this.clock.now();
    for (const pod of terminatedPodsToDelete(pods, this.o.terminatedPodThreshold ?? 12_500)) await this.forceDelete(pod);

    const orphans = podsOnMissingNodes(pods, (n) => !!this.nodes.lister.get(undefined, n));
    const missing = new Set(orphans.map((p) => p.spec.nodeName!));
    for (const n of [...this.missingSince.keys()]) if (!missing.has(n)) this.missingSince.delete(n);
    const quarantine = this.o.quarantineMs ?? 40_000;
    let wait = this.o.periodMs ?? 20_000;
    for (const name of missing) {
      const since = this.missingSince.get(name) ?? now;
      this.missingSince.set(name, since);
      if (now - since < quarantine) {
        wait = Math.min(wait, since + quarantine - now);
        continue;
      }
      const exists = await this.nodeClient.get(name).then(
        () => true,
        (err) => (isNotFound(err) ? false : Promise.reject(err)),
      );
      if (exists) continue;
      for (const pod of orphans.filter((p) => p.spec.nodeName === name)) {
        await this.markFailed(pod, 'DeletionByPodGC', 'PodGC: node no longer exists', now);
        await this.forceDelete(pod);
      }
      this.missingSince.delete(name);
    }
    for (const pod of unscheduledTerminatingPods(pods)) await this.forceDelete(pod);
    return { requeueAfter: Math.max(1, wait) };
  }

  /** Phase Failed with a DisruptionTarget condition, unless already terminal (markFailedAndDeletePod). */
  private async markFailed(pod: Pod, reason: string, message: string, now: number): Promise<void> {
    if (isPodTerminal(pod)) return;
    const condition = { type: 'DisruptionTarget', status: 'True', reason, message, lastTransitionTime: metaTime(now) };
    await this.podClient
      .patch(pod.metadata.name!, { status: { phase: 'Failed', conditions: [condition] } }, { type: 'strategic', namespace: pod.metadata.namespace, subresource: 'status' })
      .catch((err) => {
        if (!isNotFound(err)) throw err;
      });
  }

  private async forceDelete(pod: Pod): Promise<void> {
    await this.podClient.delete(pod.metadata.name!, { namespace: pod.metadata.namespace, gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } }).catch((err) => {
      if (!isNotFound(err) && (err as { code?: number }).code !== 409) throw err;
    });
  }
}
