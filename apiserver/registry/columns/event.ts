// Events print and select the same whether written as core/v1 or events.k8s.io/v1 (one storage,
// two shapes): `eventView` reads either shape into the core field names upstream's printEvent uses.
import type { CoreV1Event, EventsV1Event, V1ObjectReference } from '@kubernetes/client-node';
import type { KubeObject, TableColumn } from '../types.js';
import { since, toDate } from './human-duration.js';

export interface EventView {
  involvedObject: V1ObjectReference;
  reason: string;
  message: string;
  type: string;
  sourceComponent: string;
  sourceHost: string;
  reportingController: string;
  reportingInstance: string;
  firstTimestamp?: Date;
  lastTimestamp?: Date;
  eventTime?: Date;
  /** Set for a recurring event (`series`): its last observation and count replace the others. */
  series?: { lastObserved?: Date; count: number };
  count?: number;
}

export function eventView(obj: KubeObject): EventView {
  const core = obj as unknown as CoreV1Event;
  const ev = obj as unknown as EventsV1Event;
  const series = core.series ?? ev.series;
  return {
    involvedObject: core.involvedObject ?? ev.regarding ?? {},
    reason: core.reason ?? '',
    message: core.message ?? ev.note ?? '',
    type: core.type ?? '',
    sourceComponent: core.source?.component ?? ev.deprecatedSource?.component ?? '',
    sourceHost: core.source?.host ?? ev.deprecatedSource?.host ?? '',
    reportingController: core.reportingComponent ?? ev.reportingController ?? '',
    reportingInstance: core.reportingInstance ?? '',
    firstTimestamp: toDate(core.firstTimestamp ?? ev.deprecatedFirstTimestamp),
    lastTimestamp: toDate(core.lastTimestamp ?? ev.deprecatedLastTimestamp),
    eventTime: toDate(core.eventTime ?? ev.eventTime),
    series: series ? { lastObserved: toDate(series.lastObservedTime), count: series.count ?? 0 } : undefined,
    count: core.count ?? ev.deprecatedCount,
  };
}

/** A field selector value: one field of the object the event is about (involvedObject / regarding). */
export function involvedField(field: keyof V1ObjectReference): (o: KubeObject) => string {
  return (o) => eventView(o).involvedObject[field] ?? '';
}

/** FIRST SEEN: firstTimestamp, else eventTime. */
export function eventFirstSeen(e: EventView, now: Date): string {
  return since(e.firstTimestamp ?? e.eventTime, now);
}

/** LAST SEEN: the series' last observation, else lastTimestamp, else FIRST SEEN. */
export function eventLastSeen(e: EventView, now: Date): string {
  if (e.series) return since(e.series.lastObserved, now);
  return e.lastTimestamp ? since(e.lastTimestamp, now) : eventFirstSeen(e, now);
}

/** COUNT: the series count, else count, and 1 for singleton events of the new API. */
export function eventCount(e: EventView): number {
  if (e.series) return e.series.count;
  return e.count ? e.count : 1;
}

/** OBJECT: `pod/web-1`, or just the lower-case kind. */
export function eventObject(e: EventView): string {
  const kind = (e.involvedObject.kind ?? '').toLowerCase();
  return e.involvedObject.name ? `${kind}/${e.involvedObject.name}` : kind;
}

/** SOURCE: `component, host`, falling back to the reporting controller and instance. */
export function eventSource(e: EventView): string {
  const component = e.sourceComponent || e.reportingController;
  const host = e.sourceHost || e.reportingInstance;
  return host ? `${component}, ${host}` : component;
}

/** Columns of core and events.k8s.io events alike, in upstream's order (wide ones interleaved). */
export const eventColumns: TableColumn[] = [
  { name: 'Last Seen', type: 'string', description: 'The time at which the event was last observed.', cell: (o, now) => eventLastSeen(eventView(o), now) },
  { name: 'Type', type: 'string', description: 'Type of this event (Normal, Warning).', cell: (o) => eventView(o).type },
  { name: 'Reason', type: 'string', description: 'Short, machine understandable reason for the event.', cell: (o) => eventView(o).reason },
  { name: 'Object', type: 'string', description: 'The object this event is about.', cell: (o) => eventObject(eventView(o)) },
  {
    name: 'Subobject',
    type: 'string',
    priority: 1,
    description: 'The part of the object this event is about, e.g. a container.',
    cell: (o) => eventView(o).involvedObject.fieldPath ?? '',
  },
  { name: 'Source', type: 'string', priority: 1, description: 'The component reporting this event.', cell: (o) => eventSource(eventView(o)) },
  { name: 'Message', type: 'string', description: 'A human-readable description of the event.', cell: (o) => eventView(o).message.trim() },
  { name: 'First Seen', type: 'string', priority: 1, description: 'The time at which the event was first recorded.', cell: (o, now) => eventFirstSeen(eventView(o), now) },
  { name: 'Count', type: 'string', priority: 1, description: 'The number of times this event has occurred.', cell: (o) => eventCount(eventView(o)) },
];
