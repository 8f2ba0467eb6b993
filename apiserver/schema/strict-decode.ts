// Strict decoding, as kube-apiserver decodes a request body into a built-in type with `fieldValidation`:
// walks a JSON document against a model and reports what sigs.k8s.io/json's UnmarshalStrict reports —
// unknown and duplicate fields (path `spec.template.spec.containers[0].resurces`, map keys as
// `metadata.labels.app`), deduplicated, at most 100 — and the values Go's decoder refuses, with
// encoding/json's messages (`json: cannot unmarshal string into Go struct field
// DeploymentSpec.spec.replicas of type int32`). Pure; the request handlers turn reports into a 400 or into
// warnings with the message helpers at the end.
import { modelInfo } from './catalogue.js';
import { fromValue, parseJsonText, toValue, type JsonNode } from './json-text.js';
import { embeddedPath } from './special-fields.js';
import type { TypeRef } from './types.js';
import { base64Error, quantityError, RFC3339, RFC3339_MICRO, timeError } from './value-formats.js';

/** A value the decoder refuses. `fatal` errors (from custom unmarshalers) stop Go's decoder at once. */
export interface DecodeError {
  /** Where, in the strict-path format (`spec.containers[0].ports[1].containerPort`). */
  path: string;
  /** Go's message, e.g. `json: cannot unmarshal string into Go struct field Container.spec.containers.image of type string`. */
  message: string;
  fatal: boolean;
}

export interface FieldReport {
  /** Paths of unknown fields, in document order. */
  unknown: string[];
  /** Paths of keys given twice in one object. Only a text document can have them (see checkJsonText). */
  duplicate: string[];
  /** `unknown field "p"` / `duplicate field "p"`, in document order, deduplicated, at most 100 (as upstream). */
  strictErrors: string[];
  /** Every refused value in document order; `decodeFailure` picks the one upstream reports. */
  typeErrors: DecodeError[];
}

/**
 * Checks an already parsed object against `model`; an unknown model checks nothing. Parsing lost the
 * literal text, so `1.0` for an int32 passes here while upstream refuses it: request bodies should go
 * through checkJsonText.
 */
export function checkFields(model: string, obj: unknown): FieldReport {
  return walkDocument(model, fromValue(obj), false);
}

export type TextReport = (FieldReport & { ok: true; value: unknown }) | { ok: false; offset: number; message: string };

/** Parses a request body and checks it, duplicates included; `value` is what JSON.parse would return. */
export function checkJsonText(model: string, text: string): TextReport {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed;
  return { ok: true, value: toValue(parsed.node), ...walkDocument(model, parsed.node, true) };
}

/**
 * Paths of every key that appears twice in its object, anywhere in the document (as upstream reports for
 * unstructured objects such as custom resources): `metadata.name`, `spec.containers[0].image`. Invalid JSON
 * has none.
 */
export function findDuplicateKeys(rawJson: string): string[] {
  const parsed = parseJsonText(rawJson);
  if (!parsed.ok) return [];
  const out: string[] = [];
  const visit = (n: JsonNode, path: string) => {
    if (n.t === 'array') n.items.forEach((item, i) => visit(item, `${path}[${i}]`));
    if (n.t !== 'object') return;
    const seen = new Set<string>();
    for (const [k, v] of n.entries) {
      const p = join(path, k);
      if (seen.has(k)) {
        if (!out.includes(p)) out.push(p);
      } else seen.add(k);
      visit(v, p);
    }
  };
  visit(parsed.node, '');
  return out;
}

// ---- messages -------------------------------------------------------------------------------------

/** The body of a Strict-mode 400: `strict decoding error: unknown field "spec.x", duplicate field "a"`. */
export function strictDecodingMessage(report: Pick<FieldReport, 'strictErrors'>): string {
  return `strict decoding error: ${report.strictErrors.join(', ')}`;
}

/** The Warn-mode warnings, one per strict error (`unknown field "spec.x"`), for `Warning: 299 - "..."`. */
export function fieldWarnings(report: Pick<FieldReport, 'strictErrors'>): string[] {
  return [...report.strictErrors];
}

/** The decoding error upstream returns: the first fatal one, else the first; undefined when none. */
export function decodeFailure(report: Pick<FieldReport, 'typeErrors'>): string | undefined {
  return (report.typeErrors.find((e) => e.fatal) ?? report.typeErrors[0])?.message;
}

/**
 * The 400 message of a body that cannot be decoded, as the create and update handlers word it:
 * `Deployment in version "v1" cannot be handled as a Deployment: <detail>`, where detail is a
 * `decodeFailure` or a `strictDecodingMessage`.
 */
export function decodeErrorMessage(kind: string, version: string, detail: string): string {
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${detail}`;
}

// ---- the walk -------------------------------------------------------------------------------------

const MAX_STRICT_ERRORS = 100;

/**
 * Go's errorContext, kept as a chain from the root and worded only when an error needs it (most bodies have
 * none): the path (`spec.containers[0].image`), the innermost struct and the JSON names of the struct fields
 * leading here.
 */
interface Context {
  readonly parent?: Context;
  /** A struct field or map key (joined with `.`), or a list index (`[i]`). */
  readonly key?: string | number;
  /** On struct fields: the Go struct they belong to, and the names they add to the stack (embedded ones first). */
  readonly struct?: string;
  readonly names?: readonly string[];
}

const ROOT: Context = {};

function pathOf(ctx: Context): string {
  const keys: Array<string | number> = [];
  for (let c: Context | undefined = ctx; c && c.key !== undefined; c = c.parent) keys.push(c.key);
  let path = '';
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i]!;
    path = typeof k === 'number' ? `${path}[${k}]` : join(path, k);
  }
  return path;
}

function structOf(ctx: Context): string | undefined {
  for (let c: Context | undefined = ctx; c; c = c.parent) if (c.struct !== undefined) return c.struct;
  return undefined;
}

function stackOf(ctx: Context): string[] {
  const parts: Array<readonly string[]> = [];
  for (let c: Context | undefined = ctx; c; c = c.parent) if (c.names) parts.push(c.names);
  return parts.reverse().flat();
}

class Walk {
  readonly report: FieldReport = { unknown: [], duplicate: [], strictErrors: [], typeErrors: [] };
  private readonly seen = new Set<string>();

  /** Only a text document can give a key twice (a parsed value has each key once). */
  constructor(private readonly duplicatesPossible: boolean) {}

  strict(kind: 'unknown' | 'duplicate', path: string): void {
    const msg = `${kind} field ${JSON.stringify(path)}`;
    if (this.seen.has(msg) || this.report.strictErrors.length >= MAX_STRICT_ERRORS) return;
    this.seen.add(msg);
    this.report.strictErrors.push(msg);
    (kind === 'unknown' ? this.report.unknown : this.report.duplicate).push(path);
  }

  fail(ctx: Context, message: string, fatal: boolean): void {
    this.report.typeErrors.push({ path: pathOf(ctx), message, fatal });
  }

  /** encoding/json's UnmarshalTypeError text. */
  mismatch(ctx: Context, value: string, goType: string, fatal = false): void {
    const struct = structOf(ctx);
    const stack = stackOf(ctx);
    const where = struct !== undefined || stack.length > 0 ? `Go struct field ${struct ?? ''}.${stack.join('.')}` : 'Go value';
    this.fail(ctx, `json: cannot unmarshal ${value} into ${where} of type ${goType}`, fatal);
  }

  value(n: JsonNode, type: TypeRef, ctx: Context): void {
    if (n.t === 'null') return;
    switch (type.kind) {
      case 'model':
        return this.struct(n, type.model, ctx);
      case 'array':
        if (n.t !== 'array') return this.mismatch(ctx, describe(n), goType(type));
        for (let i = 0; i < n.items.length; i++) this.value(n.items[i]!, type.items, { parent: ctx, key: i });
        return;
      case 'map': {
        if (n.t !== 'object') return this.mismatch(ctx, describe(n), goType(type));
        const keys = this.duplicatesPossible ? new Set<string>() : undefined;
        for (const [k, v] of n.entries) {
          const at: Context = { parent: ctx, key: k };
          if (keys?.has(k)) this.strict('duplicate', pathOf(at));
          keys?.add(k);
          this.value(v, type.values, at);
        }
        return;
      }
      case 'string':
        if (type.format === 'byte') return this.bytes(n, ctx);
        if (n.t !== 'string') this.mismatch(ctx, describe(n), 'string');
        return;
      case 'integer':
        if (n.t !== 'number') return this.mismatch(ctx, describe(n), type.format);
        if (!fitsInteger(n.raw, type.format)) this.mismatch(ctx, `number ${n.raw}`, type.format);
        return;
      case 'number':
        if (n.t !== 'number') return this.mismatch(ctx, describe(n), 'float64');
        if (!Number.isFinite(Number(n.raw))) this.mismatch(ctx, `number ${n.raw}`, 'float64');
        return;
      case 'boolean':
        if (n.t !== 'bool') this.mismatch(ctx, describe(n), 'bool');
        return;
      case 'time':
      case 'microtime': {
        // metav1.Time.UnmarshalJSON: decode a string, then time.Parse; both errors end the decoding.
        if (n.t !== 'string') return this.mismatch(ctx, describe(n), 'string', true);
        const err = timeError(n.value, type.kind === 'time' ? RFC3339 : RFC3339_MICRO);
        if (err) this.fail(ctx, err, true);
        return;
      }
      case 'int-or-string':
        // intstr.IntOrString.UnmarshalJSON: a string, else an int32.
        if (n.t === 'string') return;
        if (n.t !== 'number') return this.mismatch(ctx, describe(n), 'int32', true);
        if (!fitsInteger(n.raw, 'int32')) this.mismatch(ctx, `number ${n.raw}`, 'int32', true);
        return;
      case 'quantity': {
        // resource.Quantity.UnmarshalJSON: strip the quotes of a string, parse whatever text remains.
        const text = n.t === 'string' ? n.raw.slice(1, -1) : n.t === 'number' ? n.raw : n.t === 'bool' ? String(n.value) : '{';
        const err = quantityError(text);
        if (err) this.fail(ctx, err, true);
        return;
      }
      case 'opaque':
        return;
    }
  }

  struct(n: JsonNode, model: string, ctx: Context): void {
    const info = modelInfo(model);
    if (!info) return;
    if (n.t !== 'object') return this.mismatch(ctx, describe(n), goStructType(model));
    const fields = this.duplicatesPossible ? new Set<string>() : undefined;
    for (const [k, v] of n.entries) {
      const field = info.byName.get(k);
      if (!field) {
        this.strict('unknown', pathOf({ parent: ctx, key: k }));
        continue;
      }
      const embedded = embeddedPath(model, k);
      const at: Context = { parent: ctx, key: k, struct: info.goName, names: embedded ? [...embedded, k] : [k] };
      if (fields?.has(k)) this.strict('duplicate', pathOf(at));
      fields?.add(k);
      this.value(v, field.type, at);
    }
  }

  /** A []byte field: a base64 string, or (as Go allows) an array of bytes. */
  bytes(n: JsonNode, ctx: Context): void {
    if (n.t === 'string') {
      const err = base64Error(n.value);
      if (err) this.fail(ctx, err, false);
      return;
    }
    if (n.t !== 'array') return this.mismatch(ctx, describe(n), '[]uint8');
    for (const [i, item] of n.items.entries()) {
      const at: Context = { parent: ctx, key: i };
      if (item.t === 'null') continue;
      if (item.t !== 'number') this.mismatch(at, describe(item), 'uint8');
      else if (!/^\d+$/.test(item.raw) || Number(item.raw) > 255) this.mismatch(at, `number ${item.raw}`, 'uint8');
    }
  }
}

function walkDocument(model: string, node: JsonNode, fromText: boolean): FieldReport {
  const w = new Walk(fromText);
  w.value(node, { kind: 'model', model }, ROOT);
  return w.report;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** encoding/json's word for a JSON value of the wrong kind. */
function describe(n: JsonNode): string {
  return n.t === 'bool' ? 'bool' : n.t;
}

const LIMITS = { int32: [-(2n ** 31n), 2n ** 31n - 1n], int64: [-(2n ** 63n), 2n ** 63n - 1n] } as const;

/** strconv.ParseInt(raw, 10, 64) succeeds and the value fits the Go type. */
function fitsInteger(raw: string, format: 'int32' | 'int64'): boolean {
  if (/^-?\d{1,9}$/.test(raw)) return true; // fits both, no BigInt needed
  if (!/^-?\d+$/.test(raw)) return false;
  const v = BigInt(raw);
  const [min, max] = LIMITS[format];
  return v >= min && v <= max;
}

/** The Go type's String() of a field type, for `of type ...`. */
export function goType(t: TypeRef): string {
  switch (t.kind) {
    case 'string':
      return t.format === 'byte' ? '[]uint8' : 'string';
    case 'integer':
      return t.format;
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'time':
      return 'v1.Time';
    case 'microtime':
      return 'v1.MicroTime';
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    case 'opaque':
      return t.def === 'RawExtension' ? 'runtime.RawExtension' : `v1.${t.def}`;
    case 'model':
      return goStructType(t.model);
    case 'array':
      return `[]${goType(t.items)}`;
    case 'map':
      return t.goType ?? `map[string]${goType(t.values)}`;
  }
}

function goStructType(model: string): string {
  const info = modelInfo(model);
  if (!info) return model;
  return info.version ? `${info.version}.${info.goName}` : `version.${info.goName}`;
}
