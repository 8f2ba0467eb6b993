// Which scheduled time a CronJob should run now (mirrors cronjob utils mostRecentScheduleTime and
// getJobName): the latest activation not after now since the last schedule (or creation, or
// now - startingDeadlineSeconds when later), and how many were missed on the way.
import type { CronSchedule } from './cron-schedule.js';

export interface ScheduleInput {
  /** lastScheduleTime, else creationTimestamp (ms). */
  earliestMs: number;
  nowMs: number;
  startingDeadlineSeconds?: number | null;
}

export interface ScheduleResult {
  /** The time to run for, if any is due. */
  scheduledMs?: number;
  /** Activations between earliest and now (more than 100: upstream warns TooManyMissedTimes). */
  missed: number;
  /** The activation after now (for the requeue). */
  nextMs: number;
}

export function mostRecentScheduleTime(schedule: CronSchedule, o: ScheduleInput): ScheduleResult {
  let earliest = o.earliestMs;
  if (o.startingDeadlineSeconds !== undefined && o.startingDeadlineSeconds !== null) {
    earliest = Math.max(earliest, o.nowMs - o.startingDeadlineSeconds * 1000);
  }
  const t1 = schedule.next(earliest);
  if (t1 > o.nowMs) return { missed: 0, nextMs: t1 };
  const t2 = schedule.next(t1);
  if (t2 > o.nowMs) return { scheduledMs: t1, missed: 1, nextMs: t2 };
  // Many missed: estimate with the gap between the first two, then walk to the exact latest one.
  const gap = Math.max(1, t2 - t1);
  const missed = Math.floor((o.nowMs - t1) / gap) + 1;
  let t = Math.max(t1, t1 + (missed - 2) * gap - 1);
  let latest = t1;
  for (t = schedule.next(t); t <= o.nowMs; t = schedule.next(t)) latest = t;
  return { scheduledMs: latest, missed, nextMs: t };
}

/** `<cronjob>-<scheduled time in minutes since the epoch>` (getJobName / getTimeHashInMinutes). */
export function jobNameFor(cronJobName: string, scheduledMs: number): string {
  return `${cronJobName}-${Math.floor(scheduledMs / 60_000)}`;
}

/** RFC 3339 of `ms` in `zone` (the scheduled-timestamp annotation), e.g. 2024-01-01T09:00:00+01:00. */
export function rfc3339InZone(ms: number, zone?: string): string {
  if (!zone || zone === 'UTC' || zone === 'Etc/UTC') return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const wall = Date.UTC(Number(get('year')), Number(get('month')) - 1, Number(get('day')), Number(get('hour')), Number(get('minute')), Number(get('second')));
  const offMin = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offMin < 0 ? '-' : '+';
  const abs = Math.abs(offMin);
  const off = offMin === 0 ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${off}`;
}
