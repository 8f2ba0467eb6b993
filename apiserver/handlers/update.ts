// PUT an object (or its status): optimistic concurrency on metadata.resourceVersion when given.
import { isDeepStrictEqual } from 'node:util';
import { copyJson } from '../apply/json-copy.js';
import { badRequest } from '../errors.js';
import type { KubeObject } from '../registry/types.js';
import { type ApiContext, type ApiResult, isDryRun } from './context.js';
import { decodeObject } from './decode.js';
import { admit } from './admit.js';
import { finishDeletionIfDone } from './delete.js';
import { prepareUpdateMeta } from './object-meta.js';
import { managedFieldsForUpdate, setManagedFields, writeInfoOf, type ManagedFieldsEntry } from './managed-fields.js';

export async function update(ctx: ApiContext): Promise<ApiResult> {
  const obj = decodeObject(ctx);
  const name = ctx.info.name!;
  if (obj.metadata!.name && obj.metadata!.name !== name) {
    throw badRequest(`the name of the object (${obj.metadata!.name}) does not match the name on the URL (${name})`);
  }
  obj.metadata!.name = name;
  const rv = obj.metadata!.resourceVersion;
  return writeUpdate(ctx, (current) => prepareUpdateMeta(ctx.entry, copyJson(obj), current, ctx.info.subresource), { resourceVersion: rv });
}

/**
 * A computed object whose managedFields are already decided (server-side apply). Unlike other writes, one
 * that changes nothing is not written (upstream's storage skips no-op updates), so re-applying the same
 * configuration keeps the resourceVersion.
 */
export class ComputedWrite {
  constructor(
    readonly object: KubeObject,
    readonly managedFields: ManagedFieldsEntry[],
  ) {}
}

export interface WriteUpdateOptions {
  /** A precondition: the object must be at this resourceVersion. */
  resourceVersion?: string;
  /** The subresource recorded in managedFields when it differs from the request's (scale). */
  subresource?: string;
  /**
   * `compute` builds the new object from a copy it makes itself and only reads the current one, which is
   * then the watch cache's (shared) and need not be copied for it.
   */
  readOnlyCurrent?: boolean;
}

/**
 * Shared by PUT and PATCH: read, compute the new object, validate, write with compare-and-swap; an object
 * whose deletion was waiting on finalizers goes once they are gone.
 */
export async function writeUpdate(
  ctx: ApiContext,
  compute: (current: KubeObject) => KubeObject | ComputedWrite | Promise<KubeObject | ComputedWrite>,
  o: WriteUpdateOptions = {},
): Promise<ApiResult> {
  const { resourceVersion, subresource = ctx.info.subresource } = o;
  const e = ctx.entry;
  const ns = e.namespaced ? ctx.info.namespace : undefined;
  const dryRun = isDryRun(ctx);
  let dryResult: KubeObject | undefined;
  let unchanged: KubeObject | undefined;
  const { object } = await ctx.store.guaranteedUpdate(
    e,
    ns,
    ctx.info.name!,
    async (current) => {
      const computed = await compute(current);
      const next = computed instanceof ComputedWrite ? computed.object : computed;
      if (!ctx.info.subresource) e.strategy?.prepareForUpdate?.(next, current);
      admit(ctx, next, current);
      if (computed instanceof ComputedWrite) {
        setManagedFields(next, computed.managedFields);
        if (isDeepStrictEqual({ ...next, metadata: { ...next.metadata, resourceVersion: undefined } }, { ...current, metadata: { ...current.metadata, resourceVersion: undefined } })) {
          unchanged = current;
          throw NO_CHANGE;
        }
      } else setManagedFields(next, managedFieldsForUpdate(current, next, writeInfoOf(ctx, subresource)));
      if (dryRun) {
        dryResult = next;
        throw DRY_RUN;
      }
      if (!ctx.info.subresource) await e.hooks?.beforeUpdate?.(next, current, { store: ctx.store });
      return next;
    },
    { resourceVersion, readOnlyCurrent: o.readOnlyCurrent },
  ).catch((err) => {
    if (err === DRY_RUN) return { object: dryResult! };
    if (err === NO_CHANGE) return { object: unchanged! };
    throw err;
  });
  if (dryRun || unchanged) return { status: 200, body: object };
  return { status: 200, body: await finishDeletionIfDone(ctx, object) };
}

const DRY_RUN = Symbol('dry run');
const NO_CHANGE = Symbol('no change');
