// A CustomResourceDefinition as a registry entry: what the CRD's spec says is served (group, served versions
// in upstream's priority order, names, scope, subresources, printer columns) plus the schemas the request
// pipeline validates, prunes and defaults with. Pure: the CRD controller adds and removes the entries.
import type { ResourceEntry, SubresourceEntry, TableColumn } from '../registry/types.js';
import type { JSONSchemaProps } from './json-schema.js';
import { printerColumns, type PrinterColumn } from './printer-columns.js';
import { customResourceStrategy } from './custom-resource-strategy.js';
import { customResourceShapes } from './apply-shape.js';
import { compareKubeVersions } from './version-priority.js';

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  schema?: { openAPIV3Schema?: JSONSchemaProps };
  subresources?: {
    status?: Record<string, never>;
    scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  };
  additionalPrinterColumns?: PrinterColumn[];
}

export interface CrdNames {
  plural: string;
  singular?: string;
  kind: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

export interface Crd {
  metadata: { name: string; uid?: string; deletionTimestamp?: string; finalizers?: string[] };
  spec: { group: string; names: CrdNames; scope: 'Namespaced' | 'Cluster'; versions: CrdVersion[] };
  status?: { conditions?: Array<Record<string, unknown>>; acceptedNames?: CrdNames; storedVersions?: string[] };
}

/** What the request pipeline needs to know of a custom resource beyond the generic entry. */
export interface CustomResourceInfo {
  /** The CRD's name (`crontabs.stable.example.com`). */
  crdName: string;
  storageVersion: string;
  versions: Record<string, { schema?: JSONSchemaProps; columns: TableColumn[]; deprecated?: boolean; deprecationWarning?: string }>;
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
}

/** The model name a custom resource's entry carries: no client-node model has it, so model-driven code skips it. */
export const customModel = (group: string, kind: string) => `custom:${group}/${kind}`;

export function customResourceEntry(crd: Crd): ResourceEntry {
  const { spec } = crd;
  const served = spec.versions.filter((v) => v.served).map((v) => v.name);
  served.sort(compareKubeVersions);
  const storage = spec.versions.find((v) => v.storage)?.name ?? served[0]!;
  const withStatus = spec.versions.some((v) => v.served && v.subresources?.status);
  const scale = spec.versions.find((v) => v.served && v.subresources?.scale)?.subresources?.scale;
  const subresources: SubresourceEntry[] = [];
  if (withStatus) subresources.push({ name: 'status', kind: spec.names.kind, verbs: ['get', 'patch', 'update'] });
  if (scale) subresources.push({ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] });
  const versions: CustomResourceInfo['versions'] = {};
  for (const v of spec.versions) {
    if (!v.served) continue;
    const info: CustomResourceInfo['versions'][string] = { columns: printerColumns(v.additionalPrinterColumns) };
    if (v.schema?.openAPIV3Schema) info.schema = v.schema.openAPIV3Schema;
    if (v.deprecated) info.deprecated = true;
    if (v.deprecationWarning) info.deprecationWarning = v.deprecationWarning;
    versions[v.name] = info;
  }
  const custom: CustomResourceInfo = { crdName: crd.metadata.name, storageVersion: storage, versions };
  if (scale) custom.scale = scale;
  const entry: ResourceEntry = {
    group: spec.group,
    versions: served,
    kind: spec.names.kind,
    plural: spec.names.plural,
    singular: spec.names.singular || spec.names.kind.toLowerCase(),
    namespaced: spec.scope === 'Namespaced',
    storagePrefix: `/registry/${spec.group}/${spec.names.plural}`,
    model: customModel(spec.group, spec.names.kind),
    hasStatus: withStatus,
    subresources,
    custom,
    strategy: customResourceStrategy(custom),
    fieldShape: customResourceShapes(custom),
  };
  if (spec.names.shortNames?.length) entry.shortNames = spec.names.shortNames;
  if (spec.names.categories?.length) entry.categories = spec.names.categories;
  return entry;
}
