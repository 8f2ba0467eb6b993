// One informer per resource per process, handed to every consumer (client-go's
// SharedInformerFactory): the scheduler and every controller that read pods share one list, one
// watch and one cache. start(signal) runs the informers made so far; informers asked for later need
// another start (as client-go's Start). They all stop when the signal aborts.
import type { Client, KubeObject, ResourceType } from './client.js';
import type { Clock } from './clock.js';
import { Informer } from './informer.js';
import type { ClientLogger } from './logger.js';

export interface SharedInformerFactoryOptions {
  /** The default resync period of handlers (0: none). */
  resyncPeriodMs?: number;
  /** Watch one namespace only (all by default). */
  namespace?: string;
  clock?: Clock;
  log?: ClientLogger;
}

export class SharedInformerFactory {
  private readonly informers = new Map<string, Informer<KubeObject>>();
  private readonly started = new Set<string>();

  constructor(
    private readonly client: Client,
    private readonly o: SharedInformerFactoryOptions = {},
  ) {}

  /** The informer of `type`, made on first request; the same instance for every caller. */
  informerFor<T extends KubeObject>(type: ResourceType): Informer<T> {
    const key = informerKey(type);
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new Informer<KubeObject>({
        source: this.client.resource<KubeObject>(type),
        namespace: this.o.namespace,
        resyncPeriodMs: this.o.resyncPeriodMs,
        clock: this.o.clock,
        log: this.o.log,
      });
      this.informers.set(key, informer);
    }
    return informer as unknown as Informer<T>;
  }

  /** Run every informer not yet running, until `signal` aborts. Never blocks. */
  start(signal: AbortSignal): void {
    for (const [key, informer] of this.informers) {
      if (this.started.has(key)) continue;
      this.started.add(key);
      void informer.run(signal);
    }
  }

  /** Resolves true when every informer made so far has synced, false if `signal` aborts first. */
  async waitForCacheSync(signal?: AbortSignal): Promise<boolean> {
    const results = await Promise.all([...this.informers.values()].map((i) => i.waitForSync(signal)));
    return results.every(Boolean);
  }
}

const informerKey = (t: ResourceType) => `${t.group}/${t.version}/${t.plural}`;
