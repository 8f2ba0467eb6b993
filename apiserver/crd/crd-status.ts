// The status a CRD's controller maintains (apiextensions' naming and establishing controllers): accepted
// names, the NamesAccepted and Established conditions, storedVersions; Terminating while its objects
// are being removed. Pure: given the CRD and whether its names conflict, the status it should have.
import { isDeepStrictEqual } from 'node:util';
import type { Crd, CrdNames } from './custom-resource.js';

export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

type Wanted = Omit<Condition, 'lastTransitionTime'>;

export function acceptedNames(crd: Crd): CrdNames {
  const n = crd.spec.names;
  const out: CrdNames = { plural: n.plural, singular: n.singular || n.kind.toLowerCase(), kind: n.kind, listKind: n.listKind || `${n.kind}List` };
  if (n.shortNames?.length) out.shortNames = [...n.shortNames];
  if (n.categories?.length) out.categories = [...n.categories];
  return out;
}

/** The conditions a CRD should carry: `conflict` is the reason its names cannot be served, if any. */
export function wantedConditions(crd: Crd, conflict: string | undefined): Wanted[] {
  if (crd.metadata.deletionTimestamp) {
    return [
      { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      { type: 'Terminating', status: 'True', reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' },
    ];
  }
  if (conflict) {
    return [
      { type: 'NamesAccepted', status: 'False', reason: conflict.startsWith('"') ? 'PluralConflict' : 'KindConflict', message: conflict },
      { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' },
    ];
  }
  return [
    { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
    { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
  ];
}

/**
 * The status the CRD should have, or undefined when its current status already says it. Conditions keep
 * their lastTransitionTime while their status does not change.
 */
export function nextStatus(crd: Crd, conflict: string | undefined, now: string): Crd['status'] | undefined {
  const current = crd.status ?? {};
  const old = (current.conditions ?? []) as unknown as Condition[];
  const conditions: Condition[] = wantedConditions(crd, conflict).map((w) => {
    const prev = old.find((c) => c.type === w.type);
    return { ...w, lastTransitionTime: prev && prev.status === w.status ? prev.lastTransitionTime : now };
  });
  const storage = crd.spec.versions.find((v) => v.storage)?.name;
  const stored = [...(current.storedVersions ?? [])];
  if (storage && !stored.includes(storage)) stored.push(storage);
  const next: NonNullable<Crd['status']> = {
    ...current,
    conditions: conditions as unknown as Array<Record<string, unknown>>,
    acceptedNames: conflict ? (current.acceptedNames ?? { plural: '', kind: '' }) : acceptedNames(crd),
    storedVersions: stored,
  };
  const comparable = (s: Crd['status']) => ({
    ...s,
    conditions: (s?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
  });
  return isDeepStrictEqual(comparable(next), comparable(current)) ? undefined : next;
}
