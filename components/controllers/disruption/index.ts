// The disruption controller. It runs as the ServiceAccount kube-system/disruption-controller
// (system:serviceaccount:kube-system:disruption-controller, bound to the ClusterRole
// system:controller:disruption-controller), as kube-controller-manager runs it with
// --use-service-account-credentials; it reads pods and workloads through the shared informers.
import { DisruptionController } from './disruption-controller.js';

export { DISRUPTION_CONTROLLER, DisruptionController } from './disruption-controller.js';
export { countHealthy, disruptedPodMap, expectedPodCount, nextPdbStatus } from './pdb-status.js';

/** A new disruption controller. */
export function disruptionController(): DisruptionController {
  return new DisruptionController();
}
