// The scale subresource (deployments, replicasets, statefulsets, replicationcontrollers): an
// autoscaling/v1 Scale view of spec.replicas, read, replaced or patched (`kubectl scale` merge-patches it).
import { copyJson } from '../apply/json-copy.js';
import { badRequest, invalid } from '../errors.js';
import { applyPatch, patchFailureError } from '../patch/index.js';
import { patchMeta } from '../schema/patch-meta.js';
import { formatLabelSelector, fromLabelSelectorObject } from '../selectors/label-selector.js';
import type { KubeObject } from '../registry/types.js';
import type { ApiContext, ApiResult } from './context.js';
import { mediaType, parseBody } from './decode.js';
import { resourceVersionIn } from './patch.js';
import { writeUpdate } from './update.js';

interface Scale extends KubeObject {
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

/** The scale paths of a custom resource (`.spec.replicas`), as steps. */
type ScalePaths = NonNullable<NonNullable<ApiContext['entry']['custom']>['scale']>;
const steps = (path: string) => path.replace(/^\./, '').split('.');

function readPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const k of steps(path)) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

function writePath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = steps(path);
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]!] = value;
}

/** A custom resource's Scale (apiextensions' scale subresource): replicas and selector at the CRD's paths. */
function customScale(obj: KubeObject, paths: ScalePaths): Scale {
  const scale = toScale({ metadata: obj.metadata });
  const replicas = readPath(obj, paths.specReplicasPath);
  scale.spec.replicas = typeof replicas === 'number' ? replicas : 0;
  const status = readPath(obj, paths.statusReplicasPath);
  scale.status.replicas = typeof status === 'number' ? status : 0;
  const selector = paths.labelSelectorPath ? readPath(obj, paths.labelSelectorPath) : undefined;
  if (typeof selector === 'string') scale.status.selector = selector;
  else delete scale.status.selector;
  return scale;
}

export function toScale(obj: KubeObject): Scale {
  const meta = obj.metadata ?? {};
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: unknown };
  const status = (obj.status ?? {}) as { replicas?: number };
  let selector: string | undefined;
  if (spec.selector && typeof spec.selector === 'object') {
    const sel = spec.selector as Record<string, unknown>;
    if ('matchLabels' in sel || 'matchExpressions' in sel) {
      const parsed = fromLabelSelectorObject(sel as never);
      if (parsed.ok) selector = formatLabelSelector(parsed.selector);
    } else {
      selector = Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',');
    }
  }
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: meta.name, namespace: meta.namespace, uid: meta.uid, resourceVersion: meta.resourceVersion, creationTimestamp: meta.creationTimestamp },
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: status.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

export async function scale(ctx: ApiContext): Promise<ApiResult> {
  const paths = ctx.entry.custom?.scale;
  const view = (obj: KubeObject) => (paths ? customScale(obj, paths) : toScale(obj));
  const ns = ctx.entry.namespaced ? ctx.info.namespace : undefined;
  const name = ctx.info.name!;
  if (ctx.info.verb === 'get') return { status: 200, body: view(await ctx.store.mustGet(ctx.entry, ns, name)) };
  // The precondition (a resourceVersion in the Scale or the patch) is checked by writeUpdate's store write.
  let replicasFor: (current: KubeObject) => number;
  let precondition: string | undefined;
  if (ctx.info.verb === 'update') {
    const body = parseBody(ctx) as Scale;
    if (!body || typeof body !== 'object' || (body.kind && body.kind !== 'Scale')) throw badRequest('the body of a scale update must be an autoscaling/v1 Scale');
    precondition = body.metadata?.resourceVersion || undefined;
    replicasFor = () => checkReplicas(name, body.spec?.replicas);
  } else {
    const type = mediaType(ctx.contentType);
    if (type === 'application/apply-patch+yaml') throw badRequest('server-side apply of the scale subresource is not supported yet');
    const body = ctx.body ?? Buffer.alloc(0);
    precondition = resourceVersionIn(type, body);
    replicasFor = (current) => {
      const outcome = applyPatch(ctx.contentType, view(current), body, { strategic: { model: 'V1Scale', meta: patchMeta } });
      if (!outcome.ok) throw patchFailureError(outcome.failure);
      return checkReplicas(name, (outcome.object as Scale).spec?.replicas);
    };
  }
  const result = await writeUpdate(
    { ...ctx, info: { ...ctx.info, subresource: undefined } },
    (current) => {
      const replicas = replicasFor(current);
      const next = copyJson(current);
      const before = paths ? readPath(current, paths.specReplicasPath) : (current.spec as { replicas?: number })?.replicas;
      if (paths) writePath(next, paths.specReplicasPath, replicas);
      else next.spec = { ...(next.spec as object), replicas };
      next.metadata!.generation = (current.metadata?.generation ?? 1) + (replicas !== before ? 1 : 0);
      return next;
    },
    // current is only read; the scaled object is a copy of it
    { resourceVersion: precondition, subresource: 'scale', readOnlyCurrent: true },
  );
  return { status: 200, body: view(result.body as KubeObject) };
}

function checkReplicas(name: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw invalid('Scale', name, [{ field: 'spec.replicas', reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(n)}: must be greater than or equal to 0` }], 'autoscaling');
  }
  return n;
}
