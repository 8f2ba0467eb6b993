// The column of upstream's default table convertor, used by kinds without a printer of their own
// (roles, clusterroles, limitranges, customresourcedefinitions): the creation time as a date.
import type { TableColumn } from '../types.js';

export const createdAtColumn: TableColumn = {
  name: 'Created At',
  type: 'date',
  description: 'The date and time at which the object was created',
  cell: (o) => {
    const t: unknown = o.metadata?.creationTimestamp;
    if (t instanceof Date) return t.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return typeof t === 'string' && t !== '' ? t : null;
  },
};
