// The Node authorizer (upstream's node authorizer plus the NodeRestriction rules it implies): a kubelet,
// user `system:node:<name>` in group system:nodes, may read the secrets, config maps, claims and
// service-account tokens only of pods bound to its node, write its own Node and Lease and the status of
// its own pods, and read what every node reads (nodes, pods, services, endpoints, ...). Anything else gets
// no opinion, so RBAC may still allow it.
import type { Attributes, Authorizer, Decision } from '../attributes.js';
import type { NodePods } from './node-pods.js';

const READ = new Set(['get', 'list', 'watch']);
const NO_OPINION: Decision = { allowed: false, reason: '' };

/** Resources every node may read (upstream's NodeRules read part). */
const READABLE: Record<string, string[]> = {
  '': ['nodes', 'pods', 'services', 'endpoints', 'persistentvolumes'],
  'discovery.k8s.io': ['endpointslices'],
  'storage.k8s.io': ['csinodes', 'csidrivers', 'storageclasses', 'volumeattachments'],
  'node.k8s.io': ['runtimeclasses'],
};

export function nodeName(user: Attributes['user']): string | undefined {
  if (!user.groups.includes('system:nodes') || !user.name.startsWith('system:node:')) return undefined;
  return user.name.slice('system:node:'.length) || undefined;
}

export function nodeAuthorizer(graph: NodePods): Authorizer {
  return {
    authorize(a) {
      const node = nodeName(a.user);
      if (!node || !a.resourceRequest) return NO_OPINION;
      const allow = (why: string): Decision => ({ allowed: true, reason: `node authorizer: ${why}` });
      const group = a.apiGroup ?? '';
      const ns = a.namespace ?? '';
      const name = a.name ?? '';
      const r = a.resource ?? '';
      if (group === '' && (r === 'secrets' || r === 'configmaps' || r === 'persistentvolumeclaims') && !a.subresource) {
        if (a.verb === 'get' && name && graph.references(node, r, ns, name)) return allow(`${r} referenced by a pod on ${node}`);
        return { allowed: false, reason: `no relationship found between node '${node}' and this object` };
      }
      if (group === '' && r === 'serviceaccounts' && a.subresource === 'token' && a.verb === 'create') {
        if (graph.references(node, 'serviceaccounts', ns, name)) return allow('token of a pod on the node');
        return { allowed: false, reason: `no relationship found between node '${node}' and this object` };
      }
      if (group === '' && r === 'nodes') {
        if (READ.has(a.verb) && !a.subresource) return allow('nodes are readable');
        if (name === node && ['create', 'update', 'patch', 'get'].includes(a.verb)) return allow('its own Node');
        if (a.verb === 'create' && !name) return allow('registering its Node');
        return NO_OPINION;
      }
      if (group === 'coordination.k8s.io' && r === 'leases' && ns === 'kube-node-lease') {
        if ((name === node || (!name && a.verb === 'create')) && ['get', 'create', 'update', 'patch', 'delete'].includes(a.verb)) return allow('its own Lease');
        return NO_OPINION;
      }
      if (group === '' && r === 'pods') {
        if (READ.has(a.verb) && !a.subresource) return allow('pods are readable');
        if (a.verb === 'create' && !a.subresource && !name) return allow('mirror pods (NodeRestriction checks the node)');
        if (a.subresource === 'status' && ['update', 'patch'].includes(a.verb) && graph.onNode(node, ns, name)) return allow('status of its own pod');
        if (a.verb === 'delete' && !a.subresource && graph.onNode(node, ns, name)) return allow('its own pod');
        if (a.subresource === 'eviction' && a.verb === 'create' && graph.onNode(node, ns, name)) return allow('evicting its own pod');
        return NO_OPINION;
      }
      if ((group === '' || group === 'events.k8s.io') && r === 'events' && ['create', 'update', 'patch'].includes(a.verb)) return allow('events');
      if (READ.has(a.verb) && (READABLE[group] ?? []).includes(r) && !a.subresource) return allow(`${r} are readable`);
      if (group === 'certificates.k8s.io' && r === 'certificatesigningrequests' && ['create', 'get', 'list', 'watch'].includes(a.verb)) return allow('its certificate requests');
      if (group === 'authentication.k8s.io' && r === 'tokenreviews' && a.verb === 'create') return allow('token reviews');
      if (group === 'authorization.k8s.io' && r === 'subjectaccessreviews' && a.verb === 'create') return allow('access reviews');
      return NO_OPINION;
    },
  };
}
