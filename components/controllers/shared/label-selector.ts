// Label selectors as the workload controllers evaluate them against cached objects
// (metav1.LabelSelectorAsSelector and labels.SelectorFromSet): a missing selector selects nothing,
// an empty one selects everything.
import type { LabelSelector } from './workload-types.js';

export type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

const nothing: LabelMatcher = () => false;

/** A LabelSelector (apps/v1, batch/v1) as a predicate; an invalid operator selects nothing. */
export function selectorMatcher(selector: LabelSelector | undefined): LabelMatcher {
  if (!selector) return nothing;
  const requirements = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({ key, operator: 'In', values: [value] }));
  requirements.push(...(selector.matchExpressions ?? []).map((r) => ({ key: r.key, operator: r.operator as string, values: r.values ?? [] })));
  if (requirements.some((r) => !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(r.operator))) return nothing;
  return (labels) => {
    const l = labels ?? {};
    return requirements.every((r) => {
      const has = Object.prototype.hasOwnProperty.call(l, r.key);
      switch (r.operator) {
        case 'In':
          return has && r.values.includes(l[r.key]!);
        case 'NotIn':
          return !has || !r.values.includes(l[r.key]!);
        case 'Exists':
          return has;
        default:
          return !has;
      }
    });
  };
}

/** A set-based selector (a ReplicationController's spec.selector): every pair must match; empty selects everything. */
export function mapMatcher(selector: Record<string, string> | undefined): LabelMatcher {
  if (!selector) return nothing;
  return (labels) => Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** True when the selector selects every object (upstream refuses to act on such Deployments). */
export function selectsEverything(selector: LabelSelector | undefined): boolean {
  return !!selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}
