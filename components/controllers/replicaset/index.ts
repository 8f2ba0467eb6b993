// The replica controllers. Each writes through its context's client, which should act as its own
// ServiceAccount (kube-controller-manager's --use-service-account-credentials):
//   replicaSetController():             system:serviceaccount:kube-system:replicaset-controller
//   replicationControllerController():  system:serviceaccount:kube-system:replication-controller
// (groups system:serviceaccounts, system:serviceaccounts:kube-system); the shared informers may
// list and watch as system:kube-controller-manager.
import type { Controller } from '../runtime/controller.js';
import { replicaSetKind, replicationControllerKind } from './replica-kinds.js';
import { ReplicaSetController, type ReplicaControllerOptions } from './replica-set-controller.js';

export function replicaSetController(o: ReplicaControllerOptions = {}): Controller {
  return new ReplicaSetController(replicaSetKind, o);
}

export function replicationControllerController(o: ReplicaControllerOptions = {}): Controller {
  return new ReplicaSetController(replicationControllerKind, o);
}

export { ReplicaSetController, type ReplicaControllerOptions } from './replica-set-controller.js';
