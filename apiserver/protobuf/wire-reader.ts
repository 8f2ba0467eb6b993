// A reader of the protobuf wire format (https://protobuf.dev/programming-guides/encoding/): tags, varints,
// length-delimited bytes, fixed32/64; groups (wire types 3, 4) are refused, Kubernetes never writes them.
// Synchronous and pure; throws WireFormatError on malformed input.

export const WireType = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

export class WireFormatError extends Error {
  override name = 'WireFormatError';
}

export class WireReader {
  private pos: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wireType: WireType } {
    const key = this.varint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (field < 1 || field > 0x1fffffff) throw new WireFormatError(`invalid field number ${field}`);
    if (wireType !== 0 && wireType !== 1 && wireType !== 2 && wireType !== 5) {
      throw new WireFormatError(`unsupported wire type ${wireType} for field ${field}`);
    }
    return { field, wireType };
  }

  /** A varint as an unsigned 64-bit value; callers narrow it with BigInt.asIntN / asUintN. */
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.byte();
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw new WireFormatError('varint longer than 10 bytes');
  }

  /** A length-delimited value, as a view into the buffer. */
  bytes(): Uint8Array {
    const length = this.varint();
    if (length > BigInt(this.end - this.pos)) throw new WireFormatError('length-delimited field runs past the end of its message');
    return this.take(Number(length));
  }

  fixed32(): Uint8Array {
    return this.take(4);
  }

  fixed64(): Uint8Array {
    return this.take(8);
  }

  private byte(): number {
    if (this.pos >= this.end) throw new WireFormatError('unexpected end of message');
    return this.buf[this.pos++]!;
  }

  private take(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new WireFormatError('unexpected end of message');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}
