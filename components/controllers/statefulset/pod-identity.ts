// A StatefulSet pod's stable identity and storage (upstream stateful_set_utils.go): the name
// `<set>-<ordinal>`, the pod-name and pod-index labels, hostname and subdomain, and one PVC per
// volumeClaimTemplate named `<claim>-<set>-<ordinal>` mounted under the template's name. Pure.
import { newControllerRef } from '../workload-common/claim.js';
import type { PersistentVolumeClaim, Pod, PodTemplate, StatefulSet, Volume } from '../workload-common/types.js';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** apps.ControllerRevisionHashLabelKey; on StatefulSet pods it holds the revision's name. */
export const REVISION_LABEL = 'controller-revision-hash';

export const startOrdinal = (set: StatefulSet): number => set.spec?.ordinals?.start ?? 0;
export const replicasOf = (set: StatefulSet): number => set.spec?.replicas ?? 1;
/** The last ordinal the set wants (start - 1 when it wants none). */
export const endOrdinal = (set: StatefulSet): number => startOrdinal(set) + replicasOf(set) - 1;
export const podName = (set: StatefulSet, ordinal: number): string => `${set.metadata!.name}-${ordinal}`;
export const claimName = (set: StatefulSet, claim: string, ordinal: number): string => `${claim}-${set.metadata!.name}-${ordinal}`;

/** getParentNameAndOrdinal: `web-12` → {parent: 'web', ordinal: 12}; ordinal -1 when the name has none. */
export function parentAndOrdinal(name: string | undefined): { parent: string; ordinal: number } {
  const m = /^(.*)-([0-9]+)$/.exec(name ?? '');
  if (!m) return { parent: '', ordinal: -1 };
  const ordinal = Number(m[2]);
  return Number.isSafeInteger(ordinal) && ordinal <= 2 ** 31 - 1 ? { parent: m[1]!, ordinal } : { parent: '', ordinal: -1 };
}

export const ordinalOf = (pod: Pod): number => parentAndOrdinal(pod.metadata?.name).ordinal;
export const isMemberOf = (set: StatefulSet, pod: Pod): boolean => parentAndOrdinal(pod.metadata?.name).parent === set.metadata?.name;

export function inOrdinalRange(set: StatefulSet, ordinal: number): boolean {
  return ordinal >= startOrdinal(set) && ordinal <= endOrdinal(set);
}

export const revisionOf = (pod: Pod): string | undefined => pod.metadata?.labels?.[REVISION_LABEL];

/** The PVCs a pod of `ordinal` needs, by template name (getPersistentVolumeClaims). */
export function claimsFor(set: StatefulSet, ordinal: number): Map<string, PersistentVolumeClaim> {
  const claims = new Map<string, PersistentVolumeClaim>();
  const selectorLabels = set.spec?.selector?.matchLabels ?? {};
  for (const template of set.spec?.volumeClaimTemplates ?? []) {
    const name = template.metadata?.name ?? '';
    const { status: _status, ...rest } = structuredClone(template);
    claims.set(name, {
      ...rest,
      metadata: {
        ...(rest.metadata ?? {}),
        name: claimName(set, name, ordinal),
        namespace: set.metadata?.namespace,
        labels: { ...(rest.metadata?.labels ?? {}), ...selectorLabels },
      },
    });
  }
  return claims;
}

/** updateStorage: the claims' volumes first, then the template's other volumes. */
export function volumesWithClaims(set: StatefulSet, ordinal: number, current: readonly Volume[] | null | undefined): Volume[] {
  const claims = claimsFor(set, ordinal);
  const volumes: Volume[] = [...claims].map(([name, claim]) => ({ name, persistentVolumeClaim: { claimName: claim.metadata!.name! } }));
  for (const v of current ?? []) if (!claims.has(v.name)) volumes.push(v);
  return volumes;
}

/** newVersionedStatefulSetPod's pod: `template` (of the revision chosen) with identity, storage and revision label. */
export function newStatefulSetPod(set: StatefulSet, template: PodTemplate, ordinal: number, revisionName: string): Pod {
  const t = structuredClone(template);
  const name = podName(set, ordinal);
  const labels = { ...(t.metadata?.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [REVISION_LABEL]: revisionName };
  const metadata: Pod['metadata'] = { name, namespace: set.metadata?.namespace, labels, ownerReferences: [newControllerRef(set, 'apps/v1', 'StatefulSet')] };
  if (t.metadata?.annotations) metadata.annotations = t.metadata.annotations;
  if (t.metadata?.finalizers) metadata.finalizers = t.metadata.finalizers;
  const spec = { ...(t.spec ?? {}), hostname: name, volumes: volumesWithClaims(set, ordinal, t.spec?.volumes) };
  if (set.spec?.serviceName) Object.assign(spec, { subdomain: set.spec.serviceName });
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

/** identityMatches: the pod's name, namespace and identity labels are the ones its ordinal calls for. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod.metadata?.name);
  const labels = pod.metadata?.labels;
  return (
    ordinal >= 0 &&
    parent === set.metadata?.name &&
    pod.metadata?.namespace === set.metadata?.namespace &&
    labels?.[POD_NAME_LABEL] === pod.metadata?.name &&
    labels?.[POD_INDEX_LABEL] === String(ordinal)
  );
}

/** storageMatches: every claim template is mounted from the pod's own claim. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  for (const [name, claim] of claimsFor(set, ordinal)) {
    if (volumes.get(name)?.persistentVolumeClaim?.claimName !== claim.metadata?.name) return false;
  }
  return true;
}

/** The labels updateIdentity would set (only labels can change on a live pod). */
export function identityLabels(pod: Pod): Record<string, string> {
  const ordinal = ordinalOf(pod);
  return { ...(pod.metadata?.labels ?? {}), [POD_NAME_LABEL]: pod.metadata!.name!, [POD_INDEX_LABEL]: String(ordinal) };
}
