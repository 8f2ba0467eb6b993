// Which fields of an object field managers can own. upstream strips type and system metadata from every
// manager's set (fieldmanager's stripMetaManager) and ignores the fields a write may not change (the reset
// fields: status on writes of the main resource when there is a status subresource; everything but status on
// writes of /status).
import { difference, emptySet, fromFieldsV1, type FieldSet } from './field-set.js';

export interface TrackedScope {
  /** `status` (or `scale`) for subresource writes. */
  subresource?: string;
  /** The resource has a status subresource: status is not tracked on writes of the main resource. */
  hasStatus?: boolean;
}

const IGNORED_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

type Obj = { [field: string]: unknown };

/** The part of an object whose fields are tracked by a write of the main resource or of a subresource. */
export function trackedPart(obj: Obj | undefined, scope: TrackedScope): Record<string, unknown> {
  if (!obj) return {};
  if (scope.subresource === 'status') return obj.status === undefined ? {} : { status: obj.status };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'apiVersion' || key === 'kind' || value === undefined) continue;
    if (key === 'status' && scope.hasStatus) continue;
    if (key === 'metadata' && value && typeof value === 'object' && !Array.isArray(value)) {
      const meta: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (!IGNORED_METADATA.has(k) && v !== undefined) meta[k] = v;
      out.metadata = meta;
      continue;
    }
    out[key] = value;
  }
  return out;
}

/** upstream's stripSet: paths no manager ever owns (exact paths; what is below them stays). */
const STRIP = fromFieldsV1({
  'f:apiVersion': {},
  'f:kind': {},
  'f:metadata': {
    '.': {},
    'f:name': {},
    'f:namespace': {},
    'f:creationTimestamp': {},
    'f:selfLink': {},
    'f:uid': {},
    'f:clusterName': {},
    'f:generation': {},
    'f:managedFields': {},
    'f:resourceVersion': {},
  },
});

/** The fields a write of this scope may own: reset fields left out (IgnoredFields of the updater). */
export function writableSet(set: FieldSet, scope: TrackedScope): FieldSet {
  if (scope.subresource === 'status') {
    const status = set.children.get('f:status');
    const out = emptySet();
    if (status) out.children.set('f:status', status);
    return out;
  }
  if (!scope.hasStatus || !set.children.has('f:status')) return set;
  const out: FieldSet = { member: set.member, children: new Map(set.children) };
  out.children.delete('f:status');
  return out;
}

/** A manager's set without type and system metadata (stripMetaManager). */
export function stripMeta(set: FieldSet): FieldSet {
  return difference(set, STRIP);
}
