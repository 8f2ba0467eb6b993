// Label selectors and tolerations, through the same pure matching the scheduler uses
// (metav1.LabelSelectorAsSelector, labels.SelectorFromSet, Toleration.ToleratesTaint).
import { labelSelector, matchesLabels, selectorFromSet, toleratesTaint } from '../../scheduler/framework/selectors.js';
import type { LabelSelectorJSON, Taint, Toleration } from './api-types.js';

/** A service's selector map matches `labels` (an empty or absent map matches nothing here: callers skip those services). */
export function setSelects(selector: Record<string, string> | null | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return matchesLabels(selectorFromSet(selector), labels ?? {});
}

/** A LabelSelector object matches `labels` (null selects nothing, {} everything). */
export function selectorSelects(selector: LabelSelectorJSON | null | undefined, labels: Record<string, string> | undefined): boolean {
  return matchesLabels(labelSelector(selector), labels ?? {});
}

export function tolerates(t: Toleration, taint: Taint): boolean {
  return toleratesTaint(t, taint);
}
