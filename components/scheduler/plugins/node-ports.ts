// NodePorts: the pod's host ports must be free on the node, per (hostIP, protocol, port) with
// 0.0.0.0 clashing with every IP. Unschedulable (preemption may free a port). Mirrors
// plugins/nodeports and HostPortInfo.CheckConflict.

import type { Pod } from '../framework/api-types.js';
import type { CycleState, StateData } from '../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin } from '../framework/interfaces.js';
import { hostPortConflicts, podHostPorts, type HostPort, type NodeInfo } from '../framework/node-info.js';
import { SKIP, SUCCESS, unschedulable, type Status } from '../framework/status.js';

export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
const PRE_FILTER_KEY = 'PreFilterNodePorts';

interface PreFilterState extends StateData {
  ports: HostPort[];
}

export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = 'NodePorts';

  preFilter(state: CycleState, pod: Pod): Status {
    const ports = podHostPorts(pod);
    if (ports.length === 0) return SKIP;
    state.write(PRE_FILTER_KEY, { ports } satisfies PreFilterState);
    return SUCCESS;
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const ports = state.read<PreFilterState>(PRE_FILTER_KEY)?.ports ?? podHostPorts(pod);
    for (const p of ports) if (hostPortConflicts(nodeInfo.usedPorts, p)) return unschedulable(ERR_REASON_NODE_PORTS);
    return SUCCESS;
  }
}
