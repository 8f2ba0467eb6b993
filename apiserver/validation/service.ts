// core/v1 Service spec as upstream's ValidateService checks it: type, ports (names, numbers,
// protocols, target ports), node ports only where the type has them, selector, session affinity,
// external name and traffic policies.
import type { FieldError, KubeObject } from '../registry/types.js';
import { asArray, asObj, asString, duplicate, forbidden, invalid, notSupported, required } from './field-errors.js';
import { nameProblems } from './names.js';
import { validateLabels } from './object-meta.js';
import { portNameProblems, portNumberProblems, validateProtocol } from './ports.js';

/** sets.List order of upstream's supportedServiceType. */
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] as const;
/** sets.List(supportedSessionAffinityType). */
const SESSION_AFFINITIES = ['ClientIP', 'None'] as const;
const TRAFFIC_POLICIES = ['Cluster', 'Local'] as const;

export function validateService(obj: KubeObject): FieldError[] {
  const spec = asObj(obj.spec) ?? {};
  const errors: FieldError[] = [];
  const type = spec.type || 'ClusterIP';
  if (!(SERVICE_TYPES as readonly unknown[]).includes(type)) errors.push(notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ExternalName') {
    // The value (a CNAME) may end in a dot to mark it fully qualified.
    const cname = asString(spec.externalName).replace(/\.$/, '');
    if (!cname) errors.push(required('spec.externalName'));
    else for (const m of nameProblems(cname, 'subdomain')) errors.push(invalid('spec.externalName', cname, m));
  }

  const ports = asArray(spec.ports);
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && !headless && type !== 'ExternalName') errors.push(required('spec.ports'));
  const requireName = ports.length > 1;
  const names = new Set<string>();
  const hasNodePorts = type === 'NodePort' || type === 'LoadBalancer';
  ports.forEach((raw, i) => {
    const p = asObj(raw) ?? {};
    const at = `spec.ports[${i}]`;
    const name = asString(p.name);
    if (requireName && !name) errors.push(required(`${at}.name`));
    else if (name) for (const m of nameProblems(name, 'dns1123-label')) errors.push(invalid(`${at}.name`, name, m));
    if (name && names.has(name)) errors.push(duplicate(`${at}.name`, name));
    names.add(name);
    for (const m of portNumberProblems(Number(p.port ?? 0))) errors.push(invalid(`${at}.port`, p.port ?? 0, m));
    errors.push(...validateProtocol(p.protocol, `${at}.protocol`));
    const target = p.targetPort;
    if (typeof target === 'number') for (const m of portNumberProblems(target)) errors.push(invalid(`${at}.targetPort`, target, m));
    else if (typeof target === 'string') for (const m of portNameProblems(target)) errors.push(invalid(`${at}.targetPort`, target, m));
    if (!hasNodePorts && typeof p.nodePort === 'number' && p.nodePort !== 0) {
      errors.push(forbidden(`${at}.nodePort`, `may not be used when \`type\` is '${String(type)}'`));
    }
  });
  errors.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = spec.sessionAffinity;
  if (affinity !== undefined && affinity !== null && !(SESSION_AFFINITIES as readonly unknown[]).includes(affinity)) {
    errors.push(notSupported('spec.sessionAffinity', affinity, SESSION_AFFINITIES));
  }
  if (affinity === 'None' && asObj(spec.sessionAffinityConfig)) errors.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  errors.push(...validateExternalTrafficPolicy(spec, type));
  return errors;
}

/** validateServiceExternalTrafficPolicy: only for services reachable from outside (apiservice.ExternallyAccessible). */
function validateExternalTrafficPolicy(spec: Record<string, unknown>, type: unknown): FieldError[] {
  const policy = spec.externalTrafficPolicy;
  const external = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && asArray(spec.externalIPs).length > 0);
  if (policy === undefined || policy === null || policy === '') return [];
  if (!external) return [invalid('spec.externalTrafficPolicy', policy, 'may only be set for externally-accessible services')];
  return (TRAFFIC_POLICIES as readonly unknown[]).includes(policy) ? [] : [notSupported('spec.externalTrafficPolicy', policy, TRAFFIC_POLICIES)];
}
