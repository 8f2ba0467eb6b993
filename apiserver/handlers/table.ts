// meta.k8s.io/v1 Table answers for `kubectl get` (Accept: ...;as=Table;...): NAME, the entry's columns,
// AGE, then its -o wide columns (priority 1), each row carrying the object's metadata.
import { humanDuration } from '../registry/columns/human-duration.js';
import type { KubeObject, TableColumn } from '../registry/types.js';
import type { ApiContext } from './context.js';

export function wantsTable(accept: string): boolean {
  return accept.split(',').some((part) => /;\s*as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
}

const NAME: TableColumn = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  cell: (o) => o.metadata?.name ?? '',
};

const AGE: TableColumn = {
  name: 'Age',
  type: 'string',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
  cell: (o, now) => (o.metadata?.creationTimestamp ? humanDuration(now.getTime() - Date.parse(o.metadata.creationTimestamp)) : '<unknown>'),
};

export function tableColumns(columns: TableColumn[] = [], exact = false): TableColumn[] {
  // A custom resource's columns are exactly its CRD's (which default to Age), as upstream.
  if (exact) return [NAME, ...columns.filter((c) => !c.priority), ...columns.filter((c) => c.priority)];
  // upstream's default table (Created At) has no Age beside it.
  const hasAge = columns.some((c) => c.name === 'Age' || c.name === 'Last Seen' || c.name === 'Created At');
  return [NAME, ...columns.filter((c) => !c.priority), ...(hasAge ? [] : [AGE]), ...columns.filter((c) => c.priority)];
}

export function toTable(ctx: ApiContext, objects: KubeObject[], meta: { resourceVersion: string; continue?: string; remainingItemCount?: number }, withHeader = true) {
  const custom = ctx.entry.custom?.versions[ctx.version];
  const columns = custom ? tableColumns(custom.columns, true) : tableColumns(ctx.entry.columns);
  const now = ctx.now();
  const include = ctx.query.get('includeObject') ?? 'Metadata';
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: meta,
    columnDefinitions: withHeader
      ? columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0 }))
      : undefined,
    rows: objects.map((o) => ({
      cells: columns.map((c) => c.cell(o, now) ?? ''),
      object:
        include === 'None'
          ? undefined
          : include === 'Object'
            ? o
            : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}

export function asTableIfAsked(ctx: ApiContext, objects: KubeObject[], resourceVersion: string): unknown {
  return wantsTable(ctx.accept) ? toTable(ctx, objects, { resourceVersion }) : undefined;
}
