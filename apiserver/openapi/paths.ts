// The `paths` of an OpenAPI v3 document: for every resource of a group-version, the operations its verbs
// allow, on the namespaced, cluster and all-namespaces paths and on its subresources, each carrying
// x-kubernetes-action, x-kubernetes-group-version-kind (an object on operations) and operation-level
// parameters. kubectl (1.27+) finds the patch operation of an object's kind and validates on the server when
// it lists `fieldValidation` (kubectl-contract.md §2). Operation ids and descriptions follow upstream's.
import type { ResourceEntry, SubresourceEntry } from '../registry/types.js';
import {
  DELETE_COLLECTION_PARAMETERS,
  DELETE_PARAMETERS,
  LIST_PARAMETERS,
  LOG_PARAMETERS,
  nameParameter,
  P,
  PATCH_PARAMETERS,
  STREAM_PARAMETERS,
  WRITE_PARAMETERS,
  type Parameter,
} from './parameters.js';
import { schemaRef, type GroupVersionKind, type Schema } from './schemas.js';

/** What an entry's operations refer to, resolved by the document builder. */
export interface ResourceRefs {
  entry: ResourceEntry;
  version: string;
  /** Definition names of the kind and its list (undefined: no schema, any object). */
  kind?: string;
  list?: string;
  /** Definition names of subresource kinds, by subresource name. */
  subresources: Map<string, { gvk: GroupVersionKind; definition?: string }>;
  status: string;
  deleteOptions: string;
  patch: string;
}

type Operation = Schema;
type PathItem = { [method: string]: Operation | Parameter[] };

const JSON_TYPES = ['application/json', 'application/yaml'];
const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];
const CONNECT = new Set(['attach', 'exec', 'portforward', 'proxy']);
/** Verb → HTTP method of connect subresources, in upstream's order. */
const CONNECT_METHODS: Array<[string, string]> = [
  ['delete', 'delete'],
  ['get', 'get'],
  ['patch', 'patch'],
  ['create', 'post'],
  ['update', 'put'],
];

const content = (types: string[], schema: Schema): Schema => Object.fromEntries(types.map((t) => [t, { schema }]));
const ok = (schema: Schema | undefined, codes: string[] = ['200']): Schema => {
  const out: Schema = {};
  const descriptions: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted' };
  for (const code of codes) out[code] = schema ? { description: descriptions[code], content: content(JSON_TYPES, schema) } : { description: descriptions[code] };
  out['401'] = { description: 'Unauthorized' };
  return out;
};
const anyObject: Schema = { type: 'object' };

/** `Core`, `Apps`, `RbacAuthorization`, `FlowcontrolApiserver`: the group in operation ids. */
export function groupWord(group: string): string {
  if (group === '') return 'Core';
  return group
    .replace(/\.k8s\.io$/, '')
    .split('.')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** `core_v1`, `apps_v1`, `rbacAuthorization_v1`: upstream's operation tag. */
export function tag(group: string, version: string): string {
  const w = groupWord(group);
  return `${w.charAt(0).toLowerCase()}${w.slice(1)}_${version}`;
}

/** The paths of one resource, keyed by path. */
export function resourcePaths(refs: ResourceRefs): Record<string, PathItem> {
  const { entry, version } = refs;
  const verbs = new Set<string>(entry.verbs ?? ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
  const base = entry.group ? `/apis/${entry.group}/${version}` : `/api/${version}`;
  const ns = entry.namespaced ? 'Namespaced' : '';
  const id = (verb: string, suffix = '') => `${verb}${groupWord(entry.group)}${version.charAt(0).toUpperCase()}${version.slice(1)}${suffix}`;
  const gvk: GroupVersionKind = { group: entry.group, version, kind: entry.kind };
  const kindSchema = refs.kind ? schemaRef(refs.kind) : anyObject;
  const listSchema = refs.list ? schemaRef(refs.list) : anyObject;
  const op = (action: string, operationId: string, description: string, more: Schema, opGvk: GroupVersionKind = gvk): Operation => ({
    description,
    operationId,
    ...more,
    tags: [tag(entry.group, version)],
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: opGvk.group, kind: opGvk.kind, version: opGvk.version },
  });
  const body = (schema: Schema, types = ['*/*']) => ({ content: content(types, schema), required: true });

  const collectionPath = entry.namespaced ? `${base}/namespaces/{namespace}/${entry.plural}` : `${base}/${entry.plural}`;
  const itemPath = `${collectionPath}/{name}`;
  const scope = entry.namespaced ? [P.namespace, P.pretty] : [P.pretty];
  const paths: Record<string, PathItem> = {};

  const collection: PathItem = {};
  if (verbs.has('list')) {
    collection.get = op('list', id('list', `${ns}${entry.kind}`), `list or watch objects of kind ${entry.kind}`, {
      parameters: LIST_PARAMETERS,
      responses: ok(listSchema),
    });
  }
  if (verbs.has('create')) {
    collection.post = op('post', id('create', `${ns}${entry.kind}`), `create ${article(entry.kind)} ${entry.kind}`, {
      parameters: WRITE_PARAMETERS,
      requestBody: body(kindSchema),
      responses: ok(kindSchema, ['200', '201', '202']),
    });
  }
  if (verbs.has('deletecollection')) {
    collection.delete = op('deletecollection', id('delete', `Collection${ns}${entry.kind}`), `delete collection of ${entry.kind}`, {
      parameters: DELETE_COLLECTION_PARAMETERS,
      requestBody: { content: content(['*/*'], schemaRef(refs.deleteOptions)) },
      responses: ok(schemaRef(refs.status)),
    });
  }
  if (Object.keys(collection).length > 0) paths[collectionPath] = { ...collection, parameters: scope };

  const item: PathItem = {};
  if (verbs.has('get')) item.get = op('get', id('read', `${ns}${entry.kind}`), `read the specified ${entry.kind}`, { responses: ok(kindSchema) });
  if (verbs.has('update')) {
    item.put = op('put', id('replace', `${ns}${entry.kind}`), `replace the specified ${entry.kind}`, {
      parameters: WRITE_PARAMETERS,
      requestBody: body(kindSchema),
      responses: ok(kindSchema, ['200', '201']),
    });
  }
  if (verbs.has('patch')) {
    item.patch = op('patch', id('patch', `${ns}${entry.kind}`), `partially update the specified ${entry.kind}`, {
      parameters: PATCH_PARAMETERS,
      requestBody: body(schemaRef(refs.patch), PATCH_TYPES),
      responses: ok(kindSchema, ['200', '201']),
    });
  }
  if (verbs.has('delete')) {
    item.delete = op('delete', id('delete', `${ns}${entry.kind}`), `delete ${article(entry.kind)} ${entry.kind}`, {
      parameters: DELETE_PARAMETERS,
      requestBody: { content: content(['*/*'], schemaRef(refs.deleteOptions)) },
      responses: ok(schemaRef(refs.status), ['200', '202']),
    });
  }
  const itemScope = [nameParameter(entry.kind), ...scope];
  if (Object.keys(item).length > 0) paths[itemPath] = { ...item, parameters: itemScope };

  if (entry.namespaced && verbs.has('list')) {
    paths[`${base}/${entry.plural}`] = {
      get: op('list', id('list', `${entry.kind}ForAllNamespaces`), `list or watch objects of kind ${entry.kind}`, {
        parameters: LIST_PARAMETERS,
        responses: ok(listSchema),
      }),
      parameters: [P.pretty],
    };
  }

  for (const sub of entry.subresources ?? []) {
    const resolved = refs.subresources.get(sub.name);
    const p = subresourcePath(sub, resolved, { entry, ns, id, op, body, patch: refs.patch });
    if (Object.keys(p).length > 0) paths[`${itemPath}/${sub.name}`] = { ...p, parameters: itemScope };
  }
  return paths;
}

interface Helpers {
  entry: ResourceEntry;
  ns: string;
  id: (verb: string, suffix?: string) => string;
  op: (action: string, operationId: string, description: string, more: Schema, gvk?: GroupVersionKind) => Operation;
  body: (schema: Schema, types?: string[]) => Schema;
  /** Definition name of meta/v1 Patch. */
  patch: string;
}

function subresourcePath(
  sub: SubresourceEntry,
  resolved: { gvk: GroupVersionKind; definition?: string } | undefined,
  h: Helpers,
): PathItem {
  const { entry, ns, id, op, body } = h;
  const verbs = new Set<string>(sub.verbs);
  const word = sub.name.charAt(0).toUpperCase() + sub.name.slice(1);
  const suffix = `${ns}${entry.kind}${word}`;
  const gvk = resolved?.gvk;
  const schema = resolved?.definition ? schemaRef(resolved.definition) : anyObject;
  const out: PathItem = {};
  if (CONNECT.has(sub.name)) {
    const params = sub.name === 'exec' || sub.name === 'attach' ? STREAM_PARAMETERS : [];
    for (const [verb, method] of CONNECT_METHODS) {
      if (!verbs.has(verb)) continue;
      const word = method.charAt(0).toUpperCase() + method.slice(1);
      out[method] = op('connect', id('connect', `${word}${suffix}`), `connect ${method.toUpperCase()} requests to ${sub.name} of ${entry.kind}`, {
        parameters: params,
        responses: ok({ type: 'string' }),
      }, gvk);
    }
    return out;
  }
  if (sub.name === 'log') {
    if (verbs.has('get')) out.get = op('get', id('read', suffix), `read log of the specified ${entry.kind}`, { parameters: LOG_PARAMETERS, responses: ok({ type: 'string' }) }, gvk);
    return out;
  }
  if (verbs.has('get')) out.get = op('get', id('read', suffix), `read ${sub.name} of the specified ${entry.kind}`, { responses: ok(schema) }, gvk);
  if (verbs.has('create')) {
    out.post = op('post', id('create', suffix), `create ${sub.name} of ${article(entry.kind)} ${entry.kind}`, {
      parameters: WRITE_PARAMETERS,
      requestBody: body(schema),
      responses: ok(schema, ['200', '201', '202']),
    }, gvk);
  }
  if (verbs.has('update')) {
    out.put = op('put', id('replace', suffix), `replace ${sub.name} of the specified ${entry.kind}`, {
      parameters: WRITE_PARAMETERS,
      requestBody: body(schema),
      responses: ok(schema, ['200', '201']),
    }, gvk);
  }
  if (verbs.has('patch')) {
    out.patch = op('patch', id('patch', suffix), `partially update ${sub.name} of the specified ${entry.kind}`, {
      parameters: PATCH_PARAMETERS,
      requestBody: body(schemaRef(h.patch), PATCH_TYPES),
      responses: ok(schema, ['200', '201']),
    }, gvk);
  }
  return out;
}

const article = (kind: string) => (/^[AEIOU]/.test(kind) ? 'an' : 'a');
