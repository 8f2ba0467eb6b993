// Label maps and label selectors as upstream prints them (labels.FormatLabels,
// metav1.FormatLabelSelector): requirements sorted by key, `<none>` when empty.
import type { V1LabelSelector } from '@kubernetes/client-node';

/** `a=b,c=d` sorted by key, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/**
 * The selector in label-selector syntax (`app=web,tier in (a,b),!legacy`); '' for an empty or
 * missing selector; undefined when an expression has an unknown operator (upstream errors).
 */
export function labelSelectorString(selector: V1LabelSelector | undefined): string | undefined {
  const reqs: Array<{ key: string; text: string }> = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) reqs.push({ key, text: `${key}=${value}` });
  for (const e of selector?.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, text: `${e.key} in (${values})` });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, text: `${e.key} notin (${values})` });
        break;
      case 'Exists':
        reqs.push({ key: e.key, text: e.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, text: `!${e.key}` });
        break;
      default:
        return undefined;
    }
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** As labelSelectorString, but `<none>` when empty and `<error>` when invalid (metav1.FormatLabelSelector). */
export function formatLabelSelector(selector: V1LabelSelector | undefined): string {
  const s = labelSelectorString(selector);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}
