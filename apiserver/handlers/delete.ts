// DELETE an object, or a collection. Finalizers, graceful pod deletion and namespace termination keep
// the object (with deletionTimestamp, 202 Accepted) until whoever owns them lets go; otherwise it goes at once.
import { badRequest } from '../errors.js';
import type { KubeObject } from '../registry/types.js';
import { type ApiContext, type ApiResult, isDryRun } from './context.js';
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE } from '../protobuf/index.js';
import { mediaType, parseBody } from './decode.js';
import { timestamp } from './object-meta.js';
import { deleteIfFinalized } from './namespace-finalize.js';

interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export function deleteOptions(ctx: ApiContext): DeleteOptions {
  let o: DeleteOptions = {};
  if (ctx.body && ctx.body.length > 0 && ctx.body.toString().trim() !== '') {
    // Typed clients (helm, client-go) send DeleteOptions as protobuf.
    const parsed = mediaType(ctx.contentType) === PROTOBUF_MEDIA_TYPE ? decodeProtobufObject(ctx.body).object : parseBody(ctx);
    if (!parsed || typeof parsed !== 'object') throw badRequest('the body of a DELETE must be a DeleteOptions object');
    o = parsed as DeleteOptions;
  }
  const grace = ctx.query.get('gracePeriodSeconds');
  if (grace !== null) o.gracePeriodSeconds = Number(grace);
  const policy = ctx.query.get('propagationPolicy');
  if (policy) o.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  if (o.propagationPolicy && !['Orphan', 'Background', 'Foreground'].includes(o.propagationPolicy)) {
    throw badRequest(`propagationPolicy: Unsupported value: "${o.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"`);
  }
  if (o.gracePeriodSeconds !== undefined && (!Number.isInteger(o.gracePeriodSeconds) || o.gracePeriodSeconds < 0)) {
    throw badRequest('gracePeriodSeconds must be a non-negative integer');
  }
  return o;
}

export async function remove(ctx: ApiContext): Promise<ApiResult> {
  const opts = deleteOptions(ctx);
  const obj = await deleteOne(ctx, ctx.info.name!, opts);
  // upstream answers 200 with the object still there (finalizers, graceful deletion, a terminating
  // namespace); 202 only when the legacy orphanDependents=false asked for cascading.
  if (!obj.gone) return { status: orphanDependentsFalse(ctx) ? 202 : 200, body: obj.object };
  if (ctx.entry.plural === 'pods') return { status: 200, body: obj.object };
  const details: Record<string, unknown> = { name: obj.object.metadata?.name, kind: ctx.entry.plural, uid: obj.object.metadata?.uid };
  if (ctx.entry.group) details.group = ctx.entry.group;
  return { status: 200, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details } };
}

/** Delete or start deleting one object; `gone` tells whether it left the store. */
export async function deleteOne(ctx: ApiContext, name: string, opts: DeleteOptions): Promise<{ object: KubeObject; gone: boolean }> {
  const e = ctx.entry;
  const ns = e.namespaced ? ctx.info.namespace : undefined;
  const pre = opts.preconditions ?? {};
  const current = await ctx.store.mustGet(e, ns, name);
  const keep = wantsGracefulDeletion(ctx, current, opts);
  if (isDryRun(ctx)) return { object: current, gone: !keep };
  if (!keep) {
    const object = await ctx.store.delete(e, ns, name, pre);
    await e.hooks?.afterDelete?.(object, { store: ctx.store });
    return { object, gone: true };
  }
  const { object } = await ctx.store.guaranteedUpdate(
    e,
    ns,
    name,
    (cur) => {
      const meta = cur.metadata!;
      const now = ctx.now();
      if (!meta.deletionTimestamp) {
        let grace = 0;
        if (e.plural === 'pods') grace = opts.gracePeriodSeconds ?? podGrace(cur);
        meta.deletionTimestamp = timestamp(new Date(now.getTime() + grace * 1000));
        meta.deletionGracePeriodSeconds = grace;
      } else if (e.plural === 'pods' && opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds < (meta.deletionGracePeriodSeconds ?? 30)) {
        meta.deletionGracePeriodSeconds = opts.gracePeriodSeconds;
      }
      const finalizers = new Set(meta.finalizers ?? []);
      if (opts.propagationPolicy === 'Foreground') finalizers.add('foregroundDeletion');
      if (opts.propagationPolicy === 'Orphan') finalizers.add('orphan');
      for (const f of e.deletionFinalizers ?? []) finalizers.add(f);
      if (finalizers.size > 0) meta.finalizers = [...finalizers];
      if (e.plural === 'namespaces') cur.status = { ...(cur.status as object), phase: 'Terminating' };
      return cur;
    },
    pre,
  );
  return { object, gone: false };
}

/** Whether the object stays (with deletionTimestamp) rather than leaving at once. */
function wantsGracefulDeletion(ctx: ApiContext, obj: KubeObject, opts: DeleteOptions): boolean {
  const meta = obj.metadata ?? {};
  if ((meta.finalizers?.length ?? 0) > 0) return true;
  if ((ctx.entry.deletionFinalizers?.length ?? 0) > 0) return true;
  if (opts.propagationPolicy === 'Foreground' || opts.propagationPolicy === 'Orphan') return true;
  if (ctx.entry.plural === 'namespaces') return true;
  if (ctx.entry.plural === 'pods') {
    // A pod on a node is stopped by its kubelet, which then deletes it with grace 0.
    const onNode = !!(obj.spec as { nodeName?: string } | undefined)?.nodeName;
    const grace = opts.gracePeriodSeconds ?? podGrace(obj);
    return onNode && grace > 0 && !isFinished(obj);
  }
  return false;
}

function podGrace(pod: KubeObject): number {
  return (pod.spec as { terminationGracePeriodSeconds?: number } | undefined)?.terminationGracePeriodSeconds ?? 30;
}

function isFinished(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** After an update: an object being deleted whose last finalizer just went leaves the store. */
export async function finishDeletionIfDone(ctx: ApiContext, obj: KubeObject): Promise<KubeObject> {
  const meta = obj.metadata ?? {};
  if (!meta.deletionTimestamp || (meta.finalizers?.length ?? 0) > 0) return obj;
  if (ctx.entry.plural === 'pods') return obj;
  if (ctx.entry.plural === 'namespaces' && ctx.entry.group === '') return deleteIfFinalized(ctx, obj);
  const ns = ctx.entry.namespaced ? ctx.info.namespace : undefined;
  try {
    const gone = await ctx.store.delete(ctx.entry, ns, meta.name!, { uid: meta.uid, resourceVersion: meta.resourceVersion });
    await ctx.entry.hooks?.afterDelete?.(gone, { store: ctx.store });
    return gone;
  } catch {
    return obj; // someone changed it meanwhile; their write decides
  }
}

/** The legacy `orphanDependents=false` (query or DeleteOptions body): the one case upstream answers 202. */
function orphanDependentsFalse(ctx: ApiContext): boolean {
  if (ctx.query.get('orphanDependents') === 'false') return true;
  try {
    return ctx.body?.length ? (JSON.parse(ctx.body.toString()) as { orphanDependents?: boolean }).orphanDependents === false : false;
  } catch {
    return false;
  }
}
