// Apply conflicts as upstream reports them (structured-merge-diff merge.Conflicts, fieldmanager's
// NewConflictError): 409 Conflict, `Apply failed with 1 conflict: conflict with "mgr" using apps/v1:
// .spec.replicas`, or with several `Apply failed with N conflicts: conflicts with "a":\n- .path\n...`
// grouped by manager in the order of their identifiers; one cause per conflicting field, reason
// FieldManagerConflict, message `conflict with "mgr" using v1`, field `.spec.replicas`.
import { StatusError } from '../errors.js';
import { pathString, type FieldPath } from './field-set.js';
import { describeManager, managerId, type FieldManager } from './managers.js';

export interface Conflict {
  manager: Pick<FieldManager, 'manager' | 'operation' | 'apiVersion' | 'subresource'>;
  path: FieldPath;
}

/** Conflicts grouped by manager, managers in the order of their identifiers. */
function byManager(conflicts: readonly Conflict[]): Array<{ id: string; who: string; paths: string[] }> {
  const groups = new Map<string, { id: string; who: string; paths: string[] }>();
  for (const c of conflicts) {
    const id = managerId(c.manager);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { id, who: describeManager(c.manager), paths: [] }));
    g.paths.push(pathString(c.path));
  }
  return [...groups.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function conflictMessage(conflicts: readonly Conflict[]): string {
  if (conflicts.length === 1) {
    return `Apply failed with 1 conflict: conflict with ${describeManager(conflicts[0]!.manager)}: ${pathString(conflicts[0]!.path)}`;
  }
  const lines: string[] = [];
  for (const g of byManager(conflicts)) {
    lines.push(`conflicts with ${g.who}:`);
    for (const p of g.paths) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** The 409 to answer with. */
export function conflictError(conflicts: readonly Conflict[]): StatusError {
  const causes = byManager(conflicts).flatMap((g) => g.paths.map((field) => ({ reason: 'FieldManagerConflict', message: `conflict with ${g.who}`, field })));
  return new StatusError(409, 'Conflict', conflictMessage(conflicts), { causes });
}
