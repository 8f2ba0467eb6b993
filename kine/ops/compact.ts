// Compaction: history below a revision removed in small batches, each its own commit, so that writes
// and watches go on between them. After each batch the compact revision moves up to the batch's end.
import { CompactedError, FutureRevisionError } from '../errors.js';
import type { RevisionLog } from '../log.js';

export const COMPACT_BATCH = 1000;

export async function compact(log: RevisionLog, target: number, batch = COMPACT_BATCH): Promise<void> {
  if (target <= log.compactRevision) throw new CompactedError(log.compactRevision);
  if (target > log.revision) throw new FutureRevisionError();
  let from = log.compactRevision;
  while (from < target) {
    const lo = from;
    const hi = Math.min(lo + batch, target);
    await log.write((tx) => {
      tx.dialect.compactSpan(lo, hi);
      tx.dialect.setMeta('compact_revision', hi);
      tx.afterCommit.push(() => log.setCompacted(hi));
    });
    from = hi;
  }
}
