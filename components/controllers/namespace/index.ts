// The namespace controller. Run it as `system:serviceaccount:kube-system:namespace-controller`
// (groups system:serviceaccounts, system:serviceaccounts:kube-system), whose ClusterRole
// system:controller:namespace-controller the bootstrap policy grants (delete and deletecollection of
// everything; update of namespaces/finalize and namespaces/status).
import { NamespaceController } from './namespace-controller.js';

export { namespaceConditions, NAMESPACE_CONDITION_TYPES, type DeletionOutcome } from './deletion-status.js';
export { discoverNamespacedResources } from './discovery.js';
export { FINALIZER, type Namespace } from './namespace-controller.js';

export function namespaceController(): NamespaceController {
  return new NamespaceController();
}
