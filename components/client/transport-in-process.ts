// The in-process transport: requests go straight into the apiserver of this process (ApiServer.local),
// with no TLS and no sockets, yet through the same authorization, admission and storage as HTTPS,
// under the component's own identity (the LocalApi was made for it). Used by the components that
// `k8ts server` runs; only types are imported from the apiserver, never its code.
import type { LocalApi } from '../../apiserver/server.js';
import type { Readable } from 'node:stream';
import { ApiError, type Transport, type TransportRequest, type TransportResponse, type WatchEvent } from './transport.js';

export class InProcessTransport implements Transport {
  constructor(private readonly api: LocalApi) {}

  async request(req: TransportRequest, signal?: AbortSignal): Promise<TransportResponse> {
    const res = await this.api.request(this.toLocal(req), signal);
    if (res.stream) res.stream.destroy(); // not asked for; never leave a watch open
    if (res.status < 200 || res.status > 299) throw ApiError.from(res.status, res.body);
    return { status: res.status, body: res.body, warnings: res.warnings };
  }

  async watch(req: TransportRequest, signal: AbortSignal): Promise<AsyncIterable<WatchEvent>> {
    const res = await this.api.request({ ...this.toLocal(req), objectEvents: true }, signal);
    if (res.status !== 200 || !res.stream) throw ApiError.from(res.status, res.body);
    return objectEvents(res.stream, signal);
  }

  private toLocal(req: TransportRequest) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (req.body !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
    return { method: req.method, path: req.path, query: req.query?.toString() ?? '', headers, body: req.body };
  }
}

/** The events of an object-mode watch stream, until it ends or `signal` aborts. */
async function* objectEvents(stream: Readable, signal: AbortSignal): AsyncGenerator<WatchEvent> {
  const stop = () => stream.destroy();
  if (signal.aborted) return stop();
  signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const ev of stream) yield ev as WatchEvent;
  } catch {
    // an abort: the watch is over
  } finally {
    signal.removeEventListener('abort', stop);
    stream.destroy();
  }
}
