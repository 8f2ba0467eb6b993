// The events the Endpoints and EndpointSlice controllers both react to: a Service changing, and a pod
// coming, changing or going, which concerns every Service of its namespace whose selector picks it (before
// or after the change), as upstream's endpoints controllers enqueue them.
import type { DeletedFinalStateUnknown, Informer } from '../../client/informer.js';
import { keyOf } from '../runtime/controller.js';
import type { Pod, Service } from './api-types.js';
import { setSelects } from './selectors.js';
import { unwrapTombstone } from './tombstone.js';

export function enqueueServicesAndTheirPods(services: Informer<Service>, pods: Informer<Pod>, enqueue: (key: string) => void): void {
  const onService = (s: Service | DeletedFinalStateUnknown<Service>) => enqueue(keyOf(unwrapTombstone(s)));
  services.addEventHandler({ add: onService, update: (_o, n) => onService(n), delete: onService });
  const onPod = (p: Pod) => {
    for (const s of services.lister.list(p.metadata.namespace)) if (setSelects(s.spec.selector, p.metadata.labels)) enqueue(keyOf(s));
  };
  pods.addEventHandler({
    add: onPod,
    update: (o, n) => {
      onPod(o);
      onPod(n);
    },
    delete: (p) => onPod(unwrapTombstone(p)),
  });
}
