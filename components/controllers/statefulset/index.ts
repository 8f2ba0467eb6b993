// The StatefulSet controller. It runs as the ServiceAccount kube-system/statefulset-controller
// (system:serviceaccount:kube-system:statefulset-controller, bound to the ClusterRole
// system:controller:statefulset-controller), as kube-controller-manager runs it with
// --use-service-account-credentials.
import { StatefulSetController } from './statefulset-controller.js';

export { STATEFULSET_CONTROLLER, StatefulSetController } from './statefulset-controller.js';
export { planSync, revisionForNewPod, type SyncAction, type SyncPlan } from './sync-plan.js';
export { computeStatus } from './status.js';

/** A new StatefulSet controller (upstream's name: `statefulset-controller`). */
export function statefulSetController(): StatefulSetController {
  return new StatefulSetController();
}
