// The node lifecycle controller (with taint-based eviction). Run it as
// `system:serviceaccount:kube-system:node-controller` (groups system:serviceaccounts,
// system:serviceaccounts:kube-system), whose ClusterRole system:controller:node-controller the
// bootstrap policy grants; its informers (nodes, leases, pods) list and watch as kube-controller-manager.
import { NodeLifecycleController, type NodeLifecycleOptions } from './node-lifecycle-controller.js';

export { desiredTaints, evictionTime, staleNodeConditions, TAINT_NOT_READY, TAINT_UNREACHABLE } from './node-health.js';
export { NODE_LEASE_NAMESPACE, type NodeLifecycleOptions } from './node-lifecycle-controller.js';

export function nodeLifecycleController(o: NodeLifecycleOptions = {}): NodeLifecycleController {
  return new NodeLifecycleController(o);
}
