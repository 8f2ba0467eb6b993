// The pure decisions about an unbound claim: which class it belongs to, which existing volume fits it
// (mirrors pkg/controller/volume/persistentvolume findMatchingVolume / checkVolumeSatisfyClaim), and
// which node its first consumer runs on.
import type { Node as SchedulerNode } from '../../scheduler/framework/api-types.js';
import { quantityValue } from '../../scheduler/framework/quantity.js';
import { nodeSelectorMatches } from '../../scheduler/framework/selectors.js';
import type { Node, Pod } from '../support/api-types.js';
import { isPodTerminal } from '../support/pods.js';
import { selectorSelects } from '../support/selectors.js';
import { ANN_BETA_DEFAULT_CLASS, ANN_DEFAULT_CLASS, ANN_SELECTED_NODE, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from './volume-types.js';

/** storageutil.IsDefaultAnnotation: the GA or beta annotation set to "true". */
export function isDefaultClass(sc: StorageClass): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[ANN_DEFAULT_CLASS] === 'true' || a[ANN_BETA_DEFAULT_CLASS] === 'true';
}

/**
 * The default class (upstream's GetDefaultClass): of several defaults, the newest, then by name;
 * undefined when none.
 */
export function defaultClass(classes: readonly StorageClass[]): StorageClass | undefined {
  return [...classes]
    .filter(isDefaultClass)
    .sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))[0];
}

/**
 * The class a claim belongs to: its storageClassName; for a claim with none at all (nil, not "")
 * the default class, which upstream's controller writes into the claim (RetroactiveDefaultStorageClass).
 * `assigned` says the name came from the default and is not yet on the claim. "" means no class.
 */
export function claimClassName(claim: PersistentVolumeClaim, classes: readonly StorageClass[]): { name: string; assigned: boolean } {
  const own = claim.spec.storageClassName;
  if (own !== undefined && own !== null) return { name: own, assigned: false };
  const d = defaultClass(classes);
  return d ? { name: d.metadata.name!, assigned: true } : { name: '', assigned: false };
}

/** Capacity as a byte count (0 for none). */
export const storageBytes = (list: Record<string, string> | undefined): number => quantityValue(list?.['storage']);

/** The volume is pre-bound to this claim (claimRef by name, and by uid when it has one). */
export function isVolumeBoundToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = volume.spec.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

export interface MatchOptions {
  /** The claim's class (claimClassName), "" for none. */
  className: string;
  /**
   * Delayed binding (WaitForFirstConsumer): only pre-bound volumes match unless `node` is given,
   * then volumes whose node affinity admits it (the scheduler's part upstream).
   */
  delayBinding?: boolean;
  node?: Node;
}

/**
 * The volume that fits the claim best, or undefined (findMatchingVolume): a volume pre-bound to the
 * claim wins; otherwise the smallest free volume of the claim's class whose capacity covers the request,
 * whose access modes include the claim's, whose volumeMode equals and whose labels match the claim's
 * selector. Volumes being deleted or bound elsewhere never match.
 */
export function findMatchingVolume(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], o: MatchOptions): PersistentVolume | undefined {
  const request = storageBytes(claim.spec.resources?.requests);
  let best: PersistentVolume | undefined;
  for (const volume of volumes) {
    if (volume.metadata.deletionTimestamp) continue;
    const preBound = isVolumeBoundToClaim(volume, claim);
    if (volume.spec.claimRef && !preBound) continue;
    if (!satisfies(volume, claim, o.className, request)) continue;
    if (preBound) return volume;
    if (o.node ? !nodeAdmits(volume, o.node) : o.delayBinding) continue;
    if (volume.status?.phase && volume.status.phase !== 'Available' && volume.status.phase !== 'Pending') continue;
    if (!selectorSelects(claim.spec.selector ?? {}, volume.metadata.labels)) continue;
    if (!best || storageBytes(volume.spec.capacity) < storageBytes(best.spec.capacity)) best = volume;
  }
  return best;
}

/** checkVolumeSatisfyClaim without the node: size, class, access modes, volume mode. */
function satisfies(volume: PersistentVolume, claim: PersistentVolumeClaim, className: string, request: number): boolean {
  if (storageBytes(volume.spec.capacity) < request) return false;
  if ((volume.spec.storageClassName ?? '') !== className) return false;
  if ((volume.spec.volumeMode ?? 'Filesystem') !== (claim.spec.volumeMode ?? 'Filesystem')) return false;
  const modes = new Set(volume.spec.accessModes ?? []);
  return (claim.spec.accessModes ?? []).every((m) => modes.has(m));
}

/** The volume's required node affinity admits the node (no affinity admits every node). */
export function nodeAdmits(volume: PersistentVolume, node: Node): boolean {
  const terms = volume.spec.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return nodeSelectorMatches(terms, node as unknown as SchedulerNode);
}

/** The claim names a pod mounts: persistentVolumeClaim volumes and generic ephemeral volumes (`<pod>-<volume>`). */
export function claimsOfPod(pod: Pod): string[] {
  const volumes = (pod.spec.volumes ?? []) as Array<{ name: string; persistentVolumeClaim?: { claimName: string }; ephemeral?: object }>;
  return volumes.flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : v.ephemeral ? [`${pod.metadata.name}-${v.name}`] : []));
}

/**
 * The node the claim's first consumer was scheduled to: the `volume.kubernetes.io/selected-node`
 * annotation, else the node of a scheduled, live pod of the claim's namespace that mounts it.
 */
export function consumerNode(claim: PersistentVolumeClaim, pods: readonly Pod[]): string | undefined {
  const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE];
  if (selected) return selected;
  const users = pods.filter((p) => p.metadata.namespace === claim.metadata.namespace && !!p.spec.nodeName && !p.metadata.deletionTimestamp && !isPodTerminal(p) && claimsOfPod(p).includes(claim.metadata.name!));
  users.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  return users[0]?.spec.nodeName;
}

/** A node for a claim provisioned at once (Immediate): the first Ready, schedulable node by name. */
export function pickNode(nodes: readonly Node[]): string | undefined {
  const ready = (n: Node) => !n.spec?.unschedulable && (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  return nodes
    .filter(ready)
    .map((n) => n.metadata.name!)
    .sort()[0];
}
