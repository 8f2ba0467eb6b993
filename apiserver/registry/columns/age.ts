// AGE placed by the entry itself, for kinds where upstream prints default columns after it
// (nodes: VERSION; certificatesigningrequests; priorityclasses; flowschemas). The table code adds
// its own AGE after the entry's default columns only when the entry has no `Age` column.
import type { TableColumn } from '../types.js';
import { since } from './human-duration.js';

export const ageColumn: TableColumn = {
  name: 'Age',
  type: 'string',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
  cell: (o, now) => since(o.metadata?.creationTimestamp, now),
};
