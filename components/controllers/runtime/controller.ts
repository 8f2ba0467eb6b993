// The controller contract (STYLE.md: controller-runtime's smallest shape): a controller sets up its
// informer handlers, which only enqueue keys, and reconciles one key at a time, level-based and
// idempotent, reading caches rather than events. A thrown error retries the key with per-key backoff;
// `requeueAfter` asks for another look later (a deadline, a delayed check).
import type { Client } from '../../client/client.js';
import type { Clock } from '../../client/clock.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { ClientLogger } from '../../client/logger.js';
import type { SharedInformerFactory } from '../../client/shared-informer-factory.js';

export interface ControllerContext {
  client: Client;
  informers: SharedInformerFactory;
  /** An event recorder reporting as `component` (e.g. `replicaset-controller`). */
  recorder(component: string): EventRecorder;
  clock: Clock;
  log: ClientLogger;
}

export interface ReconcileResult {
  /** Look at the key again after this many milliseconds. */
  requeueAfter?: number;
}

export interface Controller {
  /** Upstream's controller name, e.g. `replicaset-controller` (logs, events, leader election). */
  readonly name: string;
  /** Concurrent reconciles (upstream's --concurrent-*-syncs); default 1. */
  readonly workers?: number;
  /** Register informer handlers that call `enqueue(key)`; informers asked for here are started by the manager. */
  setup(ctx: ControllerContext, enqueue: (key: string) => void): void;
  /** Make the world match the desired state for `key` (`namespace/name` or `name`). */
  reconcile(key: string, signal: AbortSignal): Promise<ReconcileResult | void>;
}

/** `namespace/name` of an object (or `name` for cluster-scoped ones), as client-go's MetaNamespaceKeyFunc. */
export function keyOf(obj: { metadata?: { namespace?: string; name?: string } }): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : (m.name ?? '');
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}
