// Label and field selectors of a list, watch or deletecollection, as one predicate over objects.
// Field selectors accept metadata.name, metadata.namespace and the fields the entry declares, with
// upstream's 400 for anything else.
import { badRequest } from '../errors.js';
import { checkFieldSelector, matchesFields, objectFieldGetter, parseFieldSelector } from '../selectors/field-selector.js';
import { matchesLabels, parseLabelSelector } from '../selectors/label-selector.js';
import type { KubeObject } from '../registry/types.js';
import type { ApiContext } from './context.js';

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
