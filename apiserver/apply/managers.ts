// metadata.managedFields entries and the field managers they stand for. A manager is identified as upstream's
// BuildManagerIdentifier does: name, operation and subresource, plus the apiVersion for Update operations (an
// applier keeps one entry whatever version it applies with). Entries are written back in upstream's order.
import { fromFieldsV1, isEmpty, toFieldsV1, type FieldSet } from './field-set.js';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Update' | 'Apply';
  apiVersion: string;
  /** RFC 3339, second precision; absent when upstream would not have set one (an apply that changed nothing). */
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** One manager's fields. */
export interface FieldManager {
  manager: string;
  operation: 'Update' | 'Apply';
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** upstream's manager identifier: the entry without time and fields (and without apiVersion for appliers), as JSON. */
export function managerId(m: Pick<FieldManager, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const id: Record<string, string> = { manager: m.manager, operation: m.operation };
  if (m.operation === 'Update' && m.apiVersion) id.apiVersion = m.apiVersion;
  if (m.subresource) id.subresource = m.subresource;
  return JSON.stringify(id);
}

/** How a manager is named in conflict messages (fieldmanager's printManager). */
export function describeManager(m: Pick<FieldManager, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update') s += ` using ${m.apiVersion}`;
  return s;
}

/** Whether a list of entries decodes as upstream's DecodeManagedFields accepts it. */
export function validEntries(list: unknown): list is ManagedFieldsEntry[] {
  if (!Array.isArray(list)) return false;
  return list.every(
    (e) =>
      isObject(e) &&
      typeof e.manager === 'string' &&
      (e.operation === 'Apply' || e.operation === 'Update') &&
      typeof e.apiVersion === 'string' &&
      e.apiVersion !== '' &&
      e.fieldsType === 'FieldsV1' &&
      (e.subresource === undefined || typeof e.subresource === 'string'),
  );
}

/** upstream's reset request: an empty list, or a list of one empty entry. */
export function isResetRequest(list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  return list.length === 0 || (list.length === 1 && isObject(list[0]) && Object.keys(list[0]).length === 0);
}

/** Entries → managers by identifier (a later duplicate wins). */
export function decodeManagers(entries: readonly ManagedFieldsEntry[]): Map<string, FieldManager> {
  const out = new Map<string, FieldManager>();
  for (const e of entries) {
    const m: FieldManager = { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion, set: fromFieldsV1(e.fieldsV1) };
    if (e.subresource) m.subresource = e.subresource;
    if (typeof e.time === 'string') m.time = e.time;
    out.set(managerId(m), m);
  }
  return out;
}

export function entryOf(m: FieldManager): ManagedFieldsEntry {
  const e: ManagedFieldsEntry = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion } as ManagedFieldsEntry;
  if (m.time) e.time = m.time;
  e.fieldsType = 'FieldsV1';
  e.fieldsV1 = toFieldsV1(m.set);
  if (m.subresource) e.subresource = m.subresource;
  return e;
}

/** Managers → entries, empty ones dropped, in upstream's order. */
export function encodeManagers(managers: Iterable<FieldManager>): ManagedFieldsEntry[] {
  return sortEntries([...managers].filter((m) => !isEmpty(m.set)).map(entryOf));
}

/** upstream's order: operation, then time, manager, apiVersion, subresource. */
export function sortEntries(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  const cmp = (a: string | undefined, b: string | undefined) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
  return [...entries].sort(
    (p, q) =>
      cmp(p.operation, q.operation) || cmp(p.time, q.time) || cmp(p.manager, q.manager) || cmp(p.apiVersion, q.apiVersion) || cmp(p.subresource, q.subresource),
  );
}
