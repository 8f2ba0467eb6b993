// A small JSON reader that keeps what JSON.parse throws away and Go's decoder sees: every key of an object
// in order, duplicates included, and the literal text of numbers and strings. The strict decoder walks this
// tree; `fromValue` builds the same tree from an already parsed value (no duplicates then).

export type JsonNode =
  | { t: 'object'; entries: Array<[string, JsonNode]> }
  | { t: 'array'; items: JsonNode[] }
  /** `raw` is the literal as written, quotes included. */
  | { t: 'string'; value: string; raw: string }
  | { t: 'number'; raw: string }
  | { t: 'bool'; value: boolean }
  | { t: 'null' };

export type ParseResult = { ok: true; node: JsonNode } | { ok: false; offset: number; message: string };

/** Parses `text` (RFC 8259 JSON, surrounding whitespace allowed). Never throws for bad input. */
export function parseJsonText(text: string): ParseResult {
  const p = new Reader(text);
  try {
    p.space();
    const node = p.value();
    p.space();
    if (p.pos < text.length) p.fail('after top-level value');
    return { ok: true, node };
  } catch (e) {
    if (e instanceof JsonSyntax) return { ok: false, offset: e.offset, message: e.message };
    throw e;
  }
}

/** A string of a decoded value: its literal (rarely read: quantities) is written only when asked for. */
class StringNode {
  readonly t = 'string';
  private literal: string | undefined;
  constructor(readonly value: string) {}
  get raw(): string {
    return (this.literal ??= JSON.stringify(this.value));
  }
}

/** The tree of an already decoded JSON value (objects keep their key order; numbers print as JS does). */
export function fromValue(v: unknown): JsonNode {
  if (v === null || v === undefined) return { t: 'null' };
  if (typeof v === 'string') return new StringNode(v);
  if (typeof v === 'number') return { t: 'number', raw: String(v) };
  if (typeof v === 'boolean') return { t: 'bool', value: v };
  if (Array.isArray(v)) return { t: 'array', items: v.map(fromValue) };
  if (typeof v === 'object') return { t: 'object', entries: Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromValue(x)]) };
  return { t: 'null' };
}

/** The plain value of a tree, as JSON.parse would give it (the last of duplicate keys wins). */
export function toValue(n: JsonNode): unknown {
  switch (n.t) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of n.entries) {
        // An own `__proto__` key, as JSON.parse makes it, not a prototype change.
        if (k === '__proto__') Object.defineProperty(o, k, { value: toValue(v), enumerable: true, writable: true, configurable: true });
        else o[k] = toValue(v);
      }
      return o;
    }
    case 'array':
      return n.items.map(toValue);
    case 'string':
      return n.value;
    case 'number':
      return Number(n.raw);
    case 'bool':
      return n.value;
    case 'null':
      return null;
  }
}

class JsonSyntax extends Error {
  override name = 'JsonSyntax';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Reader {
  pos = 0;
  constructor(private readonly s: string) {}

  /** Go's scanner messages: `invalid character 'x' looking for beginning of value`. */
  fail(what: string): never {
    const c = this.s[this.pos];
    throw new JsonSyntax(c === undefined ? 'unexpected end of JSON input' : `invalid character ${quoteChar(c)} ${what}`, this.pos);
  }

  space(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else break;
    }
  }

  value(): JsonNode {
    const c = this.s[this.pos];
    switch (c) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"': {
        const start = this.pos;
        const value = this.string();
        return { t: 'string', value, raw: this.s.slice(start, this.pos) };
      }
      case 't':
        return this.word('true', { t: 'bool', value: true });
      case 'f':
        return this.word('false', { t: 'bool', value: false });
      case 'n':
        return this.word('null', { t: 'null' });
      default: {
        NUMBER.lastIndex = this.pos;
        const m = NUMBER.exec(this.s);
        if (c === '-' && !m) {
          this.pos++;
          this.fail('in numeric literal');
        }
        if (!m || m[0].length === 0) this.fail('looking for beginning of value');
        this.pos += m[0].length;
        return { t: 'number', raw: m[0] };
      }
    }
  }

  word<T extends JsonNode>(w: string, node: T): T {
    for (let i = 1; i < w.length; i++) {
      if (this.s[this.pos + i] !== w[i]) {
        this.pos += i;
        this.fail(`in literal ${w} (expecting ${quoteChar(w[i]!)})`);
      }
    }
    this.pos += w.length;
    return node;
  }

  object(): JsonNode {
    this.pos++;
    const entries: Array<[string, JsonNode]> = [];
    this.space();
    if (this.s[this.pos] === '}') {
      this.pos++;
      return { t: 'object', entries };
    }
    for (;;) {
      this.space();
      if (this.s[this.pos] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.space();
      if (this.s[this.pos] !== ':') this.fail('after object key');
      this.pos++;
      this.space();
      entries.push([key, this.value()]);
      this.space();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return { t: 'object', entries };
      }
      this.fail('after object key:value pair');
    }
  }

  array(): JsonNode {
    this.pos++;
    const items: JsonNode[] = [];
    this.space();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return { t: 'array', items };
    }
    for (;;) {
      this.space();
      items.push(this.value());
      this.space();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return { t: 'array', items };
      }
      this.fail('after array element');
    }
  }

  string(): string {
    const s = this.s;
    const start = this.pos;
    let i = start + 1;
    let simple = true;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        simple = false;
        i++;
        const e = s[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(s[i + k] ?? '')) {
              this.pos = i + k;
              this.fail('in \\u hexadecimal character escape');
            }
          }
          i += 4;
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          this.pos = i;
          this.fail('in string escape code');
        }
      } else if (c < 0x20) {
        this.pos = i;
        this.fail('in string literal');
      }
    }
    if (i >= s.length) {
      this.pos = s.length;
      this.fail('in string literal');
    }
    this.pos = i + 1;
    return simple ? s.slice(start + 1, i) : (JSON.parse(s.slice(start, i + 1)) as string);
  }
}

/** Go's quoteChar: the character in single quotes, escaped as strconv.Quote would. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  return `'${JSON.stringify(c).slice(1, -1)}'`;
}
