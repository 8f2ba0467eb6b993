// POST a collection: a new object.
import { StatusError, forbidden, notFound } from '../errors.js';
import { namespaces } from '../registry/core/namespaces.js';
import type { KubeObject } from '../registry/types.js';
import { type ApiContext, type ApiResult, isDryRun } from './context.js';
import { decodeObject } from './decode.js';
import { admit } from './admit.js';
import { prepareCreateMeta, randomSuffix } from './object-meta.js';
import { managedFieldsForCreate, setManagedFields, writeInfoOf } from './managed-fields.js';

export async function create(ctx: ApiContext): Promise<ApiResult> {
  const obj = decodeObject(ctx);
  const e = ctx.entry;
  if (ctx.info.name) throw new StatusError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  const generatedName = prepareCreateMeta(e, obj, ctx.now());
  if (e.namespaced) await requireActiveNamespace(ctx, obj.metadata!.namespace!, obj.metadata!.name!);
  e.strategy?.prepareForCreate?.(obj);
  admit(ctx, obj);
  setManagedFields(obj, managedFieldsForCreate(obj, writeInfoOf(ctx)));
  if (isDryRun(ctx)) return { status: 201, body: obj };
  const env = { store: ctx.store };
  await e.hooks?.beforeCreate?.(obj, env);
  try {
    return { status: 201, body: await createRetryingGeneratedName(ctx, obj, generatedName) };
  } catch (err) {
    await e.hooks?.createFailed?.(obj, env);
    throw err;
  }
}

/** Upstream's RetryGenerateName (GA in 1.32): a generated name that is taken is drawn again, up to 7 tries in all. */
const GENERATE_NAME_TRIES = 7;

async function createRetryingGeneratedName(ctx: ApiContext, obj: KubeObject, generated: boolean) {
  const meta = obj.metadata!;
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.store.create(ctx.entry, obj);
    } catch (err) {
      if (!generated || attempt >= GENERATE_NAME_TRIES || !(err instanceof StatusError) || err.reason !== 'AlreadyExists') throw err;
      meta.name = meta.generateName + randomSuffix();
    }
  }
}

/** Objects may only be created in a namespace that exists and is not being deleted. */
export async function requireActiveNamespace(ctx: ApiContext, ns: string, name: string): Promise<void> {
  const found = await ctx.store.getCached(namespaces, undefined, ns);
  if (!found) throw notFound('namespaces', ns);
  if (found.metadata?.deletionTimestamp || (found.status as { phase?: string } | undefined)?.phase === 'Terminating') {
    throw forbidden(`${ctx.entry.plural} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, {
      causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
    });
  }
}
