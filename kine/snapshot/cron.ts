// A 5-field cron expression (minute hour day-of-month month day-of-week), as k3s's --etcd-snapshot-schedule-cron:
// numbers, `*`, ranges `a-b`, steps `*/n` and `a-b/n`, lists `a,b`. Day of week 0–7 (0 and 7 are Sunday).
// As cron: when both day fields are restricted, a day matching either one matches. Times are local.
import { CronSyntaxError } from './errors.js';

export interface CronSchedule {
  minute: Set<number>;
  hour: Set<number>;
  dayOfMonth: Set<number>;
  month: Set<number>;
  dayOfWeek: Set<number>;
  domStar: boolean;
  dowStar: boolean;
}

const FIELDS = [
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['day of month', 1, 31],
  ['month', 1, 12],
  ['day of week', 0, 7],
] as const;

export function parseCron(expr: string): CronSchedule {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new CronSyntaxError(`snapshot: schedule ${JSON.stringify(expr)} must have 5 fields (minute hour day month weekday)`);
  const sets = parts.map((p, i) => parseField(p, FIELDS[i]!, expr));
  const dow = new Set([...sets[4]!].map((d) => d % 7));
  return {
    minute: sets[0]!, hour: sets[1]!, dayOfMonth: sets[2]!, month: sets[3]!, dayOfWeek: dow,
    domStar: parts[2]!.startsWith('*'), dowStar: parts[4]!.startsWith('*'),
  };
}

function parseField(field: string, [name, min, max]: readonly [string, number, number], expr: string): Set<number> {
  const out = new Set<number>();
  const bad = () => new CronSyntaxError(`snapshot: bad ${name} field ${JSON.stringify(field)} in schedule ${JSON.stringify(expr)}`);
  for (const item of field.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!m) throw bad();
    let lo = min;
    let hi = max;
    if (m[1] !== '*') {
      lo = Number(m[2]);
      hi = m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : lo;
    }
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (lo < min || hi > max || lo > hi || step < 1) throw bad();
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** The first minute strictly after `after` that the schedule matches (within 5 years, else undefined). */
export function nextRun(s: CronSchedule, after: Date): Date | undefined {
  const t = new Date(after.getTime());
  t.setSeconds(0, 0);
  t.setMinutes(t.getMinutes() + 1);
  const limit = after.getTime() + 5 * 366 * 24 * 3600 * 1000;
  while (t.getTime() <= limit) {
    if (!s.month.has(t.getMonth() + 1)) {
      t.setMonth(t.getMonth() + 1, 1);
      t.setHours(0, 0);
      continue;
    }
    if (!dayMatches(s, t)) {
      t.setDate(t.getDate() + 1);
      t.setHours(0, 0);
      continue;
    }
    if (!s.hour.has(t.getHours())) {
      t.setHours(t.getHours() + 1, 0);
      continue;
    }
    if (!s.minute.has(t.getMinutes())) {
      t.setMinutes(t.getMinutes() + 1);
      continue;
    }
    return t;
  }
  return undefined;
}

function dayMatches(s: CronSchedule, t: Date): boolean {
  const dom = s.dayOfMonth.has(t.getDate());
  const dow = s.dayOfWeek.has(t.getDay());
  if (s.domStar || s.dowStar) return (s.domStar || dom) && (s.dowStar || dow);
  return dom || dow;
}
