// NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods tolerating the
// node.kubernetes.io/unschedulable:NoSchedule taint. Mirrors plugins/nodeunschedulable.

import type { Pod } from '../framework/api-types.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { FilterPlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import { tolerationsTolerateTaint } from '../framework/selectors.js';
import { SUCCESS, unresolvable, type Status } from '../framework/status.js';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export class NodeUnschedulable implements FilterPlugin {
  readonly name = 'NodeUnschedulable';

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    if (!nodeInfo.node.spec?.unschedulable) return SUCCESS;
    if (tolerationsTolerateTaint(pod.spec.tolerations, UNSCHEDULABLE_TAINT)) return SUCCESS;
    return unresolvable(ERR_REASON_UNSCHEDULABLE);
  }
}
