// The status conditions of a terminating namespace (mirrors namespace deletion's
// namespaceConditionUpdater): every sync sets all five; a type with no problem gets its
// "success" status False with upstream's reason and message.
import type { Condition } from '../support/api-types.js';
import { setCondition } from '../support/conditions.js';

export interface DeletionOutcome {
  discoveryFailures: Array<{ groupVersion: string; message: string }>;
  /** Errors deleting content, one per resource. */
  contentFailures: string[];
  /** Objects left per `resource.group`. */
  remaining: Map<string, number>;
  /** Objects carrying each finalizer. */
  finalizers: Map<string, number>;
}

const SUCCESS: Record<string, { reason: string; message: string }> = {
  NamespaceDeletionDiscoveryFailure: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  NamespaceDeletionGroupVersionParsingFailure: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  NamespaceDeletionContentFailure: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
};

export const NAMESPACE_CONDITION_TYPES = Object.keys(SUCCESS);

const summary = (m: Map<string, number>, fmt: (k: string, n: number) => string) =>
  [...m.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => fmt(k, n))
    .join(', ');

/** The conditions after a deletion pass; lastTransitionTime moves only on a status change. */
export function namespaceConditions(current: readonly Condition[] | undefined, o: DeletionOutcome, nowIso: string): Condition[] {
  const failing = new Map<string, { reason: string; message: string }>();
  if (o.discoveryFailures.length > 0) {
    const detail = o.discoveryFailures.map((f) => `${f.groupVersion}: ${f.message}`).join(', ');
    failing.set('NamespaceDeletionDiscoveryFailure', { reason: 'DiscoveryFailed', message: `Discovery failed for some groups, ${o.discoveryFailures.length} failing: ${detail}` });
  }
  if (o.contentFailures.length > 0) {
    failing.set('NamespaceDeletionContentFailure', { reason: 'ContentDeletionFailed', message: `Failed to delete all resource types, ${o.contentFailures.length} remaining: ${o.contentFailures.join(', ')}` });
  }
  if (o.remaining.size > 0) {
    failing.set('NamespaceContentRemaining', { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${summary(o.remaining, (k, n) => `${k} has ${n} resource instances`)}` });
  }
  if (o.finalizers.size > 0) {
    failing.set('NamespaceFinalizersRemaining', {
      reason: 'SomeFinalizersRemain',
      message: `Some content in the namespace has finalizers remaining: ${summary(o.finalizers, (k, n) => `${k} in ${n} resource instances`)}`,
    });
  }
  let out = [...(current ?? [])];
  for (const type of NAMESPACE_CONDITION_TYPES) {
    const bad = failing.get(type);
    out = setCondition(out, bad ? { type, status: 'True', ...bad } : { type, status: 'False', ...SUCCESS[type]! }, nowIso);
  }
  return out;
}
