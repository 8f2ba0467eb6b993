import { eventColumns, eventView, involvedField } from '../columns/event.js';
import type { ResourceEntry } from '../types.js';

export const events: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  model: 'CoreV1Event',
  columns: eventColumns,
  // Mirrors the event registry's selectable fields; `source` falls back to the reporting controller.
  fieldSelectors: {
    'involvedObject.kind': involvedField('kind'),
    'involvedObject.namespace': involvedField('namespace'),
    'involvedObject.name': involvedField('name'),
    'involvedObject.uid': involvedField('uid'),
    'involvedObject.apiVersion': involvedField('apiVersion'),
    'involvedObject.resourceVersion': involvedField('resourceVersion'),
    'involvedObject.fieldPath': involvedField('fieldPath'),
    reason: (o) => eventView(o).reason,
    reportingComponent: (o) => eventView(o).reportingController,
    source: (o) => eventView(o).sourceComponent || eventView(o).reportingController,
    type: (o) => eventView(o).type,
  },
};
