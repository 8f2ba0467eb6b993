// The pure core of the EndpointSlice controller (mirrors staging endpointslice reconciler.go's
// reconcileByAddressType): given the desired endpoint groups and the slices that exist, which slices
// to create, update and delete, with as little churn as possible:
// 1. an existing slice whose address type and ports match a group keeps the endpoints still desired
//    (updated in place when one changed) and drops the others; a slice left empty, or with ports no
//    group has, is deleted;
// 2. endpoints not yet placed fill the slices already being updated, up to maxEndpointsPerSlice,
//    then new slices;
// 3. a service with no slice at all gets one empty placeholder slice.
import type { Meta, OwnerReference } from '../support/api-types.js';
import { deepEqual } from '../support/deep-equal.js';
import { portsKey, type AddressType, type EndpointGroup, type SliceEndpoint, type SlicePort } from './desired-endpoints.js';

export interface EndpointSlice {
  apiVersion?: string;
  kind?: string;
  metadata: Meta;
  addressType: AddressType | string;
  endpoints?: SliceEndpoint[] | null;
  ports?: SlicePort[] | null;
}

export interface SlicePlan {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
}

export interface ReconcileInput {
  groups: readonly EndpointGroup[];
  existing: readonly EndpointSlice[];
  /** The metadata every slice of the service carries (labels, ownerReferences, generateName, namespace). */
  labels: Record<string, string>;
  ownerReference: OwnerReference;
  serviceName: string;
  namespace: string;
  maxEndpointsPerSlice?: number;
  /** Address types the service uses now; slices of other types are deleted. */
  addressTypes: readonly AddressType[];
}

export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

const endpointKey = (e: SliceEndpoint) => e.targetRef?.uid ?? e.addresses.join(',');

export function reconcileSlices(input: ReconcileInput): SlicePlan {
  const max = input.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE;
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const groups = new Map(input.groups.map((g) => [portsKey(g.addressType, g.ports), g]));
  /** Desired endpoints not yet placed, per group. */
  const pending = new Map([...groups].map(([k, g]) => [k, new Map(g.endpoints.map((e) => [endpointKey(e), e]))]));
  const kept: EndpointSlice[] = [];
  const updating = new Set<EndpointSlice>();

  for (const slice of input.existing) {
    const key = portsKey(slice.addressType, slice.ports ?? []);
    const want = pending.get(key);
    if (!want || !input.addressTypes.includes(slice.addressType as AddressType)) {
      plan.delete.push(slice);
      continue;
    }
    let changed = !deepEqual(slice.metadata.labels ?? {}, input.labels);
    const endpoints: SliceEndpoint[] = [];
    for (const e of slice.endpoints ?? []) {
      const desired = want.get(endpointKey(e));
      if (!desired) {
        changed = true;
        continue;
      }
      want.delete(endpointKey(e));
      if (!deepEqual(desired, e)) changed = true;
      endpoints.push(desired);
    }
    if (endpoints.length === 0 && (slice.endpoints?.length ?? 0) > 0) {
      plan.delete.push(slice);
      continue;
    }
    const next: EndpointSlice = { ...slice, metadata: { ...slice.metadata, labels: { ...input.labels } }, endpoints };
    kept.push(next);
    if (changed) updating.add(next);
  }

  for (const [key, want] of pending) {
    if (want.size === 0) continue;
    const group = groups.get(key)!;
    const rest = [...want.values()];
    // Fill the slices we already update (room first), then slices of this group with room, then new ones.
    const candidates = kept.filter((s) => portsKey(s.addressType, s.ports ?? []) === key).sort((a, b) => Number(updating.has(b)) - Number(updating.has(a)));
    for (const slice of candidates) {
      while (rest.length > 0 && slice.endpoints!.length < max) {
        slice.endpoints!.push(rest.shift()!);
        updating.add(slice);
      }
    }
    while (rest.length > 0) {
      const fresh = newSlice(input, group.addressType, group.ports, rest.splice(0, max));
      plan.create.push(fresh);
    }
  }
  plan.update.push(...kept.filter((s) => updating.has(s)));

  const remaining = kept.length + plan.create.length;
  if (remaining === 0) {
    // A placeholder: the service exists and selects nothing (upstream keeps one empty slice).
    const placeholderExists = plan.delete.find((s) => (s.endpoints?.length ?? 0) === 0 && (s.ports?.length ?? 0) === 0);
    if (placeholderExists) plan.delete = plan.delete.filter((s) => s !== placeholderExists);
    else plan.create.push(newSlice(input, input.addressTypes[0] ?? 'IPv4', [], []));
  }
  return plan;
}

function newSlice(input: ReconcileInput, addressType: string, ports: SlicePort[], endpoints: SliceEndpoint[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { generateName: `${input.serviceName}-`, namespace: input.namespace, labels: { ...input.labels }, ownerReferences: [input.ownerReference] },
    addressType,
    endpoints,
    ports,
  };
}
