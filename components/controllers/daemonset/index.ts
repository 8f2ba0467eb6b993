// The DaemonSet controller. It runs as the ServiceAccount kube-system/daemon-set-controller
// (system:serviceaccount:kube-system:daemon-set-controller, bound to the ClusterRole
// system:controller:daemon-set-controller), as kube-controller-manager runs it with
// --use-service-account-credentials. Its events report as `daemonset-controller`.
import { DaemonSetController } from './daemonset-controller.js';

export { DAEMONSET_CONTROLLER, DaemonSetController } from './daemonset-controller.js';
export { daemonTolerations, nodeShouldRunDaemonPod, pinToNode, targetNodeName } from './node-eligibility.js';
export { planManage, planRollingUpdate } from './sync-plan.js';
export { computeDaemonStatus } from './status.js';

/** A new DaemonSet controller. */
export function daemonSetController(): DaemonSetController {
  return new DaemonSetController();
}
