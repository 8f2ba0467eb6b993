// Runs controllers (kube-controller-manager's loop): each gets its own work queue and workers; the
// manager starts the shared informers, waits for their caches, then hands keys to reconcile. A key is
// never reconciled twice at once; failures back off per key; everything stops with the signal.
import { WorkQueue } from '../../client/work-queue.js';
import type { Controller, ControllerContext } from './controller.js';

export class ControllerManager {
  private readonly controllers: Controller[] = [];

  constructor(private readonly ctx: ControllerContext) {}

  add(controller: Controller): this {
    this.controllers.push(controller);
    return this;
  }

  /** Sets up every controller, starts informers, and runs workers until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    const queues = this.controllers.map((c) => {
      const queue = new WorkQueue<string>({ clock: this.ctx.clock });
      c.setup(this.ctx, (key) => queue.add(key));
      return { c, queue };
    });
    this.ctx.informers.start(signal);
    if (!(await this.ctx.informers.waitForCacheSync(signal))) return;
    signal.addEventListener('abort', () => queues.forEach((q) => q.queue.shutDown()), { once: true });
    await Promise.all(queues.flatMap(({ c, queue }) => Array.from({ length: c.workers ?? 1 }, () => this.worker(c, queue, signal))));
  }

  private async worker(c: Controller, queue: WorkQueue<string>, signal: AbortSignal): Promise<void> {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      try {
        const result = await c.reconcile(key, signal);
        queue.forget(key);
        if (result?.requeueAfter !== undefined) queue.addAfter(key, result.requeueAfter);
      } catch (err) {
        if (signal.aborted) return;
        this.ctx.log.warn({ controller: c.name, key, err: (err as Error).message }, "reconcile failed, will retry");
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  }
}
