// The garbage collector. It writes through its context's client, which should act as
// system:serviceaccount:kube-system:generic-garbage-collector (groups system:serviceaccounts,
// system:serviceaccounts:kube-system); its informers (every deletable resource) come from the
// shared factory, which lists and watches as system:kube-controller-manager.
import type { Controller } from '../runtime/controller.js';
import { GarbageCollector, type GarbageCollectorOptions } from './garbage-collector.js';

export function garbageCollector(o: GarbageCollectorOptions = {}): Controller {
  return new GarbageCollector(o);
}

export { GarbageCollector, type GarbageCollectorOptions } from './garbage-collector.js';
export { OwnershipGraph } from './graph.js';
