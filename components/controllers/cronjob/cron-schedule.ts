// Cron schedules as the CronJob controller reads them (robfig/cron's ParseStandard): five fields
// (minute hour day-of-month month day-of-week) with *, ?, ranges, steps, lists and month/day names;
// @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly and @every <duration>; a `TZ=`/`CRON_TZ=`
// prefix names the time zone. next() walks wall-clock fields in that zone (Intl) to the first match.

export class CronParseError extends Error {
  override name = 'CronParseError';
}

interface Field {
  min: number;
  max: number;
  names?: string[];
}
const FIELDS: Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface CronSchedule {
  /** The first activation strictly after `afterMs` (ms since the epoch). */
  next(afterMs: number): number;
  timeZone?: string;
}

interface Spec {
  sets: Array<Set<number>>;
  /** Day-of-month or day-of-week was `*` or `?`: both must match, else either (robfig's star bit). */
  domStar: boolean;
  dowStar: boolean;
}

function parseValue(text: string, f: Field): number {
  const lower = text.toLowerCase();
  const named = f.names?.indexOf(lower) ?? -1;
  if (named >= 0) return named + f.min;
  if (!/^\d+$/.test(text)) throw new CronParseError(`failed to parse int from ${text}`);
  return Number(text);
}

function parseField(text: string, f: Field): { set: Set<number>; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined || range === undefined || range === '') throw new CronParseError(`too many slashes: ${part}`);
    let lo: number;
    let hi: number;
    let isStar = false;
    if (range === '*' || range === '?') {
      [lo, hi, isStar] = [f.min, f.max, true];
    } else {
      const [a, b, c] = range.split('-');
      if (c !== undefined) throw new CronParseError(`too many hyphens: ${range}`);
      lo = parseValue(a!, f);
      hi = b !== undefined ? parseValue(b, f) : stepText !== undefined ? f.max : lo;
    }
    const step = stepText === undefined ? 1 : parseValue(stepText, { min: 0, max: 0 });
    if (lo < f.min) throw new CronParseError(`beginning of range (${lo}) below minimum (${f.min}): ${part}`);
    if (hi > f.max) throw new CronParseError(`end of range (${hi}) above maximum (${f.max}): ${part}`);
    if (lo > hi) throw new CronParseError(`beginning of range (${lo}) beyond end of range (${hi}): ${part}`);
    if (step === 0) throw new CronParseError(`step of range should be a positive number: ${part}`);
    if (isStar && step === 1) star = true;
    for (let v = lo; v <= hi; v += step) set.add(v);
  }
  return { set, star };
}

export function parseCronSchedule(text: string, timeZone?: string): CronSchedule {
  let spec = text.trim();
  let zone = timeZone;
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(spec);
  if (tz) {
    zone = tz[1];
    spec = tz[2]!.trim();
  }
  if (zone) checkZone(zone);
  if (spec.startsWith('@every ')) {
    const ms = parseDuration(spec.slice(7).trim());
    return { timeZone: zone, next: (after) => Math.floor(after / 1000) * 1000 + Math.max(1000, ms) };
  }
  spec = DESCRIPTORS[spec] ?? spec;
  if (spec.startsWith('@')) throw new CronParseError(`unrecognized descriptor: ${spec}`);
  const parts = spec.split(/\s+/);
  if (parts.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${parts.length}: ${spec}`);
  const parsed = parts.map((p, i) => parseField(p, FIELDS[i]!));
  const s: Spec = { sets: parsed.map((p) => p.set), domStar: parsed[2]!.star, dowStar: parsed[4]!.star };
  return { timeZone: zone, next: (after) => nextTime(s, after, zone) };
}

function checkZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new CronParseError(`provided bad location ${zone}: unknown time zone ${zone}`);
  }
}

function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
  let ms = 0;
  let used = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    ms += Number(m[1]) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as 'h' | 'm' | 's' | 'ms'];
    used += m[0].length;
  }
  if (used !== text.length || used === 0) throw new CronParseError(`failed to parse duration @every ${text}`);
  return ms;
}

/** The zone's offset from UTC at instant `ms`, in ms (UTC: 0). */
function offsetAt(ms: number, zone?: string): number {
  if (!zone || zone === 'UTC' || zone === 'Etc/UTC') return 0;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** Wall-clock ms (as if UTC) back to an instant: the offset guessed twice settles DST. */
function toInstant(wallMs: number, zone?: string): number {
  let guess = wallMs - offsetAt(wallMs, zone);
  guess = wallMs - offsetAt(guess, zone);
  return guess;
}

function nextTime(s: Spec, after: number, zone?: string): number {
  const [minutes, hours, doms, months, dows] = s.sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  // Work on wall-clock time in `zone`, represented as a UTC Date.
  const start = new Date(Math.floor((after + offsetAt(after, zone)) / 60_000) * 60_000 + 60_000);
  const d = start;
  const limit = start.getUTCFullYear() + 5;
  const dayMatches = () => {
    const dom = doms.has(d.getUTCDate());
    const dow = dows.has(d.getUTCDay());
    return s.domStar || s.dowStar ? dom && dow : dom || dow;
  };
  while (d.getUTCFullYear() <= limit) {
    if (!months.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches()) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!hours.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!minutes.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    const instant = toInstant(d.getTime(), zone);
    if (instant > after) return instant;
    d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
  }
  return Number.POSITIVE_INFINITY;
}
