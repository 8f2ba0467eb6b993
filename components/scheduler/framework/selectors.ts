// Label selectors, node selectors and tolerations: the matching rules every plugin shares.
// Label selectors reuse the apiserver's pure implementation (metav1.LabelSelectorAsSelector);
// node selectors mirror component-helpers nodeaffinity (terms ORed, requirements ANDed, matchFields
// only on metadata.name); tolerations mirror corev1 Toleration.ToleratesTaint.

import {
  EVERYTHING,
  NOTHING,
  fromLabelSelectorObject,
  matchesLabels,
  type LabelSelector,
} from '../../../apiserver/selectors/label-selector.js';
import type { LabelSelectorJSON, Labels, Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint, Toleration } from './api-types.js';

export { EVERYTHING, NOTHING, matchesLabels, type LabelSelector };

/** LabelSelectorAsSelector: null selects nothing, {} everything; an invalid selector selects nothing. */
export function labelSelector(obj: LabelSelectorJSON | null | undefined): LabelSelector {
  const r = fromLabelSelectorObject(obj);
  return r.ok ? r.selector : NOTHING;
}

/** A selector that requires every label of `set` (labels.SelectorFromSet). */
export function selectorFromSet(set: Labels): LabelSelector {
  return labelSelector({ matchLabels: set });
}

/** labels.Selector.Empty(): no requirements (matches everything). */
export function isEmptySelector(s: LabelSelector): boolean {
  return !s.matchNothing && s.requirements.length === 0;
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1) return false;
      if (!/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0]!)) return false;
      const have = BigInt(value);
      const want = BigInt(values[0]!);
      return r.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

/** One NodeSelectorTerm: all expressions and fields must match; an empty term matches nothing. */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  for (const r of exprs) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    if (!requirementMatches(r, has ? labels[r.key] : undefined)) return false;
  }
  for (const r of fields) {
    // Only metadata.name is a supported field (and only In/NotIn pass validation).
    if (r.key !== 'metadata.name') return false;
    if (!requirementMatches(r, node.metadata.name ?? '')) return false;
  }
  return true;
}

/** NodeSelector: the terms are ORed. */
export function nodeSelectorMatches(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  return terms.some((t) => nodeSelectorTermMatches(t, node));
}

/**
 * nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): spec.nodeSelector (every label equal) and
 * the required node affinity terms.
 */
export function podMatchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  const selector = pod.spec.nodeSelector;
  if (selector) {
    const labels = node.metadata.labels ?? {};
    for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  }
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return nodeSelectorMatches(required.nodeSelectorTerms ?? [], node);
  return true;
}

/** Toleration.ToleratesTaint: effect (empty = all), key (empty = all, with Exists), Equal/Exists. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | null | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** v1helper.FindMatchingUntoleratedTaint: the first taint passing `filter` that no toleration tolerates. */
export function findUntoleratedTaint(
  taints: readonly Taint[] | null | undefined,
  tolerations: readonly Toleration[] | null | undefined,
  filter: (t: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (filter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** helper.DoNotScheduleTaintsFilterFunc: NoSchedule and NoExecute taints. */
export const doNotScheduleTaint = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
