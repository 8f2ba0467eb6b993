// Protobuf message → the JSON that upstream's Go types would print for the same value.
//
// Mirrors what the apiserver does with a protobuf body: gogo-protobuf Unmarshal into the Go struct, then
// encoding/json. So the JSON follows the Go field, not the wire: a non-pointer field is always on the wire (gogo
// writes zero values too) and appears unless `omitempty` drops its zero value; a pointer field appears when it was
// on the wire, even if zero; an absent slice or map is `null` unless omitempty; a non-pointer struct is always
// written (omitempty does not drop structs; omitzero does). Pure and synchronous; throws StatusError 400 on a
// body that does not fit the tables, never skips a field it does not know.
import { StatusError } from '../errors.js';
import type { FieldSpec, MessageSpec, ScalarType } from './schema/table.js';
import { WireFormatError, WireReader, WireType } from './wire-reader.js';

export type WireValue = bigint | Uint8Array;

/** A message whose JSON is not its fields' (metav1.Time, resource.Quantity, intstr.IntOrString, ...). */
export interface WellKnownType {
  spec: MessageSpec;
  /** The JSON of a value; `fields` is empty for the zero value of a non-pointer field. */
  toJson(fields: WireFields): unknown;
}

/** Where message-to-json finds the messages that fields name. */
export interface ProtoSchema {
  message(name: string): MessageSpec | undefined;
  wellKnown(name: string): WellKnownType | undefined;
}

const EMPTY = new Uint8Array(0);
const OMIT = Symbol('omit');
const utf8 = new TextDecoder('utf-8');

export const badProtobuf = (message: string) => new StatusError(400, 'BadRequest', message);

/** The raw values of one message by field number, checked against its spec; packed values already unpacked. */
export class WireFields {
  constructor(
    readonly spec: MessageSpec,
    private readonly values: ReadonlyMap<number, WireValue[]>,
  ) {}

  all(field: number): WireValue[] {
    return this.values.get(field) ?? [];
  }

  /** The last value: for a scalar, the one that wins. */
  last(field: number): WireValue | undefined {
    return this.values.get(field)?.at(-1);
  }

  string(field: number): string | undefined {
    const v = this.last(field);
    return v instanceof Uint8Array ? utf8.decode(v) : undefined;
  }

  int(field: number): number | undefined {
    const v = this.last(field);
    return typeof v === 'bigint' ? Number(BigInt.asIntN(64, v)) : undefined;
  }

  bytes(field: number): Uint8Array | undefined {
    const v = this.last(field);
    return v instanceof Uint8Array ? v : undefined;
  }
}

/** Reads one message's fields; a field number the spec does not list, or a wrong wire type, is a 400. */
export function readFields(spec: MessageSpec, bytes: Uint8Array): WireFields {
  const values = new Map<number, WireValue[]>();
  const reader = new WireReader(bytes);
  try {
    while (!reader.done) {
      const { field, wireType } = reader.tag();
      const f = spec.byNumber.get(field);
      if (!f) throw badProtobuf(`unable to decode protobuf field ${field} of ${spec.name}`);
      let list = values.get(field);
      if (!list) values.set(field, (list = []));
      const scalarWire = f.scalar && !f.map ? scalarWireType(f.type as ScalarType) : WireType.bytes;
      if (wireType === scalarWire) {
        list.push(readValue(reader, wireType));
      } else if (f.repeated && wireType === WireType.bytes && scalarWire !== WireType.bytes) {
        const packed = new WireReader(reader.bytes());
        while (!packed.done) list.push(readValue(packed, scalarWire));
      } else {
        throw badProtobuf(`unable to decode protobuf field ${field} of ${spec.name}: wire type ${wireType}, expected ${scalarWire}`);
      }
    }
  } catch (err) {
    if (err instanceof WireFormatError) throw badProtobuf(`unable to decode protobuf ${spec.name}: ${err.message}`);
    throw err;
  }
  return new WireFields(spec, values);
}

/** The JSON of message `name` encoded in `bytes` (empty bytes: the Go zero value). */
export function messageToJson(schema: ProtoSchema, name: string, bytes: Uint8Array): unknown {
  const wellKnown = schema.wellKnown(name);
  if (wellKnown) return wellKnown.toJson(readFields(wellKnown.spec, bytes));
  const spec = schema.message(name);
  if (!spec) throw new Error(`protobuf tables lack message ${name}`);
  const fields = readFields(spec, bytes);
  if (spec.listOf) return fields.all(1).map((v) => scalarJson(spec.listOf!, v));
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const values = fields.all(f.number);
    if (f.inline) {
      if (values.length > 0 || !f.pointer) Object.assign(out, messageToJson(schema, f.type, concat(values)));
      continue;
    }
    const json = fieldJson(schema, f, values);
    if (json !== OMIT) out[f.json] = json;
  }
  return out;
}

function fieldJson(schema: ProtoSchema, f: FieldSpec, values: WireValue[]): unknown {
  const omittable = f.omitEmpty || f.omitZero;
  if (f.map) {
    if (values.length === 0) return omittable ? OMIT : null;
    const entry = mapEntrySpec(f);
    const out: Record<string, unknown> = {};
    for (const v of values) {
      const e = readFields(entry, v as Uint8Array);
      out[e.string(1) ?? ''] = singleJson(schema, entry.fields[1]!, e.all(2));
    }
    return out;
  }
  if (f.repeated) {
    if (values.length === 0) return omittable ? OMIT : null;
    return values.map((v) => (f.scalar ? scalarJson(f.type as ScalarType, v) : messageToJson(schema, f.type, v as Uint8Array)));
  }
  if (f.pointer) return values.length === 0 ? (omittable ? OMIT : null) : singleJson(schema, f, values);
  if (f.scalar) {
    if (f.type === 'bytes') {
      // A Go []byte: nil (null) when absent, omitempty drops it when empty.
      if (values.length === 0) return omittable ? OMIT : null;
      return omittable && (values.at(-1) as Uint8Array).length === 0 ? OMIT : singleJson(schema, f, values);
    }
    const v = values.length > 0 ? singleJson(schema, f, values) : zeroScalar(f.type as ScalarType);
    return omittable && (v === '' || v === 0 || v === false) ? OMIT : v;
  }
  const v = messageToJson(schema, f.type, concat(values));
  if (f.omitZero && (v === null || sameJson(v, messageToJson(schema, f.type, EMPTY)))) return OMIT;
  return v;
}

/** One value: the last scalar wins; repeated occurrences of a message merge, as protobuf specifies. */
function singleJson(schema: ProtoSchema, f: FieldSpec, values: WireValue[]): unknown {
  if (!f.scalar) return messageToJson(schema, f.type, concat(values));
  return values.length === 0 ? zeroScalar(f.type as ScalarType) : scalarJson(f.type as ScalarType, values.at(-1)!);
}

function scalarJson(type: ScalarType, v: WireValue): unknown {
  if (v instanceof Uint8Array) {
    if (type === 'string') return utf8.decode(v);
    if (type === 'bytes') return Buffer.from(v.buffer, v.byteOffset, v.length).toString('base64');
    const view = new DataView(v.buffer, v.byteOffset, v.length);
    return type === 'double' ? view.getFloat64(0, true) : view.getFloat32(0, true);
  }
  switch (type) {
    case 'bool':
      return v !== 0n;
    case 'int32':
      return Number(BigInt.asIntN(32, v));
    case 'uint32':
      return Number(BigInt.asUintN(32, v));
    case 'uint64':
      return Number(v);
    default:
      return Number(BigInt.asIntN(64, v));
  }
}

function zeroScalar(type: ScalarType): unknown {
  return type === 'string' ? '' : type === 'bool' ? false : type === 'bytes' ? null : 0;
}

function scalarWireType(type: ScalarType): WireType {
  if (type === 'string' || type === 'bytes') return WireType.bytes;
  if (type === 'double') return WireType.fixed64;
  if (type === 'float') return WireType.fixed32;
  return WireType.varint;
}

function readValue(reader: WireReader, wireType: WireType): WireValue {
  if (wireType === WireType.varint) return reader.varint();
  if (wireType === WireType.fixed64) return reader.fixed64();
  if (wireType === WireType.fixed32) return reader.fixed32();
  return reader.bytes();
}

const mapEntries = new WeakMap<FieldSpec, MessageSpec>();

/** A map field is, on the wire, a repeated `{1: key, 2: value}` entry message. */
function mapEntrySpec(f: FieldSpec): MessageSpec {
  let spec = mapEntries.get(f);
  if (!spec) {
    const base = { repeated: false, map: false, pointer: false, omitEmpty: false, omitZero: false, inline: false };
    const key: FieldSpec = { ...base, number: 1, json: 'key', type: 'string', scalar: true };
    const value: FieldSpec = { ...base, number: 2, json: 'value', type: f.type, scalar: f.scalar };
    spec = { name: `${f.json} map entry`, fields: [key, value], byNumber: new Map([[1, key], [2, value]]) };
    mapEntries.set(f, spec);
  }
  return spec;
}

function concat(values: WireValue[]): Uint8Array {
  if (values.length === 0) return EMPTY;
  if (values.length === 1) return values[0] as Uint8Array;
  return Buffer.concat(values as Uint8Array[]);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
