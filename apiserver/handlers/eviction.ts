// POST pods/<name>/eviction (policy/v1 Eviction; `kubectl drain` uses it): upstream's eviction REST. A
// pod covered by a PodDisruptionBudget is deleted only while the budget allows a disruption (status
// disruptionsAllowed > 0, computed by the disruption controller); the budget's count is taken down and
// the pod recorded in status.disruptedPods first. Otherwise 429 with upstream's message and cause.
import { matchesLabels, fromLabelSelectorObject } from '../selectors/label-selector.js';
import { StatusError } from '../errors.js';
import { pods } from '../registry/core/pods.js';
import { poddisruptionbudgets } from '../registry/policy/poddisruptionbudgets.js';
import type { KubeObject } from '../registry/types.js';
import type { ApiContext, ApiResult } from './context.js';
import { deleteOne } from './delete.js';
import { mediaType, parseBody } from './decode.js';
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE } from '../protobuf/index.js';
import { timestamp } from './object-meta.js';

const VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

interface PdbStatus {
  observedGeneration?: number;
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  disruptedPods?: Record<string, string>;
}

function refuse(cause: string): StatusError {
  return new StatusError(429, 'TooManyRequests', VIOLATION, { causes: [{ reason: 'DisruptionBudget', message: cause }] });
}

export async function evict(ctx: ApiContext): Promise<ApiResult> {
  const ns = ctx.info.namespace!;
  const name = ctx.info.name!;
  const body = (ctx.body?.length
    ? mediaType(ctx.contentType) === PROTOBUF_MEDIA_TYPE
      ? decodeProtobufObject(ctx.body).object
      : parseBody(ctx)
    : {}) as { deleteOptions?: Record<string, unknown> };
  const podCtx: ApiContext = { ...ctx, entry: pods, info: { ...ctx.info, subresource: undefined, verb: 'delete' } };
  const pod = await ctx.store.mustGet(pods, ns, name);
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  // Pods that are done, not yet running or already going need no budget (upstream's canIgnorePDB).
  const ignoreBudget = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata?.deletionTimestamp;
  if (!ignoreBudget) {
    const budgets = (await ctx.store.list(poddisruptionbudgets, ns)).items.filter((pdb) => selects(pdb, pod));
    if (budgets.length > 1) {
      throw new StatusError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    }
    if (budgets.length === 1) await takeDisruption(ctx, budgets[0]!, name);
  }
  const opts = (body.deleteOptions ?? {}) as Parameters<typeof deleteOne>[2];
  await deleteOne(podCtx, name, opts);
  return { status: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}

function selects(pdb: KubeObject, pod: KubeObject): boolean {
  const parsed = fromLabelSelectorObject((pdb.spec as { selector?: never } | undefined)?.selector);
  if (!parsed.ok || parsed.selector.requirements.length === 0) return false;
  return matchesLabels(parsed.selector, pod.metadata?.labels);
}

async function takeDisruption(ctx: ApiContext, pdb: KubeObject, podName: string): Promise<void> {
  const pdbName = pdb.metadata!.name!;
  await ctx.store.guaranteedUpdate(poddisruptionbudgets, pdb.metadata!.namespace, pdbName, (current) => {
    const status = { ...((current.status as PdbStatus | undefined) ?? {}) };
    if ((status.observedGeneration ?? 0) < (current.metadata?.generation ?? 1)) {
      throw refuse(`The disruption budget ${pdbName} is still being processed by the server.`);
    }
    const allowed = status.disruptionsAllowed ?? 0;
    if (allowed <= 0) {
      throw refuse(`The disruption budget ${pdbName} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`);
    }
    status.disruptionsAllowed = allowed - 1;
    status.disruptedPods = { ...(status.disruptedPods ?? {}), [podName]: timestamp(ctx.now()) };
    current.status = status as Record<string, unknown>;
    return current;
  });
}
