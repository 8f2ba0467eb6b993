// GET a collection with watch=true: newline-delimited JSON events on a chunked 200 response.
// resourceVersion unset or "0": the current objects as ADDED first, then changes; "N": changes after N;
// compacted history ends the stream with an ERROR event (410 Expired), as upstream's watch cache does.
import { servedAs } from '../crd/custom-decode.js';
import { PassThrough } from 'node:stream';
import { badRequest, type StatusError } from '../errors.js';
import type { KubeObject } from '../registry/types.js';
import { parseRv } from '../storage/object-store.js';
import type { ApiContext } from './context.js';
import { buildPredicate, nodeNameTrigger } from './selection.js';
import { toTable, wantsTable } from './table.js';

export interface WatchStream {
  stream: PassThrough;
  contentType: string;
}

const BOOKMARK_INTERVAL_MS = 60_000;

export async function watch(ctx: ApiContext, signal: AbortSignal): Promise<WatchStream> {
  const q = ctx.query;
  const rvParam = q.get('resourceVersion') ?? '';
  const sendInitial = q.get('sendInitialEvents') === 'true';
  const bookmarks = q.get('allowWatchBookmarks') === 'true';
  if (sendInitial && (q.get('resourceVersionMatch') !== 'NotOlderThan' || !bookmarks)) {
    throw badRequest('sendInitialEvents requires setting resourceVersionMatch to NotOlderThan and allowWatchBookmarks to true');
  }
  const predicate = buildPredicate(ctx);
  const timeout = Math.min(Number(q.get('timeoutSeconds') ?? 1800) || 1800, 3600) * 1000;
  const ns = ctx.entry.namespaced ? ctx.info.namespace : undefined;
  const table = wantsTable(ctx.accept);
  const objects = ctx.objectEvents === true;
  const stream = objects ? new PassThrough({ objectMode: true }) : new PassThrough();
  let headerSent = false;
  const encode = (obj: KubeObject) => {
    if (!table) return servedAs(ctx.entry, ctx.version, obj);
    const t = toTable(ctx, [obj], { resourceVersion: obj.metadata?.resourceVersion ?? '' }, !headerSent);
    headerSent = true;
    return t;
  };
  const send = (type: string, object: unknown) => {
    if (!stream.writableEnded) stream.write(objects ? { type, object } : JSON.stringify({ type, object }) + '\n');
  };

  let from: number;
  const initial: KubeObject[] = [];
  if (rvParam === '' || rvParam === '0' || sendInitial) {
    const listed = await ctx.store.list(ctx.entry, ns, { predicate });
    initial.push(...listed.items);
    from = Number(listed.resourceVersion);
  } else {
    from = parseRv(rvParam);
  }
  let last = from;
  const kindMeta = { kind: ctx.entry.kind, apiVersion: ctx.entry.group ? `${ctx.entry.group}/${ctx.version}` : ctx.version };
  for (const obj of initial) send('ADDED', encode(obj));
  if (sendInitial) {
    send('BOOKMARK', { ...kindMeta, metadata: { resourceVersion: String(from), annotations: { 'k8s.io/initial-events-end': 'true' } } });
  }

  const cancel = ctx.store.watch(ctx.entry, ns, { resourceVersion: from, predicate, nodeName: nodeNameTrigger(ctx) }, {
    event: (type, obj) => {
      last = Number(obj.metadata?.resourceVersion ?? last);
      send(type, encode(obj));
    },
    error: (err: StatusError) => {
      send('ERROR', err.toStatus());
      finish();
    },
  });
  const ticker = bookmarks
    ? setInterval(() => send('BOOKMARK', { ...kindMeta, metadata: { resourceVersion: String(last) } }), BOOKMARK_INTERVAL_MS)
    : undefined;
  const timer = setTimeout(() => finish(), timeout);
  function finish() {
    cancel();
    clearTimeout(timer);
    if (ticker) clearInterval(ticker);
    if (!stream.writableEnded) stream.end();
  }
  signal.addEventListener('abort', finish, { once: true });
  stream.on('close', finish);
  return { stream, contentType: 'application/json' };
}
