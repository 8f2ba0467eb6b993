// Service defaults (core/v1 SetDefaults_Service). clusterIP(s), ipFamilies and ipFamilyPolicy are the
// allocator's (registry/core/service-allocation.ts), not defaulting.
import { defaultString, defaultValue, items, specOf } from './fields.js';

const CLIENT_IP_TIMEOUT_SECONDS = 10800; // 3 hours, upstream's DefaultClientIPServiceAffinitySeconds

export function defaultService(obj: object): void {
  const spec = specOf(obj);
  defaultString(spec, 'sessionAffinity', 'None');
  defaultString(spec, 'type', 'ClusterIP');
  const type = spec['type'];
  for (const port of items(spec, 'ports')) {
    defaultString(port, 'protocol', 'TCP');
    const target = port['targetPort'];
    if (target === undefined || target === null || target === 0 || target === '') port['targetPort'] = port['port'];
  }
  if (spec['sessionAffinity'] === 'ClientIP') {
    defaultValue(spec, 'sessionAffinityConfig', { clientIP: { timeoutSeconds: CLIENT_IP_TIMEOUT_SECONDS } });
  }
  if (type === 'NodePort' || type === 'LoadBalancer') defaultString(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'ClusterIP' || type === 'NodePort' || type === 'LoadBalancer') defaultValue(spec, 'internalTrafficPolicy', 'Cluster');
  if (type === 'LoadBalancer') defaultValue(spec, 'allocateLoadBalancerNodePorts', true);
}
