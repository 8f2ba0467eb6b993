// Ages and durations as `kubectl get` prints them. Mirrors apimachinery's duration.HumanDuration
// (~2-3 significant figures) and the printers' translateTimestampSince ('<unknown>' when unset).

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** `ms` as upstream's HumanDuration: "45s", "5m30s", "42m", "3h5m", "20h", "2d4h", "30d", "3y120d", "9y". */
export function humanDuration(ms: number): string {
  // Go truncates toward zero; up to 2 s in the future still counts as "now" (clock skew).
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) return withRest(minutes, 'm', seconds % 60, 's');
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) return withRest(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) return withRest(days, 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) return withRest(years, 'y', days % 365, 'd');
  return `${years}y`;
}

function withRest(major: number, majorUnit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${major}${majorUnit}` : `${major}${majorUnit}${rest}${restUnit}`;
}

/** A timestamp field as stored (RFC 3339 string) or as a client-node model types it (Date). */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string' || value === '') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Time elapsed from `timestamp` to `now`, or '<unknown>' when unset (upstream translateTimestampSince). */
export function since(timestamp: unknown, now: Date): string {
  const t = toDate(timestamp);
  return t ? humanDuration(now.getTime() - t.getTime()) : '<unknown>';
}
