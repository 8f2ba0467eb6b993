// A ListerWatcher driven by the test: it answers lists from `objects`, and each watch call gets a
// stream the test pushes events into (or a refusal), recording the options it was opened with.
import type { KubeObject, ListOptions, ObjectList, WatchOptions } from '../../../components/client/client.js';
import type { ListerWatcher } from '../../../components/client/informer.js';
import { ApiError, type WatchEvent } from '../../../components/client/transport.js';

export class FakeStream<T> implements AsyncIterable<WatchEvent<T>> {
  private readonly queued: Array<WatchEvent<T> | 'end'> = [];
  private wake?: () => void;
  ended = false;

  constructor(signal: AbortSignal) {
    if (signal.aborted) this.end();
    else signal.addEventListener('abort', () => this.end(), { once: true });
  }

  push(type: WatchEvent['type'], object: T): void {
    this.queued.push({ type, object });
    this.wake?.();
  }

  end(): void {
    this.queued.push('end');
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchEvent<T>> {
    try {
      for (;;) {
        while (this.queued.length === 0) await new Promise<void>((r) => (this.wake = r));
        const next = this.queued.shift()!;
        if (next === 'end') return;
        yield next;
      }
    } finally {
      this.ended = true;
    }
  }
}

export class FakeSource<T extends KubeObject> implements ListerWatcher<T> {
  objects: T[] = [];
  version = '10';
  lists: ListOptions[] = [];
  watches: Array<{ options: WatchOptions; stream: FakeStream<T> }> = [];
  /** Refuse the next watches with these errors, in order. */
  refusals: ApiError[] = [];
  private watchWaiters: Array<() => void> = [];

  async list(o: ListOptions): Promise<ObjectList<T>> {
    this.lists.push(o);
    return { metadata: { resourceVersion: this.version }, items: [...this.objects] };
  }

  async watch(options: WatchOptions, signal: AbortSignal): Promise<AsyncIterable<WatchEvent<T>>> {
    const refusal = this.refusals.shift();
    if (refusal) throw refusal;
    const stream = new FakeStream<T>(signal);
    this.watches.push({ options, stream });
    for (const w of this.watchWaiters.splice(0)) w();
    return stream;
  }

  /** Resolves when the n-th watch (1-based) has been opened. */
  async watchOpened(n: number): Promise<FakeStream<T>> {
    while (this.watches.length < n) await new Promise<void>((r) => this.watchWaiters.push(r));
    return this.watches[n - 1]!.stream;
  }
}

export const gone = () => new ApiError({ kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 1 (5)' });

export const cm = (name: string, rv: string, extra: Partial<KubeObject> = {}): KubeObject => ({
  kind: 'ConfigMap',
  apiVersion: 'v1',
  ...extra,
  metadata: { name, namespace: 'default', resourceVersion: rv, ...extra.metadata },
});
