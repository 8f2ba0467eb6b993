// PATCH bodies by media type, as kube-apiserver's patch handler decodes and applies them
// (k8s.io/apiserver pkg/endpoints/handlers/patch.go): JSON patch, JSON merge patch and strategic merge
// patch. A patch that cannot be applied is a value with upstream's status code, reason and message;
// server-side apply (application/apply-patch+yaml) is not a patch of this kind and must be routed elsewhere.
// Pure: the original object is not changed.
import { copyJson } from '../apply/json-copy.js';
import { StatusError, type StatusCause } from '../errors.js';
import { applyJsonPatch, decodeJsonPatch, goJsonKind } from './json-patch.js';
import { mergePatch, mergePatchSharing } from './merge-patch.js';
import type { FieldTypeLookup } from './model-walker.js';
import { type JsonObject, type PatchMetaLookup, strategicMergePatch } from './strategic-merge-patch.js';

export type { PatchMeta, PatchMetaLookup } from './strategic-merge-patch.js';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH_YAML = 'application/apply-patch+yaml';
export const APPLY_PATCH_CBOR = 'application/apply-patch+cbor';

/** upstream's cap on the operations of one JSON patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

export interface ApplyPatchOptions {
  /**
   * Patch metadata for strategic merge patch: the client-node model of the object (`V1Deployment`) and
   * the lookups. Without it the resource takes no strategic merge patch (custom resources) and such a
   * request is a 415, as upstream.
   */
  strategic?: {
    model: string;
    meta: PatchMetaLookup;
    fieldType?: FieldTypeLookup;
  };
  /**
   * A merge patch's result may share the members the patch leaves alone with `original` (mergePatchSharing):
   * for callers that change only what the patch touched, such as status writes, which keep the status
   * alone (and metadata is always a copy).
   */
  shareUntouched?: boolean;
}

/** A patch that does not apply, as the metav1.Status fields to answer with. */
export interface PatchFailure {
  code: number;
  /** '' for upstream's unclassified errors (a 500 whose message is the strategic merge patch error). */
  reason: string;
  message: string;
  causes?: StatusCause[];
}

export type PatchOutcome = { ok: true; object: JsonObject } | { ok: false; failure: PatchFailure };

/**
 * Apply `body` (the raw request body) of media type `contentType` (parameters such as `charset` are
 * ignored) to `original`. Throws only for server-side apply types, which the caller must route to apply.
 */
/** A patch as text, as bytes, or as a JSON value already decoded (an in-process client's; patches copy it). */
export type PatchBody = Uint8Array | string | { value: unknown };

export function applyPatch(contentType: string | undefined, original: JsonObject, body: PatchBody, options: ApplyPatchOptions = {}): PatchOutcome {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === APPLY_PATCH_YAML || type === APPLY_PATCH_CBOR) {
    throw new Error(`${type} is server-side apply; it is not handled by applyPatch`);
  }
  const smp = options.strategic;
  if (type !== JSON_PATCH && type !== MERGE_PATCH && !(type === STRATEGIC_MERGE_PATCH && smp)) {
    const accepted = smp ? [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH_YAML] : [JSON_PATCH, MERGE_PATCH, APPLY_PATCH_YAML];
    return failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
  }

  let patch: unknown;
  try {
    if (typeof body === 'string') patch = JSON.parse(body);
    else if (body instanceof Uint8Array) patch = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
    else patch = body.value;
  } catch {
    return failure(400, 'BadRequest', 'invalid JSON patch');
  }

  if (type === JSON_PATCH) return jsonPatch(original, patch);
  if (type === MERGE_PATCH) return jsonMergePatch(original, patch, options.shareUntouched === true);
  return strategic(original, patch, smp!);
}

function jsonPatch(original: JsonObject, patch: unknown): PatchOutcome {
  const decoded = decodeJsonPatch(patch);
  if (!decoded.ok) return failure(400, 'BadRequest', decoded.message);
  if (decoded.operations.length > MAX_JSON_PATCH_OPERATIONS) {
    return failure(
      413,
      'RequestEntityTooLarge',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${decoded.operations.length}`,
    );
  }
  const applied = applyJsonPatch(original, decoded.operations);
  if (!applied.ok) return rejected(applied.message);
  if (!isObject(applied.document)) return rejected(`the patched document is a JSON ${goJsonKind(applied.document)}, not an object`);
  return { ok: true, object: applied.document };
}

function jsonMergePatch(original: JsonObject, patch: unknown, share: boolean): PatchOutcome {
  // v4 MergePatch: null and scalars are not a merge patch (400); an array would replace the object (422).
  if (patch === null || typeof patch !== 'object') return failure(400, 'BadRequest', 'Invalid JSON Patch');
  if (Array.isArray(patch)) return rejected('a merge patch that is an array replaces the whole object with it');
  return { ok: true, object: (share ? mergePatchSharing(original, patch) : mergePatch(original, patch)) as JsonObject };
}

function strategic(original: JsonObject, patch: unknown, smp: NonNullable<ApplyPatchOptions['strategic']>): PatchOutcome {
  // The body is decoded into map[string]interface{}: null leaves the object as it is.
  if (patch === null) return { ok: true, object: copyJson(original) };
  if (!isObject(patch)) return failure(400, 'BadRequest', `json: cannot unmarshal ${goJsonKind(patch)} into Go value of type map[string]interface {}`);
  const result = strategicMergePatch(original, patch, smp);
  if (result.ok) return { ok: true, object: result.object };
  switch (result.kind) {
    case 'bad-request':
      return failure(400, 'BadRequest', result.message);
    case 'invalid':
      return rejected(result.message);
    case 'internal':
      return failure(500, '', result.message);
  }
}

/** The metav1.Status error to answer with, for handlers that throw StatusError. */
export function patchFailureError(f: PatchFailure): StatusError {
  return new StatusError(f.code, f.reason, f.message, f.causes ? { causes: f.causes } : undefined);
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

function failure(code: number, reason: string, message: string, causes?: StatusCause[]): PatchOutcome {
  const f: PatchFailure = { code, reason, message };
  if (causes) f.causes = causes;
  return { ok: false, failure: f };
}

/**
 * upstream's 422 for a patch that does not apply: its generic message, which says nothing, so the reason
 * travels as a cause on `patch` (kubectl prints `The request is invalid: * patch: <reason>`).
 */
function rejected(detail: string): PatchOutcome {
  return failure(422, 'Invalid', 'the server rejected our request due to an error in our request', [
    { reason: 'FieldValueInvalid', message: detail, field: 'patch' },
  ]);
}
