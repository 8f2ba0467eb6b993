// The endpoints controller (pkg/controller/endpoint): one Endpoints object per Service with a
// selector, named after it, listing the matching pods' addresses and resolved ports. Services without
// a selector (the `kubernetes` service among them) are left to whoever writes their Endpoints.
import type { ResourceClient } from '../../client/client.js';
import type { Informer } from '../../client/informer.js';
import { endpoints as endpointsType, pods as podsType, services as servicesType } from '../../client/resource-types.js';
import { isAlreadyExists, isNotFound } from '../../client/transport.js';
import { keyOf, splitKey, type Controller, type ControllerContext } from '../runtime/controller.js';
import type { Meta, Pod, Service } from '../support/api-types.js';
import { deepEqual } from '../support/deep-equal.js';
import { podCondition } from '../support/pods.js';
import { setSelects } from '../support/selectors.js';
import { enqueueServicesAndTheirPods } from '../support/service-pod-events.js';
import { unwrapTombstone } from '../support/tombstone.js';
import { parseTime, rfc3339Nano } from '../support/time.js';
import { computeSubsets, truncateSubsets, type EndpointSubset } from './subsets.js';

export interface Endpoints {
  apiVersion?: string;
  kind?: string;
  metadata: Meta;
  subsets?: EndpointSubset[];
}

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

/** The labels an Endpoints (or EndpointSlice) carries for `service`: the service's, plus the headless marker. */
export function serviceDerivedLabels(service: Service): Record<string, string> {
  const labels = { ...(service.metadata.labels ?? {}) };
  if (service.spec.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  return labels;
}

/**
 * The time of the latest change behind the current state: the service's creation or a pod's Ready
 * transition (upstream's TriggerTimeTracker keeps the earliest unprocessed one; we keep the latest
 * observed, which needs no memory between syncs).
 */
export function lastChangeTriggerTime(service: Service, pods: readonly Pod[]): number | undefined {
  let latest = parseTime(service.metadata.creationTimestamp);
  for (const p of pods) {
    const t = parseTime(podCondition(p, 'Ready')?.lastTransitionTime) ?? parseTime(p.metadata.creationTimestamp);
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  return latest;
}

export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';
  readonly workers = 5;
  private services!: Informer<Service>;
  private pods!: Informer<Pod>;
  private endpoints!: Informer<Endpoints>;
  private client!: ResourceClient<Endpoints>;

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.client = ctx.client.resource<Endpoints>(endpointsType);
    this.services = ctx.informers.informerFor<Service>(servicesType);
    this.pods = ctx.informers.informerFor<Pod>(podsType);
    this.endpoints = ctx.informers.informerFor<Endpoints>(endpointsType);
    enqueueServicesAndTheirPods(this.services, this.pods, enqueue);
    // Someone else's write to an Endpoints we manage: look again (upstream's endpoints handler).
    this.endpoints.addEventHandler({ update: (_o, n) => enqueue(keyOf(n)), delete: (e) => enqueue(keyOf(unwrapTombstone(e))) });
  }

  async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const service = this.services.lister.get(namespace, name);
    if (!service) {
      // The service is gone: so is its Endpoints object (unless someone else's, without a selector to check).
      if (this.endpoints.lister.get(namespace, name)) await this.client.delete(name, { namespace }).catch((err) => (isNotFound(err) ? undefined : Promise.reject(err)));
      return;
    }
    if (!service.spec.selector || Object.keys(service.spec.selector).length === 0) return;
    const pods = this.pods.lister.list(namespace).filter((p) => setSelects(service.spec.selector, p.metadata.labels));
    const { subsets, truncated } = truncateSubsets(computeSubsets(service, pods));
    const labels = serviceDerivedLabels(service);
    const current = this.endpoints.lister.get(namespace, name);
    const overCapacityOk = (current?.metadata.annotations?.[OVER_CAPACITY_ANNOTATION] === 'truncated') === truncated;
    if (current && deepEqual(current.subsets ?? [], subsets) && deepEqual(current.metadata.labels ?? {}, labels) && overCapacityOk) return;
    const annotations = { ...(current?.metadata.annotations ?? {}) };
    const trigger = lastChangeTriggerTime(service, pods);
    if (trigger !== undefined) annotations[TRIGGER_TIME_ANNOTATION] = rfc3339Nano(trigger);
    else delete annotations[TRIGGER_TIME_ANNOTATION];
    if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    const desired: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...(current?.metadata ?? { name, namespace }), labels, annotations },
      subsets,
    };
    if (!current) {
      try {
        await this.client.create(desired, { namespace });
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        throw new Error(`endpoints ${key} already exist: waiting for the cache`);
      }
      return;
    }
    await this.client.update(desired, { namespace });
  }
}
