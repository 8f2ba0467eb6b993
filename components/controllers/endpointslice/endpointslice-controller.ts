// The EndpointSlice controller (pkg/controller/endpointslice): for each Service with a selector, the
// slices labelled kubernetes.io/service-name=<svc> and managed by endpointslice-controller.k8s.io,
// owned by the Service, at most maxEndpointsPerSlice endpoints each. Slices of a deleted Service go
// with it through the garbage collector (their ownerReference), as upstream.
import type { ResourceClient } from '../../client/client.js';
import type { Informer } from '../../client/informer.js';
import { endpointSlices, nodes as nodesType, pods as podsType, services as servicesType } from '../../client/resource-types.js';
import { isNotFound } from '../../client/transport.js';
import { splitKey, type Controller, type ControllerContext, type ReconcileResult } from '../runtime/controller.js';
import type { Node, Pod, Service } from '../support/api-types.js';
import { controllerRef } from '../support/ownership.js';
import { setSelects } from '../support/selectors.js';
import { enqueueServicesAndTheirPods } from '../support/service-pod-events.js';
import { unwrapTombstone } from '../support/tombstone.js';
import { WriteTracker } from '../support/write-tracker.js';
import { serviceDerivedLabels } from '../endpoints/endpoints-controller.js';
import { desiredEndpointGroups, serviceAddressTypes } from './desired-endpoints.js';
import { reconcileSlices, type EndpointSlice } from './slice-reconciler.js';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

export interface EndpointSliceControllerOptions {
  /** --max-endpoints-per-slice (100). */
  maxEndpointsPerSlice?: number;
}

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';
  readonly workers = 5;
  private services!: Informer<Service>;
  private pods!: Informer<Pod>;
  private nodes!: Informer<Node>;
  private slices!: Informer<EndpointSlice>;
  private client!: ResourceClient<EndpointSlice>;
  private readonly writes = new WriteTracker();

  constructor(private readonly o: EndpointSliceControllerOptions = {}) {}

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.client = ctx.client.resource<EndpointSlice>(endpointSlices);
    this.services = ctx.informers.informerFor<Service>(servicesType);
    this.pods = ctx.informers.informerFor<Pod>(podsType);
    this.nodes = ctx.informers.informerFor<Node>(nodesType);
    this.slices = ctx.informers.informerFor<EndpointSlice>(endpointSlices);
    enqueueServicesAndTheirPods(this.services, this.pods, enqueue);
    const onSlice = (s: EndpointSlice) => {
      const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
      if (svc && s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME) enqueue(`${s.metadata.namespace}/${svc}`);
    };
    this.slices.addEventHandler({ add: onSlice, update: (_o, n) => onSlice(n), delete: (s) => onSlice(unwrapTombstone(s)) });
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitKey(key);
    const service = this.services.lister.get(namespace, name);
    if (!service || !service.spec.selector) return this.writes.forget(key);
    if (!this.writes.caughtUp(key, (n) => this.slices.lister.get(namespace, n))) return { requeueAfter: 50 };
    const pods = this.pods.lister.list(namespace).filter((p) => setSelects(service.spec.selector, p.metadata.labels));
    const existing = this.slices.lister
      .list(namespace)
      .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME)
      .filter((s) => !s.metadata.deletionTimestamp)
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    const labels = { ...serviceDerivedLabels(service), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: CONTROLLER_NAME };
    const plan = reconcileSlices({
      groups: desiredEndpointGroups(service, pods, (n) => this.nodes.lister.get(undefined, n)),
      existing,
      labels,
      ownerReference: controllerRef(service, 'v1', 'Service'),
      serviceName: name,
      namespace: namespace!,
      addressTypes: serviceAddressTypes(service),
      maxEndpointsPerSlice: this.o.maxEndpointsPerSlice,
    });
    // Create before update before delete, as upstream's finalize: endpoints never vanish in between.
    for (const s of plan.create) {
      const made = await this.client.create(s, { namespace });
      this.writes.record(key, [{ name: made.metadata.name!, resourceVersion: made.metadata.resourceVersion }]);
    }
    for (const s of plan.update) {
      const done = await this.client.update(s, { namespace });
      this.writes.record(key, [{ name: done.metadata.name!, resourceVersion: done.metadata.resourceVersion }]);
    }
    for (const s of plan.delete) {
      await this.client.delete(s.metadata.name!, { namespace }).catch((err) => {
        if (!isNotFound(err)) throw err;
      });
      this.writes.record(key, [{ name: s.metadata.name! }]);
    }
  }
}
