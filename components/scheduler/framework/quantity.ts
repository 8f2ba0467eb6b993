// resource.Quantity to integers as the scheduler reads them: Value() for bytes and counts,
// MilliValue() for cpu, both rounded up (apimachinery's Quantity rounds away from zero on scale-down).
// Exact through BigInt; results fit a JS number for any realistic node.

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?([a-zA-Z]*|[eE][+-]?\d+)$/;

const cache = new Map<string, bigint>();

/** The quantity times 10^scale, rounded up; 0 for a malformed value (the apiserver validated it already). */
function scaled(q: string | number | undefined | null, scale: number): bigint {
  if (q === undefined || q === null) return 0n;
  const text = String(q).trim();
  const key = `${scale}:${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const m = QUANTITY.exec(text);
  let result = 0n;
  if (m && (m[2] || m[3])) {
    const [, sign, int = '', frac = '', suffix = ''] = m;
    let dexp = 0;
    let bexp = 0;
    if (suffix in DECIMAL) dexp = DECIMAL[suffix]!;
    else if (suffix in BINARY) bexp = BINARY[suffix]!;
    else if (/^[eE][+-]?\d+$/.test(suffix)) dexp = Number(suffix.slice(1));
    else return 0n;
    let n = BigInt((int || '0') + frac) * 2n ** BigInt(bexp);
    const exp10 = dexp + scale - frac.length;
    if (exp10 >= 0) n *= 10n ** BigInt(exp10);
    else {
      const d = 10n ** BigInt(-exp10);
      n = n % d === 0n ? n / d : n / d + 1n;
    }
    result = sign === '-' ? -n : n;
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(key, result);
  return result;
}

/** Quantity.Value(): whole units (bytes, pods, devices), rounded up. */
export function quantityValue(q: string | number | undefined | null): number {
  return Number(scaled(q, 0));
}

/** Quantity.MilliValue(): thousandths (cpu millicores), rounded up. */
export function quantityMilliValue(q: string | number | undefined | null): number {
  return Number(scaled(q, 3));
}
