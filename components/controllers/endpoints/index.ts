// The endpoints controller. Run it as `system:serviceaccount:kube-system:endpoint-controller`
// (groups system:serviceaccounts, system:serviceaccounts:kube-system), whose ClusterRole
// system:controller:endpoint-controller the bootstrap policy grants.
import { EndpointsController } from './endpoints-controller.js';

export { computeSubsets, repackSubsets, truncateSubsets } from './subsets.js';
export type { EndpointAddress, EndpointPort, EndpointSubset } from './subsets.js';

export function endpointsController(): EndpointsController {
  return new EndpointsController();
}
