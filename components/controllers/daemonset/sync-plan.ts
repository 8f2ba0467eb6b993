// What a DaemonSet sync changes (upstream daemon_controller.go manage/podsShouldBeOnNode and
// update.go rollingUpdate), decided from a snapshot. Pure.
// - manage: a node that should run a daemon pod and has none gets one; failed and succeeded pods are
//   deleted (to be recreated); extra pods on a node are deleted, keeping the oldest (with surge: the
//   oldest new one, and the oldest old one while the new one is not yet available); a node that may
//   no longer run the pod loses it. Pods pinned to a node that no longer exists are deleted too.
// - rolling update, maxSurge 0: old pods are deleted (and recreated by manage) while fewer than
//   maxUnavailable daemon pods are unavailable; unavailable old pods are always replaced.
// - rolling update with maxSurge: a new pod is created beside an old one on up to maxSurge nodes;
//   the old pod goes once the new one is available.
import { scaledValue } from '../workload-common/int-or-percent.js';
import { createdMs, isPodAvailable, isPodReady } from '../workload-common/pod-state.js';
import type { DaemonSet, Node, Pod } from '../workload-common/types.js';
import { nodeShouldRunDaemonPod } from './node-eligibility.js';

export const HASH_LABEL = 'controller-revision-hash';

export interface DaemonPlan {
  /** Nodes to create a daemon pod for. */
  createOn: string[];
  /** Pods to delete, with the reason (events, logs). */
  delete: Array<{ pod: Pod; why: string }>;
}

/** podByCreationTimestampAndPhase: scheduled first, then oldest, then by name. */
export function byAge(a: Pod, b: Pod): number {
  const sa = a.spec?.nodeName ? 0 : 1;
  const sb = b.spec?.nodeName ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ta = createdMs(a);
  const tb = createdMs(b);
  if (ta !== tb) return ta - tb;
  return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
}

const allowsSurge = (ds: DaemonSet) => ds.spec?.updateStrategy?.type === 'RollingUpdate' && scaledValue(ds.spec.updateStrategy.rollingUpdate?.maxSurge ?? 0, 1, true) > 0;
const isUpdated = (pod: Pod, hash: string) => !!hash && pod.metadata?.labels?.[HASH_LABEL] === hash;

export function planManage(ds: DaemonSet, nodes: readonly Node[], nodeToPods: ReadonlyMap<string, Pod[]>, hash: string, nowMs: number): DaemonPlan {
  const plan: DaemonPlan = { createOn: [], delete: [] };
  const minReady = ds.spec?.minReadySeconds;
  for (const node of nodes) {
    const name = node.metadata!.name!;
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
    const pods = nodeToPods.get(name);
    if (shouldRun && !pods?.length) {
      plan.createOn.push(name);
    } else if (shouldContinueRunning) {
      const running: Pod[] = [];
      for (const pod of pods ?? []) {
        if (pod.metadata?.deletionTimestamp) continue;
        if (pod.status?.phase === 'Failed') plan.delete.push({ pod, why: 'failed' });
        else if (pod.status?.phase === 'Succeeded') plan.delete.push({ pod, why: 'succeeded' });
        else running.push(pod);
      }
      running.sort(byAge);
      if (!allowsSurge(ds)) {
        for (const pod of running.slice(1)) plan.delete.push({ pod, why: 'excess' });
        continue;
      }
      if (running.length === 0 && shouldRun) plan.createOn.push(name);
      if (running.length <= 1) continue;
      let oldestNew: Pod | undefined;
      let oldestOld: Pod | undefined;
      for (const pod of running) {
        if (isUpdated(pod, hash) && !oldestNew) oldestNew = pod;
        else if (!isUpdated(pod, hash) && !oldestOld) oldestOld = pod;
        else plan.delete.push({ pod, why: 'excess' });
      }
      if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReady, nowMs))) plan.delete.push({ pod: oldestOld, why: 'replaced' });
    } else if (pods) {
      for (const pod of pods) if (!pod.metadata?.deletionTimestamp) plan.delete.push({ pod, why: 'not eligible' });
    }
  }
  const known = new Set(nodes.map((n) => n.metadata?.name));
  for (const [node, pods] of nodeToPods) {
    if (known.has(node)) continue;
    for (const pod of pods) if (!pod.metadata?.deletionTimestamp) plan.delete.push({ pod, why: 'node gone' });
  }
  return plan;
}

/** findUpdatedPodsOnNode: the one new and one old live pod of a node; undefined when there are more. */
function updatedPodsOnNode(pods: readonly Pod[], hash: string): { newPod?: Pod; oldPod?: Pod } | undefined {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    if (isUpdated(pod, hash)) {
      if (newPod) return undefined;
      newPod = pod;
    } else {
      if (oldPod) return undefined;
      oldPod = pod;
    }
  }
  return { newPod, oldPod };
}

/** updatedDesiredNodeCounts: maxSurge and maxUnavailable over the nodes that should run the pod (unavailable 1 when both are 0). */
export function desiredCounts(ds: DaemonSet, nodes: readonly Node[]): { desired: number; maxSurge: number; maxUnavailable: number; eligible: Set<string> } {
  const eligible = new Set(nodes.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun).map((n) => n.metadata!.name!));
  const rolling = ds.spec?.updateStrategy?.type === 'RollingUpdate' ? ds.spec.updateStrategy.rollingUpdate : undefined;
  const desired = eligible.size;
  let maxUnavailable = rolling ? scaledValue(rolling.maxUnavailable ?? 1, desired, true) : 0;
  const maxSurge = rolling ? scaledValue(rolling.maxSurge ?? 0, desired, true) : 0;
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { desired, maxSurge, maxUnavailable, eligible };
}

export function planRollingUpdate(ds: DaemonSet, nodes: readonly Node[], nodeToPods: ReadonlyMap<string, Pod[]>, hash: string, nowMs: number): DaemonPlan {
  const { desired, maxSurge, maxUnavailable, eligible } = desiredCounts(ds, nodes);
  const minReady = ds.spec?.minReadySeconds;
  const available = (p: Pod) => isPodAvailable(p, minReady, nowMs);
  const all = new Map(nodeToPods);
  for (const n of eligible) if (!all.has(n)) all.set(n, []);
  const names = [...all.keys()].sort();
  const plan: DaemonPlan = { createOn: [], delete: [] };
  if (maxSurge === 0) {
    let unavailable = 0;
    const candidates: Pod[] = [];
    for (const node of names) {
      const found = updatedPodsOnNode(all.get(node)!, hash);
      if (!found) {
        unavailable++;
        continue;
      }
      const { newPod, oldPod } = found;
      if ((!oldPod && !newPod) || (oldPod && newPod)) unavailable++;
      else if (newPod) {
        if (!available(newPod)) unavailable++;
      } else if (!available(oldPod!)) plan.delete.push({ pod: oldPod!, why: 'outdated and unavailable' });
      else if (unavailable < maxUnavailable) candidates.push(oldPod!);
    }
    const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    for (const pod of candidates.slice(0, room)) plan.delete.push({ pod, why: 'outdated' });
    return plan;
  }
  let surge = 0;
  let numAvailable = 0;
  const candidateNodes: string[] = [];
  const shouldNotRun: Pod[] = [];
  for (const node of names) {
    const found = updatedPodsOnNode(all.get(node)!, hash);
    if (!found) {
      surge++;
      continue;
    }
    const { newPod, oldPod } = found;
    if (oldPod ? available(oldPod) : newPod && available(newPod)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) {
        if (!eligible.has(node)) plan.delete.push({ pod: oldPod, why: 'outdated, unavailable, not eligible' });
        else plan.createOn.push(node);
      } else if (!eligible.has(node)) shouldNotRun.push(oldPod);
      else if (surge < maxSurge) candidateNodes.push(node);
      continue;
    }
    if (!available(newPod)) surge++;
    else plan.delete.push({ pod: oldPod, why: 'replaced' });
  }
  const deletable = Math.min(Math.max(0, numAvailable - desired), shouldNotRun.length);
  for (const pod of shouldNotRun.slice(0, deletable)) plan.delete.push({ pod, why: 'not eligible' });
  plan.createOn.push(...candidateNodes.slice(0, Math.max(0, Math.min(maxSurge - surge, candidateNodes.length))));
  return plan;
}
