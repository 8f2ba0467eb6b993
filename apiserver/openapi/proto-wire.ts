// A small table-driven protobuf (proto3) codec: messages are plain objects keyed by the .proto field names,
// described by a `MessageTable` transcribed from the .proto (field numbers and types). Enough of the wire
// format for the gnostic OpenAPI v2 messages: strings, bools, int64, doubles, nested and repeated messages.
//
// Encoding follows Go's proto.Marshal for proto3: fields in field-number order; singular scalars equal to
// their zero value are left out unless they belong to a oneof (which tracks presence); a present message
// is always written, even when empty; repeated scalars here are strings, never packed.
// Encoding is two passes (sizes, then bytes into one buffer), so nested messages are not copied.

export type ScalarType = 'string' | 'bool' | 'int64' | 'double';

export interface FieldDef {
  no: number;
  /** A scalar type or the name of a message in the same table. */
  type: ScalarType | string;
  repeated?: boolean;
  /** Member of a oneof: written whenever set, even with its zero value. */
  oneof?: boolean;
}

export type MessageTable = Record<string, Record<string, FieldDef>>;
export type ProtoMessage = { [field: string]: unknown };

/** Thrown on a message that does not fit its table: a programming error, never a client's. */
export class ProtoWireError extends Error {
  override name = 'ProtoWireError';
}

const SCALARS = new Set<string>(['string', 'bool', 'int64', 'double']);
const WIRE_VARINT = 0;
const WIRE_64BIT = 1;
const WIRE_BYTES = 2;

/** Fields of each message, sorted by number, checked once per table. */
const sortedFields = new WeakMap<MessageTable, Map<string, Array<[string, FieldDef]>>>();

function fieldsOf(table: MessageTable, type: string): Array<[string, FieldDef]> {
  let byType = sortedFields.get(table);
  if (!byType) sortedFields.set(table, (byType = new Map()));
  let fields = byType.get(type);
  if (!fields) {
    const def = table[type];
    if (!def) throw new ProtoWireError(`unknown message ${type}`);
    fields = Object.entries(def).sort((a, b) => a[1].no - b[1].no);
    for (const [name, f] of fields) {
      if (!SCALARS.has(f.type) && !table[f.type]) throw new ProtoWireError(`${type}.${name}: unknown type ${f.type}`);
      if (f.repeated && SCALARS.has(f.type) && f.type !== 'string') throw new ProtoWireError(`${type}.${name}: repeated ${f.type} is not supported`);
    }
    byType.set(type, fields);
  }
  return fields;
}

const varintSize = (n: number): number => {
  if (n < 0) return 10;
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
};

const isZero = (f: FieldDef, v: unknown): boolean => (f.type === 'string' ? v === '' : f.type === 'bool' ? v === false : v === 0);

/** The bytes of `message` as a `type` of `table`. Throws ProtoWireError on a value that does not fit. */
export function encodeMessage(table: MessageTable, type: string, message: ProtoMessage): Buffer {
  const sizes = new Map<ProtoMessage, number>();
  const sizeOfMessage = (t: string, m: ProtoMessage): number => {
    let size = 0;
    for (const [name, f] of fieldsOf(table, t)) {
      const v = m[name];
      if (v === undefined || v === null) continue;
      const values = f.repeated ? asArray(t, name, v) : [v];
      if (!f.repeated && !f.oneof && SCALARS.has(f.type) && isZero(f, v)) continue;
      const tag = varintSize(f.no << 3);
      for (const item of values) {
        let body: number;
        switch (f.type) {
          case 'string':
            body = Buffer.byteLength(asString(t, name, item));
            body += varintSize(body);
            break;
          case 'bool':
            if (typeof item !== 'boolean') throw new ProtoWireError(`${t}.${name}: expected a boolean`);
            body = 1;
            break;
          case 'int64':
            body = varintSize(asInteger(t, name, item));
            break;
          case 'double':
            if (typeof item !== 'number') throw new ProtoWireError(`${t}.${name}: expected a number`);
            body = 8;
            break;
          default: {
            const inner = sizeOfMessage(f.type, asMessage(t, name, item));
            sizes.set(item as ProtoMessage, inner);
            body = inner + varintSize(inner);
          }
        }
        size += tag + body;
      }
    }
    return size;
  };

  const total = sizeOfMessage(type, message);
  const buf = Buffer.allocUnsafe(total);
  let pos = 0;
  const varint = (n: number) => {
    if (n < 0) {
      let big = BigInt.asUintN(64, BigInt(n));
      while (big >= 0x80n) {
        buf[pos++] = Number(big & 0x7fn) | 0x80;
        big >>= 7n;
      }
      buf[pos++] = Number(big);
      return;
    }
    while (n >= 0x80) {
      buf[pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    buf[pos++] = n;
  };
  const writeMessage = (t: string, m: ProtoMessage) => {
    for (const [name, f] of fieldsOf(table, t)) {
      const v = m[name];
      if (v === undefined || v === null) continue;
      if (!f.repeated && !f.oneof && SCALARS.has(f.type) && isZero(f, v)) continue;
      for (const item of f.repeated ? (v as unknown[]) : [v]) {
        switch (f.type) {
          case 'string': {
            const s = item as string;
            varint((f.no << 3) | WIRE_BYTES);
            varint(Buffer.byteLength(s));
            pos += buf.write(s, pos);
            break;
          }
          case 'bool':
            varint((f.no << 3) | WIRE_VARINT);
            buf[pos++] = item ? 1 : 0;
            break;
          case 'int64':
            varint((f.no << 3) | WIRE_VARINT);
            varint(item as number);
            break;
          case 'double':
            varint((f.no << 3) | WIRE_64BIT);
            pos = buf.writeDoubleLE(item as number, pos);
            break;
          default:
            varint((f.no << 3) | WIRE_BYTES);
            varint(sizes.get(item as ProtoMessage)!);
            writeMessage(f.type, item as ProtoMessage);
        }
      }
    }
  };
  writeMessage(type, message);
  if (pos !== total) throw new ProtoWireError(`encoded ${pos} bytes, sized ${total}`);
  return buf;
}

/**
 * Decodes `bytes` as a `type` of `table` into a plain object (repeated fields as arrays, absent fields
 * absent, int64 as number). Strict: a field number the table does not list, or a wire type that does not
 * match it, throws ProtoWireError, so a wrong field number cannot pass unnoticed.
 */
export function decodeMessage(table: MessageTable, type: string, bytes: Uint8Array): ProtoMessage {
  const byNumber = new Map(fieldsOf(table, type).map(([name, f]) => [f.no, { name, f }]));
  const out: ProtoMessage = {};
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const varint = (): number => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= view.length) throw new ProtoWireError(`${type}: truncated varint`);
      const b = view[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7n;
    }
    return Number(BigInt.asIntN(64, result));
  };
  while (pos < view.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wire = key & 7;
    const field = byNumber.get(no);
    if (!field) throw new ProtoWireError(`${type}: unknown field number ${no} (wire type ${wire})`);
    const { name, f } = field;
    const expected = f.type === 'bool' || f.type === 'int64' ? WIRE_VARINT : f.type === 'double' ? WIRE_64BIT : WIRE_BYTES;
    if (wire !== expected) throw new ProtoWireError(`${type}.${name}: wire type ${wire}, expected ${expected}`);
    let value: unknown;
    if (wire === WIRE_VARINT) {
      const n = varint();
      value = f.type === 'bool' ? n !== 0 : n;
    } else if (wire === WIRE_64BIT) {
      value = view.readDoubleLE(pos);
      pos += 8;
    } else {
      const len = varint();
      if (pos + len > view.length) throw new ProtoWireError(`${type}.${name}: truncated`);
      const chunk = view.subarray(pos, pos + len);
      pos += len;
      value = f.type === 'string' ? chunk.toString('utf8') : decodeMessage(table, f.type, chunk);
    }
    if (f.repeated) ((out[name] ??= []) as unknown[]).push(value);
    else out[name] = value;
  }
  return out;
}

function asArray(type: string, name: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new ProtoWireError(`${type}.${name}: expected an array`);
  return v;
}

function asString(type: string, name: string, v: unknown): string {
  if (typeof v !== 'string') throw new ProtoWireError(`${type}.${name}: expected a string, got ${typeof v}`);
  return v;
}

function asInteger(type: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ProtoWireError(`${type}.${name}: expected an integer`);
  return v;
}

function asMessage(type: string, name: string, v: unknown): ProtoMessage {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ProtoWireError(`${type}.${name}: expected a message`);
  return v as ProtoMessage;
}
