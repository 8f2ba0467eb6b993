// Records core/v1 Events as client-go's record.EventRecorder does, with its EventCorrelator:
// - an Event is named `<object name>.<unix nanos in hex>`, lives in the object's namespace
//   ('default' for cluster-scoped objects) and carries source.component/host and
//   reportingComponent/reportingInstance;
// - the same (source, involvedObject, type, reason, message) seen again increments `count` and
//   moves `lastTimestamp` on the existing Event with a patch instead of creating another (the
//   correlator's eventLogger, an LRU of 4096 keys); if that Event is gone (TTL), it is created again;
// - more than 10 different messages for one (source, object, type, reason) within 10 minutes are
//   folded into one Event "(combined from similar events): <latest message>" (the EventAggregator).
// - then the spam filter (event-spam-filter.ts): 25 events per (source, object), then one per 5 minutes;
//   a filtered event is counted (the next one written carries the count) but not written.
// Not mirrored: retries of failed writes (they are logged).
// Recording never blocks nor throws: writes run in the background, one at a time; flush() awaits them.
import type { Client, KubeObject, ResourceClient } from './client.js';
import { realClock, type Clock } from './clock.js';
import { EventSpamFilter } from './event-spam-filter.js';
import { setRecent } from './lru-map.js';
import { silentLogger, type ClientLogger } from './logger.js';
import { events } from './resource-types.js';
import { isNotFound } from './transport.js';

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface CoreEvent extends KubeObject {
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: 'Normal' | 'Warning';
  reportingComponent: string;
  reportingInstance: string;
}

export interface EventRecorderOptions {
  client: Client;
  /** source.component and reportingComponent, e.g. `default-scheduler`, `replicaset-controller`. */
  component: string;
  /** source.host and reportingInstance (the node name for kubelets). */
  host?: string;
  clock?: Clock;
  log?: ClientLogger;
}

/** The correlator's limits, as upstream's defaults. */
const MAX_SIMILAR = 10;
const AGGREGATE_WINDOW_MS = 600_000;
const COMBINED_PREFIX = '(combined from similar events): ';

interface Seen {
  name: string;
  namespace: string;
  count: number;
  firstTimestamp: string;
}

export class EventRecorder {
  private readonly events: ResourceClient<CoreEvent>;
  private readonly clock: Clock;
  private readonly log: ClientLogger;
  private readonly seen = new Map<string, Seen>();
  private readonly similar = new Map<string, { messages: Set<string>; last: number }>();
  private readonly spam: EventSpamFilter;
  private writes: Promise<void> = Promise.resolve();
  private lastMs = 0;
  private sequence = 0;

  constructor(private readonly o: EventRecorderOptions) {
    this.events = o.client.resource<CoreEvent>(events);
    this.clock = o.clock ?? realClock;
    this.spam = new EventSpamFilter(this.clock);
    this.log = o.log ?? silentLogger;
  }

  /** Record an event about `object` (an API object or a reference to one). Never blocks. */
  event(object: KubeObject | ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const ref = referenceOf(object);
    const now = this.clock.now();
    const source = { component: this.o.component, ...(this.o.host ? { host: this.o.host } : {}) };
    const spamKey = JSON.stringify([source.component, source.host ?? '', ref.kind, ref.namespace, ref.name, ref.uid, ref.apiVersion]);
    const objectKey = JSON.stringify([spamKey, type, reason]);
    let key = JSON.stringify([objectKey, ref.fieldPath ?? '', message]);
    if (this.isSimilarFlood(objectKey, message, now)) {
      key = objectKey;
      message = COMBINED_PREFIX + message;
    }
    const timestamp = metaTime(now);
    const prev = this.seen.get(key);
    const seen: Seen = prev
      ? { ...prev, count: prev.count + 1 }
      : { name: `${ref.name}.${this.nanosHex(now)}`, namespace: ref.namespace || 'default', count: 1, firstTimestamp: timestamp };
    setRecent(this.seen, key, seen);
    if (!this.spam.allow(spamKey)) return;
    const event: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: seen.name, namespace: seen.namespace },
      involvedObject: ref,
      reason,
      message,
      source,
      firstTimestamp: seen.firstTimestamp,
      lastTimestamp: timestamp,
      count: seen.count,
      type,
      reportingComponent: this.o.component,
      reportingInstance: this.o.host ?? '',
    };
    this.writes = this.writes.then(() => this.write(event, seen.count > 1));
  }

  /** Resolves when every event recorded so far has been written (or failed). */
  flush(): Promise<void> {
    return this.writes;
  }

  private async write(event: CoreEvent, existing: boolean): Promise<void> {
    const ns = event.metadata!.namespace!;
    try {
      if (existing) {
        try {
          const patch = { count: event.count, lastTimestamp: event.lastTimestamp, message: event.message };
          await this.events.patch(event.metadata!.name!, patch, { namespace: ns, type: 'strategic' });
          return;
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
      await this.events.create(event, { namespace: ns });
    } catch (err) {
      this.log.warn({ err, event: event.metadata!.name, reason: event.reason }, 'could not write event');
    }
  }

  /** The aggregator: true once MAX_SIMILAR distinct messages for this object key came within the window. */
  private isSimilarFlood(objectKey: string, message: string, now: number): boolean {
    let record = this.similar.get(objectKey);
    if (!record || now - record.last > AGGREGATE_WINDOW_MS) record = { messages: new Set(), last: now };
    record.messages.add(message);
    record.last = now;
    setRecent(this.similar, objectKey, record);
    if (record.messages.size < MAX_SIMILAR) return false;
    record.messages.delete(record.messages.values().next().value!);
    return true;
  }

  /** Unix nanoseconds in hex; the clock has milliseconds, so events within one are told apart by a sequence. */
  private nanosHex(ms: number): string {
    this.sequence = ms === this.lastMs ? this.sequence + 1 : 0;
    this.lastMs = ms;
    return (BigInt(ms) * 1_000_000n + BigInt(this.sequence)).toString(16);
  }
}

/** A reference to `object` (client-go's reference.GetReference), or the reference itself. */
function referenceOf(object: KubeObject | ObjectReference): ObjectReference {
  if (!('metadata' in object) || !object.metadata) return { ...(object as ObjectReference) };
  const m = object.metadata;
  const ref: ObjectReference = { kind: object.kind, namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: object.apiVersion, resourceVersion: m.resourceVersion };
  for (const k of Object.keys(ref) as Array<keyof ObjectReference>) if (ref[k] === undefined) delete ref[k];
  return ref;
}

/** metav1.Time on the wire: RFC 3339 in whole seconds. */
const metaTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
