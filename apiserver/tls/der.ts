// Just enough DER (ITU-T X.690) to write X.509 certificates, and to read back the two pieces of one that
// node:crypto does not expose (a certificate's raw subject Name, a key's subjectPublicKey bits).
// Pure: no I/O. Single-byte tags only, which is all X.509 uses.

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

export function tlv(tag: number, value: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(value.length), value]);
}

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const sequence = (...items: Buffer[]): Buffer => tlv(TAG.sequence, Buffer.concat(items));
/** A SET with one member (all X.509 needs); DER would require sorting several. */
export const setOf1 = (item: Buffer): Buffer => tlv(TAG.set, item);
export const boolean = (value: boolean): Buffer => tlv(TAG.boolean, Buffer.from([value ? 0xff : 0x00]));
export const nullValue = (): Buffer => tlv(TAG.null, Buffer.alloc(0));
export const octetString = (bytes: Uint8Array): Buffer => tlv(TAG.octetString, bytes);
export const utf8String = (s: string): Buffer => tlv(TAG.utf8String, Buffer.from(s, 'utf8'));
export const ia5String = (s: string): Buffer => tlv(TAG.ia5String, Buffer.from(s, 'ascii'));
export const bitString = (bytes: Uint8Array, unusedBits = 0): Buffer => tlv(TAG.bitString, Buffer.concat([Buffer.from([unusedBits]), bytes]));
/** `[n] EXPLICIT` around an encoded element. */
export const explicit = (n: number, inner: Buffer): Buffer => tlv(0xa0 | n, inner);
/** `[n] IMPLICIT` primitive (e.g. GeneralName's dNSName [2], iPAddress [7]). */
export const implicit = (n: number, bytes: Uint8Array): Buffer => tlv(0x80 | n, bytes);

/** A non-negative INTEGER from a number or from unsigned big-endian bytes, minimally encoded. */
export function integer(value: number | Uint8Array): Buffer {
  let bytes: Buffer;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`integer: ${value} is not a non-negative safe integer`);
    const out: number[] = [];
    for (let v = value; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
    bytes = Buffer.from(out);
  } else {
    bytes = Buffer.from(value);
  }
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes.length === 0) bytes = Buffer.from([0]);
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(TAG.integer, bytes);
}

/** An OBJECT IDENTIFIER from dotted form, e.g. `2.5.4.3`. */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new RangeError(`oid: bad arc in ${dotted}`);
    return Number(a);
  });
  if (arcs.length < 2) throw new RangeError(`oid: ${dotted} needs two arcs at least`);
  const out: number[] = [];
  for (const arc of [arcs[0]! * 40 + arcs[1]!, ...arcs.slice(2)]) {
    const base128: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) base128.unshift((v & 0x7f) | 0x80);
    out.push(...base128);
  }
  return tlv(TAG.oid, Buffer.from(out));
}

/** A certificate Time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). Whole seconds, UTC. */
export function time(date: Date): Buffer {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const year = date.getUTCFullYear();
  const rest = `${p2(date.getUTCMonth() + 1)}${p2(date.getUTCDate())}${p2(date.getUTCHours())}${p2(date.getUTCMinutes())}${p2(date.getUTCSeconds())}Z`;
  if (year >= 1950 && year < 2050) return tlv(TAG.utcTime, Buffer.from(`${p2(year % 100)}${rest}`, 'ascii'));
  return tlv(TAG.generalizedTime, Buffer.from(`${String(year).padStart(4, '0')}${rest}`, 'ascii'));
}

export interface DerElement {
  tag: number;
  /** Contents octets. */
  value: Buffer;
  /** The whole element: tag, length and contents. */
  raw: Buffer;
}

/** Reads the element at `offset`; throws on truncated or indefinite-length input. */
export function readElement(buf: Buffer, offset = 0): DerElement {
  if (offset + 2 > buf.length) throw new RangeError('DER: truncated');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new RangeError('DER: multi-byte tags are not supported');
  let length = buf[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4) throw new RangeError('DER: unsupported length');
    if (offset + 2 + n > buf.length) throw new RangeError('DER: truncated');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[offset + 2 + i]!;
    header += n;
  }
  const end = offset + header + length;
  if (end > buf.length) throw new RangeError('DER: truncated');
  return { tag, value: buf.subarray(offset + header, end), raw: buf.subarray(offset, end) };
}

/** The elements inside a constructed element (SEQUENCE, SET, explicit tag). */
export function children(el: DerElement): DerElement[] {
  const out: DerElement[] = [];
  for (let off = 0; off < el.value.length; ) {
    const child = readElement(el.value, off);
    out.push(child);
    off += child.raw.length;
  }
  return out;
}
