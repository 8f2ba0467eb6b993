// The pure decisions of the node lifecycle controller (mirrors nodelifecycle's tryUpdateNodeHealth,
// doNoScheduleTaintingPass and the NoExecute taint swap, and the taint eviction controller).
import type { Condition, Node, Pod, Taint } from '../support/api-types.js';
import { tolerates } from '../support/selectors.js';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** Conditions that become Unknown when the kubelet goes quiet (upstream's list). */
const WATCHED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** NoSchedule taints by condition (nodeConditionToTaintKeyStatusMap). */
const NO_SCHEDULE_BY_CONDITION: Array<{ type: string; status: string; key: string }> = [
  { type: 'Ready', status: 'False', key: TAINT_NOT_READY },
  { type: 'Ready', status: 'Unknown', key: TAINT_UNREACHABLE },
  { type: 'MemoryPressure', status: 'True', key: 'node.kubernetes.io/memory-pressure' },
  { type: 'DiskPressure', status: 'True', key: 'node.kubernetes.io/disk-pressure' },
  { type: 'NetworkUnavailable', status: 'True', key: 'node.kubernetes.io/network-unavailable' },
  { type: 'PIDPressure', status: 'True', key: 'node.kubernetes.io/pid-pressure' },
];
const MANAGED_KEYS = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE, ...NO_SCHEDULE_BY_CONDITION.map((c) => c.key)]);

export const readyCondition = (node: Node) => node.status?.conditions?.find((c) => c.type === 'Ready');

/**
 * The node's conditions once its grace period has passed without news: the watched conditions set
 * to Unknown (reason NodeStatusUnknown, "Kubelet stopped posting node status."; never posted:
 * NodeStatusNeverUpdated, "Kubelet never posted node status."). Undefined when nothing changes.
 */
export function staleNodeConditions(node: Node, nowIso: string): Condition[] | undefined {
  const conditions = [...(node.status?.conditions ?? [])];
  let changed = false;
  for (const type of WATCHED_CONDITIONS) {
    const i = conditions.findIndex((c) => c.type === type);
    if (i < 0) {
      conditions.push({
        type,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata.creationTimestamp ?? nowIso,
        lastTransitionTime: nowIso,
      });
      changed = true;
    } else if (conditions[i]!.status !== 'Unknown') {
      conditions[i] = { ...conditions[i]!, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: nowIso };
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}

/**
 * The node's taints as the controller wants them: taints it does not manage kept as they are;
 * NoExecute not-ready (Ready=False) or unreachable (Ready=Unknown) with timeAdded (kept from before
 * when already there); NoSchedule taints by condition and for spec.unschedulable; not-ready:NoSchedule
 * on a node that never posted Ready (what the TaintNodesByCondition admission adds at creation).
 */
export function desiredTaints(node: Node, nowIso: string): Taint[] {
  const current = node.spec?.taints ?? [];
  const out = current.filter((t) => !MANAGED_KEYS.has(t.key));
  const keep = (key: string, effect: string, timeAdded?: string) => {
    const old = current.find((t) => t.key === key && t.effect === effect);
    out.push(old ?? { key, effect, ...(timeAdded ? { timeAdded } : {}) });
  };
  const ready = readyCondition(node);
  if (ready?.status === 'False') keep(TAINT_NOT_READY, 'NoExecute', nowIso);
  if (ready?.status === 'Unknown') keep(TAINT_UNREACHABLE, 'NoExecute', nowIso);
  if (!ready) keep(TAINT_NOT_READY, 'NoSchedule');
  for (const rule of NO_SCHEDULE_BY_CONDITION) {
    if (node.status?.conditions?.some((c) => c.type === rule.type && c.status === rule.status)) keep(rule.key, 'NoSchedule');
  }
  if (node.spec?.unschedulable) keep(TAINT_UNSCHEDULABLE, 'NoSchedule');
  return out;
}

/**
 * The taint eviction decision for one pod on a tainted node: `now` when a NoExecute taint is not
 * tolerated; at timeAdded + the smallest tolerationSeconds when every taint is tolerated but some
 * only for a while; undefined when tolerated forever (or no NoExecute taint).
 */
export function evictionTime(pod: Pod, taints: readonly Taint[], nowMs: number): number | undefined {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return undefined;
  let at: number | undefined;
  for (const taint of noExecute) {
    const matching = (pod.spec.tolerations ?? []).filter((t) => tolerates(t, taint));
    if (matching.length === 0) return nowMs;
    if (matching.some((t) => t.tolerationSeconds === undefined || t.tolerationSeconds === null)) continue;
    const seconds = Math.max(0, Math.min(...matching.map((t) => t.tolerationSeconds!)));
    const added = taint.timeAdded ? Date.parse(taint.timeAdded) : nowMs;
    const when = (Number.isNaN(added) ? nowMs : added) + seconds * 1000;
    at = at === undefined ? when : Math.min(at, when);
  }
  return at;
}
