// Turning a request body into an object: media types, YAML, size, and the checks upstream makes before
// anything else (apiVersion and kind match the URL, the namespace in the body matches the URL).
import { parse as parseYaml } from 'yaml';
import { jsonValueOf } from '../apply/json-copy.js';
import { jsonEqual } from '../apply/json-equal.js';
import { badRequest, StatusError, unsupportedMediaType } from '../errors.js';
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE } from '../protobuf/index.js';
import { applyDefaults } from '../defaults/index.js';
import { pruneAndDefault } from '../crd/custom-decode.js';
import { pruneFields } from '../schema/prune.js';
import { modelForVersion } from '../schema/catalogue.js';
import { checkFields, checkJsonText, decodeErrorMessage, decodeFailure, fieldWarnings, strictDecodingMessage, type FieldReport } from '../schema/strict-decode.js';
import type { KubeObject } from '../registry/types.js';
import { type ApiContext, apiVersionOf } from './context.js';

/** Deeper nesting than this is refused (upstream limits JSON nesting to 10,000 levels; we are stricter). */
const MAX_DEPTH = 1000;

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Parse a JSON or YAML body into a value; other media types get 415. */
export function parseBody(ctx: Pick<ApiContext, 'body' | 'bodyValue' | 'contentType'>, allowed = ['application/json', 'application/yaml']): unknown {
  const type = mediaType(ctx.contentType) || 'application/json';
  if (!allowed.includes(type)) throw unsupportedMediaType(type);
  if (ctx.bodyValue !== undefined && type === 'application/json') return jsonValueOf(ctx.bodyValue);
  const text = (ctx.body ?? Buffer.alloc(0)).toString('utf8');
  if (text.trim() === '') throw badRequest('the body of the request is empty');
  checkDepth(text);
  try {
    return type.endsWith('yaml') ? parseYaml(text, { maxAliasCount: 100 }) : JSON.parse(text);
  } catch (err) {
    throw badRequest(`the body of the request was in an unknown format: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** A cheap scan for pathological nesting before the parser sees it. */
export function checkDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) throw badRequest(`the body of the request is nested more than ${MAX_DEPTH} levels deep`);
    } else if (c === 125 || c === 93) depth--;
  }
}

/** The request's `fieldValidation` (Strict, Warn — the default — or Ignore). */
export function fieldValidation(ctx: ApiContext): string {
  const validation = ctx.query.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(validation)) {
    throw badRequest(`fieldValidation: Unsupported value: "${validation}": supported values: "Ignore", "Strict", "Warn"`);
  }
  return validation;
}

/**
 * Wrong types are refused whatever the mode; unknown and duplicate fields as `validation` says. Unknown
 * fields that pass (Warn, Ignore) are dropped from `obj`, as upstream's typed decoding drops them.
 */
export function enforceFieldValidation(ctx: ApiContext, report: FieldReport, obj: unknown, validation = fieldValidation(ctx)): void {
  const { kind } = ctx.entry;
  const failure = decodeFailure(report);
  if (failure) throw badRequest(decodeErrorMessage(kind, ctx.version, failure));
  if (report.strictErrors.length > 0) {
    if (validation === 'Strict') throw badRequest(decodeErrorMessage(kind, ctx.version, strictDecodingMessage(report)));
    if (validation === 'Warn') ctx.warnings.push(...fieldWarnings(report));
  }
  if (report.unknown.length > 0) pruneFields(obj, report.unknown);
}

/**
 * Check an object produced by a patch against the kind's schema, as a decoded body would be. With the
 * stored object it was patched from, only what the patch changed is walked: the stored object was
 * checked (and pruned) when it was written, so unknown or mistyped fields can only come from the patch.
 */
export function checkPatchedObject(ctx: ApiContext, obj: KubeObject, current?: KubeObject): void {
  if (ctx.entry.custom) return checkCustomResource(ctx, obj, fieldValidation(ctx));
  const model = modelForVersion(ctx.entry, ctx.version);
  if (model) enforceFieldValidation(ctx, checkFields(model, current ? changedPart(obj, current) : obj), obj);
  if (!ctx.info.subresource) applyDefaults(ctx.entry.group, ctx.entry.kind, obj, { create: false });
}

/**
 * The object of a create or update body, checked against the URL and, as `fieldValidation` asks
 * (Strict, Warn — the default — or Ignore), against the kind's schema: unknown and duplicate fields.
 * Values of the wrong type are refused whatever the mode, as upstream's decoder does.
 */
export function decodeObject(ctx: ApiContext): KubeObject {
  const validation = fieldValidation(ctx);
  const model = modelForVersion(ctx.entry, ctx.version);
  const type = mediaType(ctx.contentType) || 'application/json';
  let obj: unknown;
  let report: FieldReport | undefined;
  if (type === PROTOBUF_MEDIA_TYPE) {
    // kubectl's typed clients (create namespace|configmap|deployment|..., autoscale) send protobuf.
    obj = decodeProtobufObject(ctx.body ?? Buffer.alloc(0)).object;
  } else if (type === 'application/json' && ctx.bodyValue !== undefined) {
    // An in-process client's object: a copy as the JSON text would have decoded, checked as a parsed body.
    obj = jsonValueOf(ctx.bodyValue);
    if (model && obj && typeof obj === 'object') report = checkFields(model, obj);
  } else if (type === 'application/json' && model) {
    const text = (ctx.body ?? Buffer.alloc(0)).toString('utf8');
    if (text.trim() === '') throw badRequest('the body of the request is empty');
    checkDepth(text);
    const checked = checkJsonText(model, text);
    if (!checked.ok) throw badRequest(`the body of the request was in an unknown format: ${checked.message}`);
    obj = checked.value;
    report = checked;
  } else {
    obj = parseBody(ctx);
    if (model && obj && typeof obj === 'object') report = checkFields(model, obj);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    throw badRequest('the body of the request must be a JSON or YAML object');
  }
  const o = obj as KubeObject;
  const expected = apiVersionOf(ctx);
  if (o.apiVersion === undefined || o.apiVersion === '') o.apiVersion = expected;
  if (o.kind === undefined || o.kind === '') o.kind = ctx.entry.kind;
  const kind = ctx.info.subresource ? undefined : ctx.entry.kind;
  if (o.apiVersion !== expected) {
    throw badRequest(`the API version in the data (${o.apiVersion}) does not match the expected API version (${expected})`);
  }
  if (kind && o.kind !== kind) {
    throw badRequest(`the kind in the data (${o.kind}) does not match the expected kind (${kind})`);
  }
  if (o.metadata !== undefined && (typeof o.metadata !== 'object' || o.metadata === null || Array.isArray(o.metadata))) {
    throw new StatusError(400, 'BadRequest', 'metadata must be an object');
  }
  if (report) enforceFieldValidation(ctx, report, o, validation);
  if (ctx.entry.custom) checkCustomResource(ctx, o, validation);
  o.metadata ??= {};
  const ns = ctx.entry.namespaced ? ctx.info.namespace : undefined;
  if (ctx.entry.namespaced) {
    if (o.metadata.namespace && o.metadata.namespace !== ns) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    o.metadata.namespace = ns;
  } else if (o.metadata.namespace) {
    delete o.metadata.namespace;
  }
  if (!ctx.info.subresource) applyDefaults(ctx.entry.group, ctx.entry.kind, o, { create: ctx.info.verb === 'create' });
  return o;
}

/** A custom resource's unknown fields (structural pruning) under `validation`, then its schema defaults. */
function checkCustomResource(ctx: ApiContext, obj: KubeObject, validation: string): void {
  const unknown = pruneAndDefault(ctx.entry.custom!, ctx.version, obj);
  if (unknown.length === 0) return;
  const strictErrors = unknown.slice(0, 100).map((p) => `unknown field ${JSON.stringify(p)}`);
  if (validation === 'Strict') throw badRequest(decodeErrorMessage(ctx.entry.kind, ctx.version, strictDecodingMessage({ strictErrors })));
  if (validation === 'Warn') ctx.warnings.push(...strictErrors);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `next` without the object members that are the same in `before` (paths of what is left are unchanged). */
export function changedPart(next: unknown, before: unknown): unknown {
  if (!isPlainObject(next) || !isPlainObject(before)) return next;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    const was = before[k];
    if (was !== undefined && jsonEqual(v, was)) continue;
    out[k] = changedPart(v, was);
  }
  return out;
}
