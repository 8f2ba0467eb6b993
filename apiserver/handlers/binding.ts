// Binding a pod to a node (POST pods/<name>/binding, or the older POST bindings): upstream's pod
// BindingREST. The pod gets spec.nodeName and the condition PodScheduled=True in one write; a pod that
// already has a node gets 409 Conflict, one being deleted cannot be bound, and the target must be a Node.
import { copyJson } from '../apply/json-copy.js';
import { badRequest, conflict, StatusError } from '../errors.js';
import { pods } from '../registry/core/pods.js';
import type { KubeObject } from '../registry/types.js';
import type { ApiContext, ApiResult } from './context.js';
import { decodeObject } from './decode.js';
import { timestamp } from './object-meta.js';
import { managedFieldsForUpdate, setManagedFields, writeInfoOf } from './managed-fields.js';

interface Binding extends KubeObject {
  target?: { kind?: string; name?: string; apiVersion?: string };
}

export async function bind(ctx: ApiContext): Promise<ApiResult> {
  const binding = decodeObject({ ...ctx, entry: { ...ctx.entry, kind: 'Binding', model: 'V1Binding' }, info: { ...ctx.info, subresource: undefined } }) as Binding;
  const podName = ctx.info.subresource === 'binding' ? ctx.info.name! : binding.metadata?.name;
  if (!podName) throw badRequest('a Binding needs metadata.name: the name of the pod');
  if (ctx.info.subresource === 'binding' && binding.metadata?.name && binding.metadata.name !== podName) {
    throw badRequest(`the name of the object (${binding.metadata.name}) does not match the name on the URL (${podName})`);
  }
  const target = binding.target ?? {};
  if (!target.name) {
    throw new StatusError(422, 'Invalid', `Binding.meta.k8s.io "${podName}" is invalid: target.name: Required value`, {
      name: podName,
      kind: 'Binding',
      causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'target.name' }],
    });
  }
  if (target.kind && target.kind !== 'Node') throw badRequest(`a Binding's target must be a Node, not ${target.kind}`);
  const ns = ctx.info.namespace!;
  const now = timestamp(ctx.now());
  await ctx.store.guaranteedUpdate(
    pods,
    ns,
    podName,
    (pod) => {
      const meta = pod.metadata!;
      if (meta.deletionTimestamp) throw conflict('pods/binding', podName, `pod ${podName} is being deleted, cannot be assigned to a host`);
      const spec = (pod.spec ?? {}) as { nodeName?: string };
      if (spec.nodeName) throw conflict('pods/binding', podName, `pod ${podName} is already assigned to node "${spec.nodeName}"`);
      const next = copyJson(pod);
      (next.spec as { nodeName?: string }).nodeName = target.name;
      const status = (next.status ?? {}) as { conditions?: Array<Record<string, unknown>> };
      const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
      conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
      next.status = { ...status, conditions };
      setManagedFields(next, managedFieldsForUpdate(pod, next, writeInfoOf({ ...ctx, entry: pods, version: 'v1' }, 'binding')));
      return next;
    },
    // the pod is only read; the bound pod is a copy of it
    { ...(binding.metadata?.uid ? { uid: binding.metadata.uid } : {}), readOnlyCurrent: true },
  );
  return { status: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}
