// etcdserverpb.Watch: one bidirectional stream carries many watches, told apart by watch_id.
// Responses: `created` first, then event batches; `canceled` (with compact_revision when history is gone)
// last. Progress: a WatchProgressRequest gets one response with watch_id -1 (etcd's broadcast id), and
// watches created with progress_notify get an empty response with the current revision every interval
// in which they received nothing.
import type * as grpc from '@grpc/grpc-js';
import type { Backend, Watch, WatchEvent } from '../backend.js';
import { CompactedError } from '../errors.js';
import { header } from './header.js';
import { eventToWire, num } from './wire.js';

interface WireWatchRequest {
  request_union?: 'create_request' | 'cancel_request' | 'progress_request';
  create_request?: {
    key: Buffer;
    range_end: Buffer;
    start_revision: string;
    progress_notify: boolean;
    filters: number[];
    prev_kv: boolean;
    watch_id: string;
  };
  cancel_request?: { watch_id: string };
  progress_request?: object;
}

interface StreamWatch {
  watch: Watch;
  progressNotify: boolean;
  quiet: boolean;
}

export interface WatchServiceOptions {
  /** Interval of progress notifications (kine's default, 5 s; etcd's is 10 min). */
  progressNotifyIntervalMs?: number;
}

export function watchService(backend: Backend, options: WatchServiceOptions = {}) {
  const interval = options.progressNotifyIntervalMs ?? 5000;
  return {
    Watch: (call: grpc.ServerDuplexStream<WireWatchRequest, object>) => {
      const watches = new Map<number, StreamWatch>();
      let nextId = 0;
      let lastRevision = 0;
      const send = (msg: { header: { revision: number } } & Record<string, unknown>) => {
        lastRevision = Math.max(lastRevision, msg.header.revision);
        msg.header = header(lastRevision);
        if (!call.writableEnded && !call.destroyed) call.write(msg);
      };

      // The revision every watch on this stream has caught up to, or undefined if one is still replaying.
      const synced = async (only?: StreamWatch): Promise<number | undefined> => {
        let revision = await backend.currentRevision();
        for (const w of only ? [only] : watches.values()) {
          const p = w.watch.progress ? w.watch.progress() : revision;
          if (p === undefined) return undefined;
          revision = Math.min(revision, p);
        }
        return revision;
      };
      const timer = setInterval(async () => {
        for (const [id, w] of watches) {
          if (w.progressNotify && w.quiet) {
            const revision = await synced(w);
            if (revision !== undefined) send({ header: { revision }, watch_id: id });
          }
          w.quiet = true;
        }
      }, interval);
      timer.unref();

      const create = async (req: NonNullable<WireWatchRequest['create_request']>) => {
        let id = num(req.watch_id);
        if (id !== 0 && watches.has(id)) {
          send({ header: { revision: await backend.currentRevision() }, watch_id: id, created: true, canceled: true, cancel_reason: 'mvcc: duplicate watch ID provided on the WatchStream' });
          return;
        }
        if (id === 0) {
          while (watches.has(nextId)) nextId++;
          id = nextId++;
        }
        const filters = (req.filters ?? []).map((f) => (num(f) === 0 ? 'put' : 'delete') as 'put' | 'delete');
        const entry: StreamWatch = { watch: { cancel: () => undefined }, progressNotify: req.progress_notify, quiet: true };
        watches.set(id, entry);
        send({ header: { revision: await backend.currentRevision() }, watch_id: id, created: true });
        entry.watch = backend.watch(
          req.key,
          {
            rangeEnd: req.range_end?.length ? req.range_end : undefined,
            startRevision: num(req.start_revision),
            prevKv: req.prev_kv,
            filters,
          },
          {
            events: (events: WatchEvent[], revision: number) => {
              entry.quiet = false;
              send({ header: { revision }, watch_id: id, events: events.map(eventToWire) });
            },
            error: (err: Error) => {
              watches.delete(id);
              const compact = err instanceof CompactedError ? err.compactRevision : 0;
              send({
                header: { revision: lastRevision },
                watch_id: id,
                canceled: true,
                compact_revision: compact,
                cancel_reason: err.message,
              });
            },
          },
        );
      };

      call.on('data', (req: WireWatchRequest) => {
        if (req.create_request) {
          void create(req.create_request).catch((err) => call.destroy(err as Error));
        } else if (req.cancel_request) {
          const id = num(req.cancel_request.watch_id);
          const w = watches.get(id);
          if (w) {
            w.watch.cancel();
            watches.delete(id);
            send({ header: { revision: lastRevision }, watch_id: id, canceled: true });
          }
        } else if (req.progress_request) {
          // Answer once every watch on the stream has caught up (as kine, checking every 100 ms).
          const answer = async () => {
            const revision = await synced();
            if (revision !== undefined) send({ header: { revision }, watch_id: -1 });
            else if (!call.destroyed) setTimeout(() => void answer(), 100).unref();
          };
          void answer();
        }
      });
      const end = () => {
        clearInterval(timer);
        for (const w of watches.values()) w.watch.cancel();
        watches.clear();
      };
      call.on('end', () => {
        end();
        call.end();
      });
      call.on('error', end);
      call.on('close', end);
    },
  };
}
