// A DaemonSet's status counts (upstream updateDaemonSetStatus). Pure.
import { isPodAvailable, isPodReady } from '../workload-common/pod-state.js';
import type { DaemonSet, DaemonSetStatus, Node, Pod } from '../workload-common/types.js';
import { nodeShouldRunDaemonPod } from './node-eligibility.js';
import { byAge, HASH_LABEL } from './sync-plan.js';

export function computeDaemonStatus(ds: DaemonSet, nodes: readonly Node[], nodeToPods: ReadonlyMap<string, Pod[]>, hash: string, nowMs: number): Omit<DaemonSetStatus, 'observedGeneration' | 'collisionCount' | 'conditions'> {
  let desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0, availableCount = 0;
  for (const node of nodes) {
    const pods = [...(nodeToPods.get(node.metadata!.name!) ?? [])];
    const scheduled = pods.length > 0;
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) {
      if (scheduled) misscheduled++;
      continue;
    }
    desired++;
    if (!scheduled) continue;
    current++;
    const pod = pods.sort(byAge)[0]!;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, ds.spec?.minReadySeconds, nowMs)) availableCount++;
    }
    if (hash && pod.metadata?.labels?.[HASH_LABEL] === hash) updated++;
  }
  return {
    desiredNumberScheduled: desired,
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    updatedNumberScheduled: updated,
    numberAvailable: availableCount,
    numberUnavailable: desired - availableCount,
  };
}
