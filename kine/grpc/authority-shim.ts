// Makes Node's HTTP/2 server accept what etcd's Go client sends when it dials one endpoint directly
// (etcdctl `endpoint status`, `snapshot save`, `defrag` with `--endpoints http://host:port`): an
// `:authority` that is the whole URL. nghttp2 inside Node rejects such a request with PROTOCOL_ERROR;
// Go's HTTP/2 server (real etcd, kine) does not care.
//
// Every connection passes through a frame reader until its first HEADERS frame. If that frame carries a
// literal `:authority` starting with `http://` or `https://`, such literals are replaced with `k8ts` in
// every HEADERS frame of the connection; otherwise the rest of the connection is passed on in whole
// chunks, unparsed. The replacement is shorter than the original, so the server's HPACK dynamic table
// never evicts an entry the client still refers to (indices count from the newest entry).
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';

const PREFACE_LENGTH = 24;
const FRAME_HEADER = 9;
const HEADERS = 0x1;
const END_HEADERS = 0x4;
const PADDED = 0x8;
const PRIORITY = 0x20;
/** HPACK static table index of `:authority`. */
const AUTHORITY = 1;
const REPLACEMENT = Buffer.from('k8ts');

/**
 * Huffman codes (RFC 7541 Appendix B) of the URL scheme prefixes, as bit strings: "http://" and
 * "https://" are what Go's grpc puts in `:authority` when dialled with a URL.
 */
const HUFFMAN: Record<string, string> = { h: '100111', t: '01001', p: '101011', s: '01000', ':': '1011100', '/': '011000' };
const SCHEME_BITS = ['http://', 'https://'].map((s) => [...s].map((c) => HUFFMAN[c]).join(''));

/** Wrap an accepted socket for the HTTP/2 server. */
export function acceptConnection(socket: Socket): Duplex {
  return new AuthorityRewriter(socket);
}

/** The header block fragment of a complete HEADERS frame that ends its headers, else undefined. */
function headerBlock(frame: Buffer): { start: number; end: number; frame: Buffer } | undefined {
  const flags = frame[4]!;
  if (!(flags & END_HEADERS)) return undefined;
  let start = FRAME_HEADER;
  let end = frame.length;
  if (flags & PADDED) {
    end -= frame[start]!;
    start += 1;
  }
  if (flags & PRIORITY) start += 5;
  return start <= end ? { start, end, frame } : undefined;
}

interface Literal {
  /** Offsets of the value's string (length prefix included) inside the frame. */
  valueStart: number;
  valueEnd: number;
  bad: boolean;
}

/** Walk an HPACK header block and return its literal `:authority` fields. */
function findAuthorities(b: { start: number; end: number; frame: Buffer }): Literal[] {
  const f = b.frame;
  const out: Literal[] = [];
  let at = b.start;
  const integer = (prefixBits: number): number => {
    const max = (1 << prefixBits) - 1;
    let v = f[at++]! & max;
    if (v < max) return v;
    let shift = 0;
    for (;;) {
      const byte = f[at++]!;
      v += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(byte & 0x80)) return v;
    }
  };
  const skipString = () => {
    const len = integer(7);
    at += len;
  };
  while (at < b.end) {
    const first = f[at]!;
    if (first & 0x80) {
      integer(7); // indexed field
    } else if ((first & 0xe0) === 0x20) {
      integer(5); // dynamic table size update
    } else {
      const prefix = (first & 0xc0) === 0x40 ? 6 : 4; // with indexing, or without/never indexed
      const nameIndex = integer(prefix);
      if (nameIndex === 0) skipString();
      const valueStart = at;
      const huffman = (f[at]! & 0x80) !== 0;
      const len = integer(7);
      const value = f.subarray(at, at + len);
      at += len;
      if (nameIndex === AUTHORITY) out.push({ valueStart, valueEnd: at, bad: isUrl(value, huffman) });
    }
  }
  return out;
}

function isUrl(value: Buffer, huffman: boolean): boolean {
  if (!huffman) return /^https?:\/\//.test(value.toString('latin1'));
  let bits = '';
  for (const byte of value.subarray(0, 8)) bits += byte.toString(2).padStart(8, '0');
  return SCHEME_BITS.some((s) => bits.startsWith(s));
}

/** A frame-by-frame pass-through of the client's bytes that replaces URL authorities. */
class AuthorityRewriter extends Duplex {
  private pending: Buffer = Buffer.alloc(0);
  private prefaceDone = false;
  /** undefined until the first HEADERS frame decides. */
  private rewriting: boolean | undefined;

  constructor(private readonly socket: Socket) {
    super();
    socket.on('data', (chunk: Buffer) => this.onChunk(chunk));
    socket.on('end', () => this.push(null));
    socket.on('error', (err) => this.destroy(err));
    socket.on('close', () => this.destroy());
  }

  private onChunk(chunk: Buffer): void {
    if (this.rewriting === false) {
      if (!this.push(chunk)) this.socket.pause();
      return;
    }
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (!this.prefaceDone) {
      if (this.pending.length < PREFACE_LENGTH) return;
      this.push(this.pending.subarray(0, PREFACE_LENGTH));
      this.pending = this.pending.subarray(PREFACE_LENGTH);
      this.prefaceDone = true;
    }
    while (this.pending.length >= FRAME_HEADER) {
      const total = FRAME_HEADER + this.pending.readUIntBE(0, 3);
      if (this.pending.length < total) break;
      let frame = this.pending.subarray(0, total);
      this.pending = this.pending.subarray(total);
      if (frame[3] === HEADERS) {
        const block = headerBlock(frame);
        if (this.rewriting === undefined && block) this.rewriting = findAuthorities(block).some((a) => a.bad);
        if (this.rewriting) frame = rewrite(frame);
      }
      if (!this.push(frame)) this.socket.pause();
      if (this.rewriting === false) {
        const rest = this.pending;
        this.pending = Buffer.alloc(0);
        if (rest.length) this.onChunk(rest);
        return;
      }
    }
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.socket.write(chunk, cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.socket.end(cb);
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.socket.destroy(err ?? undefined);
    cb(err);
  }
}

/** The frame with every URL `:authority` literal replaced, its length field adjusted. */
function rewrite(frame: Buffer): Buffer {
  const block = headerBlock(frame);
  if (!block) return frame;
  const bad = findAuthorities(block).filter((a) => a.bad);
  if (bad.length === 0) return frame;
  const parts: Buffer[] = [];
  let at = 0;
  for (const a of bad) {
    parts.push(frame.subarray(at, a.valueStart), Buffer.from([REPLACEMENT.length]), REPLACEMENT);
    at = a.valueEnd;
  }
  parts.push(frame.subarray(at));
  const out = Buffer.concat(parts);
  out.writeUIntBE(out.length - FRAME_HEADER, 0, 3);
  return out;
}
