// NodeName: a pod naming a node in spec.nodeName fits only that node. Mirrors plugins/nodename.

import type { Pod } from '../framework/api-types.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { FilterPlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import { SUCCESS, unresolvable, type Status } from '../framework/status.js';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export class NodeName implements FilterPlugin {
  readonly name = 'NodeName';

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const wanted = pod.spec.nodeName;
    if (!wanted || wanted === nodeInfo.name) return SUCCESS;
    return unresolvable(ERR_REASON_NODE_NAME);
  }
}
