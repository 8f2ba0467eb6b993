// The EndpointSlice controller. Run it as `system:serviceaccount:kube-system:endpointslice-controller`
// (groups system:serviceaccounts, system:serviceaccounts:kube-system), whose ClusterRole
// system:controller:endpointslice-controller the bootstrap policy grants.
import { EndpointSliceController, type EndpointSliceControllerOptions } from './endpointslice-controller.js';

export { desiredEndpointGroups, podToEndpoint, endpointPorts } from './desired-endpoints.js';
export type { EndpointGroup, SliceEndpoint, SlicePort } from './desired-endpoints.js';
export { reconcileSlices, DEFAULT_MAX_ENDPOINTS_PER_SLICE } from './slice-reconciler.js';
export type { EndpointSlice, SlicePlan } from './slice-reconciler.js';
export { SERVICE_NAME_LABEL, MANAGED_BY_LABEL, CONTROLLER_NAME } from './endpointslice-controller.js';

export function endpointSliceController(o: EndpointSliceControllerOptions = {}): EndpointSliceController {
  return new EndpointSliceController(o);
}
