// The NodeRestriction admission plugin's checks that authorization cannot make (a create has no name in
// the URL): a kubelet may create only its own Node and its own Lease in kube-node-lease, and only pods
// bound to itself (mirror pods). Messages as upstream's plugin words them.
import { forbidden } from '../../errors.js';
import type { ApiContext } from '../../handlers/context.js';
import type { KubeObject } from '../../registry/types.js';
import { nodeName } from './node-authorizer.js';

export function nodeRestriction(ctx: ApiContext, obj: KubeObject, old?: KubeObject): void {
  const node = nodeName(ctx.user);
  if (!node || old) return;
  const { group, plural } = ctx.entry;
  const name = obj.metadata?.name ?? '';
  if (group === '' && plural === 'nodes' && name !== node) {
    throw forbidden(`nodes "${name}" is forbidden: node "${node}" is not allowed to modify node "${name}"`, { name, kind: 'nodes' });
  }
  if (group === 'coordination.k8s.io' && plural === 'leases' && ctx.info.namespace === 'kube-node-lease' && name !== node) {
    throw forbidden(`leases.coordination.k8s.io "${name}" is forbidden: can only access node lease with the same name as the requesting node`, { name, group, kind: 'leases' });
  }
  if (group === '' && plural === 'pods' && !ctx.info.subresource && (obj.spec as { nodeName?: string } | undefined)?.nodeName !== node) {
    throw forbidden(`pods "${name}" is forbidden: node "${node}" can only create pods with spec.nodeName set to itself`, { name, kind: 'pods' });
  }
}
