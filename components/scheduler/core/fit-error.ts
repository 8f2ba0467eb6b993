// The FailedScheduling message, exactly as framework.FitError.Error() builds it:
// "0/N nodes are available:" then either " <PreFilterMsg>." or " <histogram>." where the histogram
// is "<count> <reason>" per distinct reason over all rejected nodes (a node counts once per reason
// it gave), sorted as strings and joined with ", "; then " <PostFilterMsg>" when preemption ran
// and had something to say (it carries its own final period).

import type { Status } from '../framework/status.js';

export interface Diagnosis {
  /** Rejected nodes by name; absent nodes count as `absentStatus` (NodeToStatus.AbsentNodesStatus). */
  readonly nodeToStatus: ReadonlyMap<string, Status>;
  readonly absentStatus?: Status;
  readonly unschedulablePlugins: ReadonlySet<string>;
  readonly preFilterMsg?: string;
  postFilterMsg?: string;
}

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
  else {
    const counts = new Map<string, number>();
    for (const s of d.nodeToStatus.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const absent = numAllNodes - d.nodeToStatus.size;
    if (absent > 0 && d.absentStatus) for (const r of d.absentStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}
