// Label and field selectors of a list, watch or deletecollection, as one predicate over objects.
// Field selectors accept metadata.name, metadata.namespace and the fields the entry declares, with
// upstream's 400 for anything else.
import { badRequest } from '../errors.js';
import { checkFieldSelector, exactFieldMatch, matchesFields, objectFieldGetter, parseFieldSelector } from '../selectors/field-selector.js';
import { matchesLabels, parseLabelSelector } from '../selectors/label-selector.js';
import type { KubeObject } from '../registry/types.js';
import type { ApiContext } from './context.js';

/**
 * The node a pod watch is pinned to by `spec.nodeName=<node>` (every kubelet's watch), so the watch cache
 * can hand each event to the watchers of the pod's node only, as upstream's cacher does with its
 * indexed triggers, instead of testing every kubelet's selector on every pod event.
 */
export function nodeNameTrigger(ctx: ApiContext): string | undefined {
  if (!ctx.entry.fieldSelectors?.['spec.nodeName'] || ctx.entry.group !== '' || ctx.entry.plural !== 'pods') return undefined;
  const parsed = parseFieldSelector(ctx.query.get('fieldSelector') ?? '');
  return parsed.ok ? exactFieldMatch(parsed.selector, 'spec.nodeName') : undefined;
}

export function buildPredicate(ctx: ApiContext): ((obj: KubeObject) => boolean) | undefined {
  const labelText = ctx.query.get('labelSelector') ?? '';
  const fieldText = ctx.query.get('fieldSelector') ?? '';
  if (!labelText && !fieldText) return undefined;
  const labels = parseLabelSelector(labelText);
  if (!labels.ok) throw badRequest(labels.message);
  const parsed = parseFieldSelector(fieldText);
  if (!parsed.ok) throw badRequest(parsed.message);
  const custom = ctx.entry.fieldSelectors ?? {};
  // Kinds that declare no field selectors answer with upstream's "only metadata.name, metadata.namespace".
  const fieldNames = Object.keys(custom);
  const checked = fieldNames.length
    ? checkFieldSelector(parsed.selector, { fields: ['metadata.name', ...(ctx.entry.namespaced ? ['metadata.namespace'] : []), ...fieldNames] })
    : checkFieldSelector(parsed.selector);
  if (!checked.ok) throw badRequest(checked.message);
  const fields = checked.selector;
  const hasFields = fields.requirements.length > 0;
  return (obj) => {
    if (!matchesLabels(labels.selector, obj.metadata?.labels)) return false;
    if (!hasFields) return true;
    const plain = objectFieldGetter(obj);
    return matchesFields(fields, (path) => (custom[path] ? custom[path]!(obj) : plain(path)));
  };
}
