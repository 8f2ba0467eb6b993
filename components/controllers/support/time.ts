// Wire times: metav1.Time is RFC 3339 in whole seconds (UTC, `Z`); MicroTime and the
// last-change-trigger-time annotation carry fractions.

/** metav1.Time: `2006-01-02T15:04:05Z` (seconds precision). */
export function metaTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** RFC3339Nano as Go prints it (trailing zeros of the fraction dropped). */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.?0*Z$/, 'Z');
}

/** Milliseconds since the epoch of a wire time; undefined for absent or unparseable values. */
export function parseTime(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
