// Resource quantities as apimachinery's resource.ParseQuantity reads them: a signed decimal number
// and an optional suffix (binary Ki..Ei, decimal n..E, or an exponent e3/E-2). Values are held as
// JavaScript numbers: exact enough to compare requests with limits, not to re-serialize.

export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export type QuantityResult = { ok: true; value: number } | { ok: false; message: string };

/** Parses a quantity (a JSON number is read as its decimal text, as upstream's unmarshaller does). */
export function parseQuantity(input: unknown): QuantityResult {
  const text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : undefined;
  if (!text) return { ok: false, message: QUANTITY_FORMAT_ERROR };
  const m = QUANTITY_RE.exec(text);
  if (!m) return { ok: false, message: QUANTITY_FORMAT_ERROR };
  const [, num, suffix] = m as unknown as [string, string, string];
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(num)) return { ok: false, message: 'unable to parse numeric part of quantity' };
  const n = Number(num);
  let scale: number | undefined = BINARY[suffix] ?? DECIMAL[suffix];
  if (scale === undefined) {
    const exp = /^[eE]([+-]?\d+)$/.exec(suffix);
    if (exp) scale = 10 ** Number(exp[1]);
  }
  if (scale === undefined) return { ok: false, message: "unable to parse quantity's suffix" };
  return { ok: true, value: n * scale };
}
