// The decoding checks of the API's special value types, with the error texts kube-apiserver returns:
// resource.Quantity (apimachinery resource.ParseQuantity), metav1.Time/MicroTime (Go's time.Parse with
// RFC 3339 layouts) and []byte fields (Go's base64.StdEncoding). Pure functions; undefined means valid.

const QUANTITY_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${QUANTITY_RE}'`;
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const SUFFIX_CHARS = 'eEinumkKMGTP';
const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Why `text` is not a resource.Quantity, in upstream's words; undefined when it parses. `text` is what
 * Quantity.UnmarshalJSON sees: a JSON string's raw content without its quotes, or a bare literal's text.
 * Mirrors ParseQuantity: scan sign, digits, fraction and suffix, then interpret the suffix.
 */
export function quantityError(text: string): string | undefined {
  const str = text.trim();
  if (str.length === 0) return QUANTITY_FORMAT_ERROR;
  if (str === '0') return undefined;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-' || str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return undefined;
  const numStart = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
    if (pos >= end) return undefined;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos]!)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) return QUANTITY_FORMAT_ERROR;
  const suffix = str.slice(suffixStart);
  let exponent: number;
  if (suffix in DECIMAL_SUFFIXES) exponent = DECIMAL_SUFFIXES[suffix]!;
  else if (suffix in BINARY_SUFFIXES) return undefined;
  else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) exponent = Number(suffix.slice(1));
  else return QUANTITY_SUFFIX_ERROR;
  // The fast path (few digits, scale at least nano) never fails; otherwise inf.Dec parses `value`.
  const precise = 18 - (num.length + denom.length) >= 0 && exponent - denom.length >= -9;
  if (precise) return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(value) ? undefined : QUANTITY_NUMERIC_ERROR;
}

/** Go's time.RFC3339 and the apimachinery RFC3339Micro layout. */
export const RFC3339 = '2006-01-02T15:04:05Z07:00';
export const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';

type Chunk = { prefix: string; std: string };
const RFC3339_CHUNKS: Chunk[] = [
  { prefix: '', std: '2006' },
  { prefix: '-', std: '01' },
  { prefix: '-', std: '02' },
  { prefix: 'T', std: '15' },
  { prefix: ':', std: '04' },
  { prefix: ':', std: '05' },
  { prefix: '', std: 'Z07:00' },
];
const CHUNKS: Record<string, Chunk[]> = {
  [RFC3339]: RFC3339_CHUNKS,
  // The same with microseconds before the zone.
  [RFC3339_MICRO]: [...RFC3339_CHUNKS.slice(0, -1), { prefix: '', std: '.000000' }, RFC3339_CHUNKS[RFC3339_CHUNKS.length - 1]!],
};

/** Go's strconv.Quote for the printable ASCII these messages carry. */
const quote = (s: string) => JSON.stringify(s);

/**
 * Why Go's time.Parse(layout, value) fails, in its words (`parsing time "x" as "2006-01-02T15:04:05Z07:00":
 * cannot parse "x" as "2006"`), or undefined when it parses. Only the two layouts above.
 */
export function timeError(value: string, layout: typeof RFC3339 | typeof RFC3339_MICRO = RFC3339): string | undefined {
  // Objects written in the same second carry the same timestamps: remember the last ones that parsed.
  const seen = layout === RFC3339 ? parsedTimes : parsedMicroTimes;
  if (seen.has(value)) return undefined;
  const err = parseError(value, layout);
  if (err === undefined) {
    if (seen.size >= PARSED_TIMES) seen.clear();
    seen.add(value);
  }
  return err;
}

const PARSED_TIMES = 64;
const parsedTimes = new Set<string>();
const parsedMicroTimes = new Set<string>();

function parseError(value: string, layout: typeof RFC3339 | typeof RFC3339_MICRO): string | undefined {
  const bad = (layoutElem: string, valueElem: string) =>
    `parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(valueElem)} as ${quote(layoutElem)}`;
  const outOfRange = (what: string) => `parsing time ${quote(value)}: ${what} out of range`;
  let rest = value;
  let year = 0;
  let month = 0;
  let day = 0;
  const chunks = CHUNKS[layout]!;
  for (let i = 0; i < chunks.length; i++) {
    const { prefix, std } = chunks[i]!;
    for (let k = 0; k < prefix.length; k++) {
      if (rest.length === 0 || rest[0] !== prefix[k]) return bad(prefix, rest);
      rest = rest.slice(1);
    }
    const hold = rest;
    // getnum: one or two digits; `fixed` demands two.
    const num = (fixed: boolean): number | undefined => {
      if (!isDigit(rest[0])) return undefined;
      if (!isDigit(rest[1])) {
        if (fixed) return undefined;
        const n = Number(rest[0]);
        rest = rest.slice(1);
        return n;
      }
      const n = Number(rest.slice(0, 2));
      rest = rest.slice(2);
      return n;
    };
    switch (std) {
      case '2006': {
        if (rest.length < 4 || !isDigit(rest[0]) || !/^\d{4}$/.test(rest.slice(0, 4))) return bad(std, hold);
        year = Number(rest.slice(0, 4));
        rest = rest.slice(4);
        break;
      }
      case '01':
      case '02':
      case '04':
      case '05':
      case '15': {
        const n = num(std !== '15');
        if (n === undefined) return bad(std, hold);
        if (std === '01') {
          month = n;
          if (n <= 0 || n > 12) return outOfRange('month');
        } else if (std === '02') day = n;
        else if (std === '15' && n >= 24) return outOfRange('hour');
        else if (std === '04' && n >= 60) return outOfRange('minute');
        else if (std === '05') {
          if (n >= 60) return outOfRange('second');
          // A fraction the layout does not ask for is still accepted.
          if (chunks[i + 1]?.std !== '.000000' && rest.length >= 2 && (rest[0] === '.' || rest[0] === ',') && isDigit(rest[1])) {
            let n2 = 2;
            while (n2 < rest.length && isDigit(rest[n2])) n2++;
            rest = rest.slice(n2);
          }
        }
        break;
      }
      case '.000000': {
        if (rest.length < 7 || (rest[0] !== '.' && rest[0] !== ',') || !/^\d{6}$/.test(rest.slice(1, 7))) return bad(std, hold);
        rest = rest.slice(7);
        break;
      }
      case 'Z07:00': {
        if (rest[0] === 'Z') {
          rest = rest.slice(1);
          break;
        }
        if (rest.length < 6 || rest[3] !== ':') return bad(std, hold);
        const sign = rest[0];
        const hh = rest.slice(1, 3);
        const mm = rest.slice(4, 6);
        if (!/^\d\d$/.test(hh) || !/^\d\d$/.test(mm) || (sign !== '+' && sign !== '-')) return bad(std, hold);
        rest = rest.slice(6);
        if (Number(hh) > 24) return outOfRange('time zone offset hour');
        if (Number(mm) > 60) return outOfRange('time zone offset minute');
        break;
      }
    }
  }
  if (rest.length > 0) return `parsing time ${quote(value)}: extra text: ${quote(rest)}`;
  if (day < 1 || day > daysIn(month, year)) return outOfRange('day');
  return undefined;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Why Go's base64.StdEncoding would refuse `s` (`illegal base64 data at input byte 4`), or undefined.
 * Mirrors its quantum decoder: padding required, CR and LF skipped, offsets in bytes.
 */
export function base64Error(s: string): string | undefined {
  const src = Buffer.from(s, 'utf8');
  const corrupt = (n: number) => `illegal base64 data at input byte ${n}`;
  const isNewline = (b: number | undefined) => b === 0x0a || b === 0x0d;
  let si = 0;
  while (si < src.length) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return corrupt(si - j);
      }
      const c = src[si]!;
      si++;
      if (c < 0x80 && B64.includes(String.fromCharCode(c))) continue;
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== 0x3d) return corrupt(si - 1);
      // Padding: only in the third or fourth place of a quantum.
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== 0x3d) return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) return corrupt(si);
      return undefined;
    }
  }
  return undefined;
}
