import { eventColumns, eventView, involvedField } from '../columns/event.js';
import type { ResourceEntry } from '../types.js';

/** The events.k8s.io view of the same stored events as core/v1 events. */
export const events: ResourceEntry = {
  group: 'events.k8s.io',
  versions: ['v1'],
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  storagePrefix: '/registry/events',
  model: 'EventsV1Event',
  columns: eventColumns,
  // Upstream's events.k8s.io field labels, mapped onto the stored (core) fields.
  fieldSelectors: {
    'regarding.kind': involvedField('kind'),
    'regarding.namespace': involvedField('namespace'),
    'regarding.name': involvedField('name'),
    'regarding.uid': involvedField('uid'),
    'regarding.apiVersion': involvedField('apiVersion'),
    'regarding.resourceVersion': involvedField('resourceVersion'),
    'regarding.fieldPath': involvedField('fieldPath'),
    reason: (o) => eventView(o).reason,
    reportingController: (o) => eventView(o).reportingController,
    type: (o) => eventView(o).type,
  },
};
