// The Deployment controller. It writes through its context's client, which should act as
// system:serviceaccount:kube-system:deployment-controller (groups system:serviceaccounts,
// system:serviceaccounts:kube-system), as kube-controller-manager's --use-service-account-credentials.
import type { Controller } from '../runtime/controller.js';
import { DeploymentController, type DeploymentControllerOptions } from './deployment-controller.js';

export function deploymentController(o: DeploymentControllerOptions = {}): Controller {
  return new DeploymentController(o);
}

export { DeploymentController, type DeploymentControllerOptions } from './deployment-controller.js';
export { computeHash, POD_TEMPLATE_HASH_LABEL } from './template-hash.js';
