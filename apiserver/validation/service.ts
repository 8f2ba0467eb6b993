// core/v1 Service spec as upstream's ValidateService checks it: type, ports (names, numbers,
// protocols, target ports) and node ports only where the type has them.
import type { FieldError, KubeObject } from '../registry/types.js';
import { portNameProblems, portNumberProblems, validateProtocol } from './container.js';
import { asArray, asObj, asString, duplicate, forbidden, invalid, notSupported, required } from './field-errors.js';
import { nameProblems } from './names.js';

/** sets.List order of upstream's supportedServiceType. */
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] as const;

export function validateService(obj: KubeObject): FieldError[] {
  const spec = asObj(obj.spec) ?? {};
  const errors: FieldError[] = [];
  const type = spec.type || 'ClusterIP';
  if (!(SERVICE_TYPES as readonly unknown[]).includes(type)) errors.push(notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ExternalName' && !asString(spec.externalName)) errors.push(required('spec.externalName'));

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
  return errors;
}
