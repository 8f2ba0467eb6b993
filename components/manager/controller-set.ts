// The controllers `k8ts server` runs (kube-controller-manager's set so far), each as its own service
// account in kube-system (upstream's --use-service-account-credentials), sharing one set of informers
// that lists and watches as system:kube-controller-manager.
import type { ApiServer } from '../../apiserver/server.js';
import { Client } from '../client/client.js';
import { realClock } from '../client/clock.js';
import { EventRecorder } from '../client/event-recorder.js';
import type { ClientLogger } from '../client/logger.js';
import { SharedInformerFactory } from '../client/shared-informer-factory.js';
import { InProcessTransport } from '../client/transport-in-process.js';
import { cronJobController } from '../controllers/cronjob/index.js';
import { daemonSetController } from '../controllers/daemonset/index.js';
import { disruptionController } from '../controllers/disruption/index.js';
import { statefulSetController } from '../controllers/statefulset/index.js';
import { persistentVolumeBinderController } from '../controllers/volume-binding/index.js';
import { horizontalPodAutoscalerController } from '../controllers/podautoscaler/index.js';
import { deploymentController } from '../controllers/deployment/index.js';
import { endpointsController } from '../controllers/endpoints/index.js';
import { endpointSliceController } from '../controllers/endpointslice/index.js';
import { jobController, ttlAfterFinishedController } from '../controllers/job/index.js';
import { namespaceController } from '../controllers/namespace/index.js';
import { nodeLifecycleController } from '../controllers/node-lifecycle/index.js';
import { podGcController } from '../controllers/pod-gc/index.js';
import { garbageCollector } from '../controllers/garbage-collector/index.js';
import { replicaSetController, replicationControllerController } from '../controllers/replicaset/index.js';
import type { Controller } from '../controllers/runtime/controller.js';
import { ControllerManager } from '../controllers/runtime/controller-manager.js';

/** [service account in kube-system, controller] pairs, in upstream's names. */
export function controllerSet(o: { dataDir?: string } = {}): Array<[string, Controller]> {
  return [
    ['replicaset-controller', replicaSetController()],
    ['replication-controller', replicationControllerController()],
    ['deployment-controller', deploymentController()],
    ['generic-garbage-collector', garbageCollector()],
    ['endpoint-controller', endpointsController()],
    ['endpointslice-controller', endpointSliceController()],
    ['namespace-controller', namespaceController()],
    ['node-controller', nodeLifecycleController()],
    ['pod-garbage-collector', podGcController()],
    ['job-controller', jobController()],
    ['ttl-after-finished-controller', ttlAfterFinishedController()],
    ['cronjob-controller', cronJobController()],
    ['statefulset-controller', statefulSetController()],
    ['daemon-set-controller', daemonSetController()],
    ['disruption-controller', disruptionController()],
    ['horizontal-pod-autoscaler', horizontalPodAutoscalerController()],
    ['persistent-volume-binder', persistentVolumeBinderController(o.dataDir ? { dataDir: o.dataDir } : {})],
  ];
}

/** Runs every controller until `signal` aborts. */
export async function runControllers(api: ApiServer, log: ClientLogger, signal: AbortSignal, o: { dataDir?: string } = {}): Promise<void> {
  const client = (name: string, groups: string[]) => new Client(new InProcessTransport(api.local({ name, groups })), { fieldManager: 'kube-controller-manager' });
  const informers = new SharedInformerFactory(client('system:kube-controller-manager', []), { log });
  await Promise.all(
    controllerSet(o).map(([account, controller]) => {
      const writer = client(`system:serviceaccount:kube-system:${account}`, ['system:serviceaccounts', 'system:serviceaccounts:kube-system']);
      const ctx = { client: writer, informers, recorder: (component: string) => new EventRecorder({ client: writer, component, log }), clock: realClock, log };
      return new ControllerManager(ctx).add(controller).run(signal);
    }),
  );
}
