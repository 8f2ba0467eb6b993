// Watches over the revision log. A watch from a past revision first replays the stored history (in
// chunks, yielding to the event loop between them), then follows commits live. Commits reach live
// watchers synchronously from the log's commit hook, so delivery costs no polling delay.
//
// Replay and live delivery cannot overlap or skip: both run on the one JS thread, the log publishes a
// commit in the same synchronous step that makes it readable, and a watcher switches to live only in
// the same step as its last replay read.
import type { Watch, WatchEvent, WatchListener, WatchOptions } from './backend.js';
import { CompactedError } from './errors.js';
import type { RevisionLog } from './log.js';
import { rangeBounds } from './ops/read-view.js';
import { joinedRowToEvent } from './rows.js';

const REPLAY_CHUNK = 1000;

interface Watcher {
  matches(key: Buffer): boolean;
  options: WatchOptions;
  listener: WatchListener;
  /** Last revision delivered (or skipped as not matching). */
  cursor: number;
  live: boolean;
  cancelled: boolean;
}

export class WatchHub {
  private readonly watchers = new Set<Watcher>();
  private readonly unsubscribe: () => void;

  constructor(private readonly log: RevisionLog) {
    this.unsubscribe = log.onCommit((events, revision) => this.publish(events, revision));
  }

  watch(key: Buffer, options: WatchOptions, listener: WatchListener): Watch {
    const w: Watcher = {
      matches: matcher(key, options.rangeEnd),
      options,
      listener,
      cursor: options.startRevision ? options.startRevision - 1 : this.log.revision,
      live: !options.startRevision,
      cancelled: false,
    };
    this.watchers.add(w);
    if (!w.live) setImmediate(() => this.replay(w));
    return {
      cancel: () => {
        w.cancelled = true;
        this.watchers.delete(w);
      },
      progress: () => (w.live && !w.cancelled ? Math.max(w.cursor, this.log.revision) : undefined),
    };
  }

  close(): void {
    this.unsubscribe();
    for (const w of this.watchers) w.cancelled = true;
    this.watchers.clear();
  }

  private replay(w: Watcher): void {
    if (w.cancelled) return;
    if (w.cursor + 1 < this.log.compactRevision) {
      this.fail(w, new CompactedError(this.log.compactRevision));
      return;
    }
    const upTo = this.log.revision;
    const rows = this.log.dialect.after(w.cursor, upTo, REPLAY_CHUNK);
    const events: WatchEvent[] = [];
    for (const row of rows) if (w.matches(row.name)) events.push(joinedRowToEvent(row));
    const last = rows.length > 0 ? rows[rows.length - 1]!.id : upTo;
    if (rows.length === REPLAY_CHUNK) {
      w.cursor = last;
      this.deliver(w, events, last);
      setImmediate(() => this.replay(w));
      return;
    }
    // Caught up with everything committed so far: from here on, commits arrive through publish().
    w.cursor = Math.max(w.cursor, upTo);
    w.live = true;
    this.deliver(w, events, w.cursor);
  }

  private publish(events: WatchEvent[], revision: number): void {
    for (const w of this.watchers) {
      if (!w.live) continue;
      const mine = events.filter((e) => e.kv.modRevision > w.cursor && w.matches(e.kv.key));
      w.cursor = revision;
      this.deliver(w, mine, revision);
    }
  }

  private deliver(w: Watcher, events: WatchEvent[], revision: number): void {
    if (w.cancelled) return;
    const { filters, prevKv } = w.options;
    let out = filters?.length ? events.filter((e) => !filters.includes(e.type)) : events;
    if (!prevKv) out = out.map((e) => (e.prevKv ? { type: e.type, kv: e.kv } : e));
    if (out.length === 0) return;
    try {
      w.listener.events(out, revision);
    } catch (err) {
      this.fail(w, err as Error);
    }
  }

  private fail(w: Watcher, err: Error): void {
    w.cancelled = true;
    this.watchers.delete(w);
    w.listener.error(err);
  }
}

function matcher(key: Buffer, rangeEnd?: Buffer): (k: Buffer) => boolean {
  const b = rangeBounds(rangeEnd);
  if (b.single) return (k) => k.equals(key);
  const end = b.end;
  return end ? (k) => Buffer.compare(k, key) >= 0 && Buffer.compare(k, end) < 0 : (k) => Buffer.compare(k, key) >= 0;
}
