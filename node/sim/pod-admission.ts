// What a kubelet refuses to run at all: a pod that reached the node without fitting it (bound with
// spec.nodeName set by hand, bypassing the scheduler, or racing another pod). Mirrors the predicate
// admit handler (pkg/kubelet/lifecycle/predicate.go Admit and generalFilter, which runs the scheduler's
// AdmissionCheck): in upstream's order, the pod's `kubernetes.io/os` label and spec.os, then resources
// (pods, cpu, memory, ephemeral-storage, extended), node affinity and selector, node name, host ports,
// and last an untolerated NoExecute taint. Only the first failure is reported, as the kubelet does.
// The resource, port and selector rules are the scheduler's own (components/scheduler); the pods
// already on the node are the ones this kubelet admitted before and that are still active.
// The shell (sim-kubelet.ts) writes the verdict as kubelet.go rejectPod does: phase Failed, the reason,
// `Pod was rejected: <message>`, and a Warning event with the bare message. Pure.
import type { Node, Pod } from '../../components/scheduler/framework/api-types.js';
import { addPod, hostPortConflicts, newNodeInfo, podHostPorts } from '../../components/scheduler/framework/node-info.js';
import { podRequestAmounts, toResource } from '../../components/scheduler/framework/resources.js';
import { findUntoleratedTaint, podMatchesNodeSelectorAndAffinity } from '../../components/scheduler/framework/selectors.js';
import { fitsRequest } from '../../components/scheduler/plugins/node-resources-fit.js';
import { ERR_REASON_NODE_AFFINITY } from '../../components/scheduler/plugins/node-affinity.js';
import { ERR_REASON_NODE_PORTS } from '../../components/scheduler/plugins/node-ports.js';

/** The OS a simulated node runs (the kubelet's runtime.GOOS). */
const NODE_OS = 'linux';
const LABEL_OS = 'kubernetes.io/os';
/** nodename.ErrReason. */
const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";
/** tainttoleration.ErrReasonNotMatch: the kubelet's wording, not the scheduler Filter's. */
export const ERR_REASON_UNTOLERATED_TAINT = "node(s) had taints that the pod didn't tolerate";

export interface AdmissionInput {
  pod: Pod;
  /** The kubelet's view of its Node: labels, taints and status.allocatable. */
  node: Node;
  /** The pods this kubelet admitted earlier and that are still active, in order of arrival. */
  admitted: readonly Pod[];
}

export type AdmissionVerdict = { admit: true } | { admit: false; reason: string; message: string };

const ADMIT: AdmissionVerdict = Object.freeze({ admit: true });

/** Admit (or reject, with the kubelet's reason and message) a pod the kubelet sees for the first time. */
export function admitPod(i: AdmissionInput): AdmissionVerdict {
  const { pod, node } = i;
  const podOS = pod.metadata.labels?.[LABEL_OS];
  if (podOS !== undefined && podOS !== NODE_OS) {
    return reject('PodOSSelectorNodeLabelDoesNotMatch', "Failed to admit pod as the `kubernetes.io/os` label doesn't match node label");
  }
  const osName = (pod.spec as { os?: { name?: string } | null }).os?.name;
  if (osName && osName !== NODE_OS) return reject('PodOSNotSupported', "Failed to admit pod as the OS field doesn't match node OS");

  const nodeInfo = newNodeInfo(node);
  for (const other of i.admitted) addPod(nodeInfo, other);
  const request = toResource(podRequestAmounts(pod));
  // removeMissingExtendedResources: an extended resource the node does not advertise is left to the
  // cluster (device plugins, DRA), not counted against the node.
  for (const name of Object.keys(request.scalar)) {
    if (isExtendedResourceName(name) && !(name in nodeInfo.allocatable.scalar)) delete request.scalar[name];
  }
  const insufficient = fitsRequest(request, nodeInfo)[0];
  if (insufficient) {
    const r = insufficient;
    return reject(outOfReason(r.resourceName), `Node didn't have enough resource: ${r.resourceName}, requested: ${r.requested}, used: ${r.used}, capacity: ${r.capacity}`);
  }
  if (!podMatchesNodeSelectorAndAffinity(pod, node)) return predicateFailure('NodeAffinity', ERR_REASON_NODE_AFFINITY);
  if (pod.spec.nodeName && pod.spec.nodeName !== node.metadata.name) return predicateFailure('NodeName', ERR_REASON_NODE_NAME);
  if (podHostPorts(pod).some((p) => hostPortConflicts(nodeInfo.usedPorts, p))) return predicateFailure('NodePorts', ERR_REASON_NODE_PORTS);
  // The kubelet is only interested in NoExecute taints (NoSchedule ones are the scheduler's business).
  if (findUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, (t) => t.effect === 'NoExecute')) {
    return predicateFailure('TaintToleration', ERR_REASON_UNTOLERATED_TAINT);
  }
  return ADMIT;
}

/** OutOfcpu, OutOfmemory, OutOfephemeral-storage, OutOfpods, else OutOf<resource>. */
function outOfReason(resource: string): string {
  return `OutOf${resource}`;
}

/** PredicateFailureError: reason the predicate's name, message `Predicate <name> failed: <desc>`. */
function predicateFailure(name: string, desc: string): AdmissionVerdict {
  return reject(name, `Predicate ${name} failed: ${desc}`);
}

function reject(reason: string, message: string): AdmissionVerdict {
  return { admit: false, reason, message };
}

/** v1helper.IsExtendedResourceName: a qualified name outside the kubernetes.io domain. */
function isExtendedResourceName(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}
