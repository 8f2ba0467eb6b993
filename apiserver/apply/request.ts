// PATCH with application/apply-patch+yaml: the request side of server-side apply, as upstream's patch handler
// and applyPatcher do it. The configuration is decoded (YAML or JSON), checked (fieldManager required, no
// managedFields, the URL's apiVersion and kind, field validation), applied by ../apply/apply.ts, and written:
// as a create (201, an Apply entry) when the object does not exist, else as an update through writeUpdate.
// `dryRun=All` stops before the store. Called by handlers/patch.ts only.
import { parse as parseYaml } from 'yaml';
import { badRequest, conflict, notFound, StatusError, MODIFIED } from '../errors.js';
import { applyDefaults } from '../defaults/index.js';
import { modelForVersion } from '../schema/catalogue.js';
import { checkFields } from '../schema/strict-decode.js';
import { qualifiedResource, type KubeObject } from '../registry/types.js';
import { admit } from '../handlers/admit.js';
import { type ApiContext, type ApiResult, apiVersionOf, isDryRun } from '../handlers/context.js';
import { requireActiveNamespace } from '../handlers/create.js';
import { checkPatchedObject, enforceFieldValidation } from '../handlers/decode.js';
import { setManagedFields } from '../handlers/managed-fields.js';
import { prepareCreateMeta, prepareUpdateMeta, timestamp } from '../handlers/object-meta.js';
import { ComputedWrite, writeUpdate } from '../handlers/update.js';
import { applyConfiguration, type ApplyResult } from './apply.js';
import { conflictError } from './conflicts.js';
import { resourceShape, type Shape } from './schema.js';

export interface ApplyRequestOptions {
  /** The shapes of the resource's fields (a CRD's schema); default: resourceShape of the entry. */
  shape?: Shape;
}

/** Go's strconv.ParseBool, as query parameters are decoded. */
function parseBool(v: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  throw badRequest(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

/** upstream's ValidatePatchOptions, answered as a 422 on PatchOptions.meta.k8s.io. */
export function validatePatchOptions(ctx: ApiContext, apply: boolean): void {
  let cause: { reason: string; message: string; field: string } | undefined;
  if (!apply && ctx.query.has('force')) cause = { reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified for non-apply patch', field: 'force' };
  if (apply && !ctx.query.get('fieldManager')) cause = { reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' };
  if (!cause) return;
  throw new StatusError(422, 'Invalid', `PatchOptions.meta.k8s.io "" is invalid: ${cause.field}: ${cause.message}`, {
    group: 'meta.k8s.io',
    kind: 'PatchOptions',
    causes: [cause],
  });
}

function decodeConfiguration(ctx: ApiContext, body: Buffer): KubeObject {
  let config: unknown;
  try {
    config = parseYaml(body.toString(), { maxAliasCount: 100 });
  } catch (err) {
    throw badRequest(`error decoding YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw badRequest('error decoding YAML: the applied configuration must be an object');
  const c = config as KubeObject;
  const expected = apiVersionOf(ctx);
  if (c.apiVersion !== expected || c.kind !== ctx.entry.kind) {
    const [group, version] = typeof c.apiVersion === 'string' && c.apiVersion.includes('/') ? c.apiVersion.split('/', 2) : ['', c.apiVersion ?? ''];
    throw badRequest(`invalid object type: ${group}/${version}, Kind=${c.kind ?? ''}`);
  }
  if (c.metadata !== undefined && (c.metadata === null || typeof c.metadata !== 'object' || Array.isArray(c.metadata))) throw badRequest('metadata must be an object');
  c.metadata ??= {};
  if (c.metadata.managedFields !== undefined && c.metadata.managedFields !== null) throw badRequest('metadata.managedFields must be nil');
  delete c.metadata.managedFields;
  const name = ctx.info.name!;
  if (c.metadata.name && c.metadata.name !== name) throw badRequest(`the name of the object (${c.metadata.name}) does not match the name on the URL (${name})`);
  c.metadata.name = name;
  const ns = ctx.entry.namespaced ? ctx.info.namespace : undefined;
  if (ns !== undefined) {
    if (c.metadata.namespace && c.metadata.namespace !== ns) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  } else delete c.metadata.namespace;
  const model = modelForVersion(ctx.entry, ctx.version);
  if (model) enforceFieldValidation(ctx, checkFields(model, c), c);
  return c;
}

/** upstream's 500 for a configuration structured-merge-diff cannot type (a list item without its keys, duplicates). */
function untypable(ctx: ApiContext, message: string): StatusError {
  const gv = apiVersionOf(ctx);
  const gvk = `${gv.includes('/') ? gv : `/${gv}`}, Kind=${ctx.entry.kind}`;
  const ns = ctx.entry.namespaced ? (ctx.info.namespace ?? '') : '';
  return new StatusError(500, '', `failed to create typed patch object (${ns}/${ctx.info.name}; ${gvk}): ${message}`);
}

function settle(ctx: ApiContext, result: ApplyResult): Extract<ApplyResult, { ok: true }> {
  if (result.ok) return result;
  if ('conflicts' in result) throw conflictError(result.conflicts);
  throw untypable(ctx, result.invalid);
}

export async function serverSideApply(ctx: ApiContext, body: Buffer, options: ApplyRequestOptions = {}): Promise<ApiResult> {
  validatePatchOptions(ctx, true);
  const force = ctx.query.has('force') ? parseBool(ctx.query.get('force')!) : false;
  const config = decodeConfiguration(ctx, body);
  const input = {
    config,
    shape: options.shape ?? resourceShape(ctx.entry, ctx.version),
    manager: ctx.query.get('fieldManager')!,
    apiVersion: apiVersionOf(ctx),
    time: timestamp(ctx.now()),
    force,
    hasStatus: ctx.entry.hasStatus,
    ...(ctx.info.subresource ? { subresource: ctx.info.subresource } : {}),
  };
  const e = ctx.entry;
  const ns = e.namespaced ? ctx.info.namespace : undefined;
  const name = ctx.info.name!;
  const existing = await ctx.store.get(e, ns, name);
  if (!existing) {
    if (ctx.info.subresource) throw notFound(qualifiedResource(e), name, e.group);
    return createByApply(ctx, settle(ctx, applyConfiguration({ ...input, live: undefined })));
  }
  return writeUpdate(ctx, (current) => {
    const applied = settle(ctx, applyConfiguration({ ...input, live: current }));
    const next = applied.object as KubeObject;
    next.apiVersion = current.apiVersion;
    next.kind = current.kind;
    if (next.metadata?.resourceVersion !== current.metadata?.resourceVersion) throw conflict(qualifiedResource(e), name, MODIFIED, e.group);
    checkPatchedObject(ctx, next);
    return new ComputedWrite(prepareUpdateMeta(e, next, current, ctx.info.subresource), applied.managedFields);
  });
}

/** An apply to an object that does not exist creates it (applyPatcher.createNewObject): 201 with an Apply entry. */
async function createByApply(ctx: ApiContext, applied: Extract<ApplyResult, { ok: true }>): Promise<ApiResult> {
  const e = ctx.entry;
  const obj = applied.object as KubeObject;
  obj.metadata ??= {};
  if (e.namespaced) obj.metadata.namespace = ctx.info.namespace;
  applyDefaults(e.group, e.kind, obj, { create: true });
  prepareCreateMeta(e, obj, ctx.now());
  if (e.namespaced) await requireActiveNamespace(ctx, obj.metadata.namespace!, obj.metadata.name!);
  e.strategy?.prepareForCreate?.(obj);
  admit(ctx, obj);
  setManagedFields(obj, applied.managedFields);
  if (isDryRun(ctx)) return { status: 201, body: obj };
  const env = { store: ctx.store };
  await e.hooks?.beforeCreate?.(obj, env);
  try {
    return { status: 201, body: await ctx.store.create(e, obj) };
  } catch (err) {
    await e.hooks?.createFailed?.(obj, env);
    throw err;
  }
}
