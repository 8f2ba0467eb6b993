// Which nodes run a daemon pod (upstream daemon_controller.go NodeShouldRunDaemonPod and
// daemon/util): the pod the DaemonSet would create there, with the daemon tolerations added, must
// fit the node's name, node selector and required node affinity, and tolerate its NoSchedule and
// NoExecute taints; a pod that only tolerates the NoExecute ones may stay where it already runs.
// Daemon pods are pinned to their node with node affinity `matchFields metadata.name In [node]`,
// so that the scheduler binds them. Pure.
import { fitsNodeAffinity, untoleratedTaint } from '../workload-common/selectors.js';
import type { Affinity, DaemonSet, Node, Pod, PodSpec, Toleration } from '../workload-common/types.js';

/** util.AddOrUpdateDaemonPodTolerations, in upstream's order (network-unavailable only with hostNetwork). */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t = (key: string, effect: string): Toleration => ({ key: `node.kubernetes.io/${key}`, operator: 'Exists', effect });
  const list = [t('not-ready', 'NoExecute'), t('unreachable', 'NoExecute'), t('disk-pressure', 'NoSchedule'), t('memory-pressure', 'NoSchedule'), t('pid-pressure', 'NoSchedule'), t('unschedulable', 'NoSchedule')];
  if (hostNetwork) list.push(t('network-unavailable', 'NoSchedule'));
  return list;
}

const sameToleration = (a: Toleration, b: Toleration) =>
  (a.key ?? '') === (b.key ?? '') && (a.operator ?? 'Equal') === (b.operator ?? 'Equal') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');

/** The spec with the daemon tolerations added or updated (AddOrUpdateTolerationInPodSpec). */
export function withDaemonTolerations(spec: PodSpec): PodSpec {
  const tolerations = [...(spec.tolerations ?? [])];
  for (const d of daemonTolerations(!!spec.hostNetwork)) {
    const i = tolerations.findIndex((t) => sameToleration(t, d));
    if (i >= 0) tolerations[i] = d;
    else tolerations.push(d);
  }
  return { ...spec, tolerations };
}

/** util.ReplaceDaemonSetPodNodeNameNodeAffinity: the required node terms become `metadata.name In [node]`. */
export function pinToNode(affinity: Affinity | null | undefined, nodeName: string): Affinity {
  const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
  return { ...(affinity ?? {}), nodeAffinity: { ...(affinity?.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: required } };
}

/** util.GetTargetNodeName: spec.nodeName, else the single node of a `metadata.name In` affinity term. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

export interface NodeDecision {
  /** A daemon pod should be created here when there is none. */
  shouldRun: boolean;
  /** A daemon pod already here may stay. */
  shouldContinueRunning: boolean;
}

export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): NodeDecision {
  const spec = withDaemonTolerations({ ...(ds.spec?.template?.spec ?? {}) });
  const name = node.metadata?.name ?? '';
  if (spec.nodeName && spec.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
  if (!fitsNodeAffinity(spec, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints ?? [];
  if (!untoleratedTaint(taints, spec.tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')) return { shouldRun: true, shouldContinueRunning: true };
  return { shouldRun: false, shouldContinueRunning: !untoleratedTaint(taints, spec.tolerations, (t) => t.effect === 'NoExecute') };
}
