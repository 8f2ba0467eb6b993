import type { V1ControllerRevision } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

/** `daemonset.apps/fluentd` from the controller owner reference, or `<none>`. */
function controller(o: KubeObject): string {
  const ref = (typed<V1ControllerRevision>(o).metadata?.ownerReferences ?? []).find((r) => r.controller);
  if (!ref) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash >= 0 ? ref.apiVersion.slice(0, slash) : '';
  const kind = group ? `${ref.kind}.${group}` : ref.kind;
  return `${kind.toLowerCase()}/${ref.name}`;
}

export const controllerrevisions: ResourceEntry = {
  group: 'apps',
  versions: ['v1'],
  kind: 'ControllerRevision',
  plural: 'controllerrevisions',
  singular: 'controllerrevision',
  namespaced: true,
  model: 'V1ControllerRevision',
  columns: [
    { name: 'Controller', type: 'string', description: 'Controller of the object', cell: controller },
    { name: 'Revision', type: 'string', description: 'The revision this object represents.', cell: (o) => typed<V1ControllerRevision>(o).revision },
  ],
};
