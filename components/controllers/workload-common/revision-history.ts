// Pure helpers over a controller's ControllerRevisions (upstream's controller/history package).
import { canonicalJson } from './revision-hash.js';
import type { ControllerRevision } from './types.js';

/** history.ControllerRevisionHashLabel: the hash a revision was named after. */
export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** history.SortControllerRevisions: by revision, then creation time, then name (oldest first). */
export function sortRevisions(revisions: readonly ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = a.metadata?.creationTimestamp ?? '';
    const tb = b.metadata?.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    const na = a.metadata?.name ?? '';
    const nb = b.metadata?.name ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
}

/** The revision number a new revision gets: one more than the highest (1 for the first). */
export function nextRevision(revisions: readonly ControllerRevision[]): number {
  return revisions.reduce((max, r) => Math.max(max, r.revision), 0) + 1;
}

/** history.EqualRevision: same payload (the hash labels, when both carry one, must agree too). */
export function equalRevision(a: ControllerRevision | undefined, b: ControllerRevision | undefined): boolean {
  if (!a || !b) return a === b;
  const ha = a.metadata?.labels?.[REVISION_HASH_LABEL];
  const hb = b.metadata?.labels?.[REVISION_HASH_LABEL];
  if (ha && hb && ha !== hb) return false;
  return canonicalJson(a.data) === canonicalJson(b.data);
}

/** history.FindEqualRevisions: the revisions whose payload equals `needle`'s, in the given order. */
export function findEqualRevisions(revisions: readonly ControllerRevision[], needle: ControllerRevision): ControllerRevision[] {
  return revisions.filter((r) => equalRevision(r, needle));
}
