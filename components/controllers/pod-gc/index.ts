// The pod garbage collector. Run it as `system:serviceaccount:kube-system:pod-garbage-collector`
// (groups system:serviceaccounts, system:serviceaccounts:kube-system), whose ClusterRole
// system:controller:pod-garbage-collector the bootstrap policy grants.
import { PodGcController, type PodGcOptions } from './pod-gc-controller.js';

export { podsOnMissingNodes, terminatedPodsToDelete, unscheduledTerminatingPods } from './gc-decisions.js';
export type { PodGcOptions } from './pod-gc-controller.js';

export function podGcController(o: PodGcOptions = {}): PodGcController {
  return new PodGcController(o);
}
