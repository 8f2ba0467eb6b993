// networking.k8s.io/v1 Ingress, IngressClass and NetworkPolicy as upstream's networking/validation
// checks them: rules, hosts, paths and backends; policy ports, peers, IP blocks and policy types.
import { isIP } from 'node:net';
import type { FieldError, KubeObject } from '../registry/types.js';
import { asArray, asObj, asString, forbidden, invalid, notSupported, required, type Obj } from './field-errors.js';
import { validateLabelSelector } from './label-selector.js';
import { nameProblems } from './names.js';
import { portNameProblems, portNumberProblems } from './ports.js';

/** supportedPathTypes.List(): sorted. */
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'] as const;
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];
const WILDCARD_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** A host: IsWildcardDNS1123Subdomain when it has a '*', else IsDNS1123Subdomain. */
function hostErrors(host: string, path: string): FieldError[] {
  if (host.includes('*')) {
    const rest = host.startsWith('*.') ? host.slice(2) : '';
    return rest && nameProblems(rest, 'subdomain').length === 0 && host.length <= 253 ? [] : [invalid(path, host, WILDCARD_MSG)];
  }
  return nameProblems(host, 'subdomain').map((m) => invalid(path, host, m));
}

/** validateIngressBackend: a service (DNS-1035 name, port name or number) or a resource, not both. */
function validateBackend(b: Obj, path: string): FieldError[] {
  const service = asObj(b.service);
  const resource = asObj(b.resource);
  if (service && resource) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (resource) {
    const errors: FieldError[] = [];
    if (!asString(resource.kind)) errors.push(required(`${path}.resource.kind`));
    if (!asString(resource.name)) errors.push(required(`${path}.resource.name`));
    return errors;
  }
  if (!service) return [invalid(path, '', 'resource or service backend is required')];
  const errors: FieldError[] = [];
  const name = asString(service.name);
  if (!name) errors.push(required(`${path}.service.name`));
  else for (const m of nameProblems(name, 'dns1035-label')) errors.push(invalid(`${path}.service.name`, name, m));
  const port = asObj(service.port) ?? {};
  const portName = asString(port.name);
  const portNumber = typeof port.number === 'number' ? port.number : 0;
  if (portName && portNumber) errors.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (portName) for (const m of portNameProblems(portName)) errors.push(invalid(`${path}.service.port.name`, portName, m));
  else if (portNumber) for (const m of portNumberProblems(portNumber)) errors.push(invalid(`${path}.service.port.number`, portNumber, m));
  else errors.push(required(path, 'port name or number is required'));
  return errors;
}

/** validateHTTPIngressPath. */
function validatePath(p: Obj, path: string): FieldError[] {
  const pathType = p.pathType;
  if (pathType === undefined || pathType === null) return [required(`${path}.pathType`, 'pathType must be specified')];
  const errors: FieldError[] = [];
  const value = asString(p.path);
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) errors.push(invalid(`${path}.path`, value, 'must be an absolute path'));
    if (value) {
      for (const seq of INVALID_SEQUENCES) if (value.includes(seq)) errors.push(invalid(`${path}.path`, value, `must not contain '${seq}'`));
      for (const suffix of INVALID_SUFFIXES) if (value.endsWith(suffix)) errors.push(invalid(`${path}.path`, value, `cannot end with '${suffix}'`));
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (value && !value.startsWith('/')) errors.push(invalid(`${path}.path`, value, 'must be an absolute path'));
  } else {
    errors.push(notSupported(`${path}.pathType`, pathType, PATH_TYPES));
  }
  return [...errors, ...validateBackend(asObj(p.backend) ?? {}, `${path}.backend`)];
}

export function validateIngress(obj: KubeObject): FieldError[] {
  const spec = asObj(obj.spec) ?? {};
  const errors: FieldError[] = [];
  const rules = asArray(spec.rules);
  const defaultBackend = asObj(spec.defaultBackend);
  if (rules.length === 0 && !defaultBackend) errors.push(invalid('spec', spec.rules ?? null, 'either `defaultBackend` or `rules` must be specified'));
  if (defaultBackend) errors.push(...validateBackend(defaultBackend, 'spec.defaultBackend'));
  rules.forEach((raw, i) => {
    const rule = asObj(raw) ?? {};
    const at = `spec.rules[${i}]`;
    const host = asString(rule.host);
    if (host) {
      if (isIP(host)) errors.push(invalid(`${at}.host`, host, 'must be a DNS name, not an IP address'));
      errors.push(...hostErrors(host, `${at}.host`));
    }
    const http = asObj(rule.http);
    if (!http) return;
    const paths = asArray(http.paths);
    if (paths.length === 0) errors.push(required(`${at}.http.paths`));
    paths.forEach((p, j) => errors.push(...validatePath(asObj(p) ?? {}, `${at}.http.paths[${j}]`)));
  });
  asArray(spec.tls).forEach((raw, i) => {
    const tls = asObj(raw) ?? {};
    asArray(tls.hosts).forEach((h, j) => errors.push(...hostErrors(asString(h), `spec.tls[${i}].hosts[${j}]`)));
    const secret = asString(tls.secretName);
    if (secret) for (const m of nameProblems(secret, 'subdomain')) errors.push(invalid(`spec.tls[${i}].secretName`, secret, m));
  });
  const className = spec.ingressClassName;
  if (typeof className === 'string') for (const m of nameProblems(className, 'subdomain')) errors.push(invalid('spec.ingressClassName', className, m));
  return errors;
}

export function validateIngressClass(obj: KubeObject): FieldError[] {
  const controller = asString(asObj(obj.spec)?.controller);
  return controller ? [] : [required('spec.controller')];
}

/** ValidateNetworkPolicyPort. Protocols are listed in upstream's own order here, not sorted. */
function validatePolicyPort(p: Obj, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const protocol = p.protocol;
  if (protocol !== undefined && protocol !== null && protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') {
    errors.push(notSupported(`${path}.protocol`, protocol, ['TCP', 'UDP', 'SCTP']));
  }
  const port = p.port;
  const endPort = p.endPort;
  const hasEnd = typeof endPort === 'number';
  if (typeof port === 'number') {
    for (const m of portNumberProblems(port)) errors.push(invalid(`${path}.port`, port, m));
    if (hasEnd) {
      if (endPort < port) errors.push(invalid(`${path}.endPort`, endPort, 'must be greater than or equal to `port`'));
      for (const m of portNumberProblems(endPort)) errors.push(invalid(`${path}.endPort`, endPort, m));
    }
  } else if (typeof port === 'string') {
    if (hasEnd) errors.push(invalid(`${path}.endPort`, endPort, 'may not be specified when `port` is non-numeric'));
    for (const m of portNameProblems(port)) errors.push(invalid(`${path}.port`, port, m));
  } else if (hasEnd) {
    errors.push(invalid(`${path}.endPort`, endPort, 'may not be specified when `port` is not specified'));
  }
  return errors;
}

/** A CIDR as [address bits, prefix length, family], or undefined when it does not parse. */
function parseCIDR(cidr: string): { bits: bigint; len: number; v6: boolean } | undefined {
  const [addr, lenText] = cidr.split('/');
  const family = isIP(addr ?? '');
  if (!family || lenText === undefined || !/^\d+$/.test(lenText)) return undefined;
  const width = family === 4 ? 32 : 128;
  const len = Number(lenText);
  if (len > width) return undefined;
  let bits = 0n;
  if (family === 4) for (const o of addr!.split('.')) bits = (bits << 8n) + BigInt(Number(o));
  else {
    const [head, tail = ''] = addr!.split('::');
    const groups = (s: string) => (s ? s.split(':') : []);
    const parts = addr!.includes('::') ? [...groups(head!), ...Array(8 - groups(head!).length - groups(tail).length).fill('0'), ...groups(tail)] : groups(addr!);
    for (const g of parts) bits = (bits << 16n) + BigInt(parseInt(g, 16));
  }
  return { bits, len, v6: family === 6 };
}

/** ValidateIPBlock: a CIDR, and each except a strict subset of it. */
function validateIPBlock(block: Obj, path: string): FieldError[] {
  const cidrText = asString(block.cidr);
  if (!cidrText) return [required(`${path}.cidr`)];
  const cidr = parseCIDR(cidrText);
  if (!cidr) return [invalid(`${path}.cidr`, cidrText, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
  const errors: FieldError[] = [];
  asArray(block.except).forEach((raw, i) => {
    const text = asString(raw);
    const except = parseCIDR(text);
    const at = `${path}.except[${i}]`;
    if (!except) {
      errors.push(invalid(at, text, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
      return;
    }
    const width = cidr.v6 ? 128n : 32n;
    const within = except.v6 === cidr.v6 && except.bits >> (width - BigInt(cidr.len)) === cidr.bits >> (width - BigInt(cidr.len));
    if (!within || cidr.len >= except.len) errors.push(invalid(at, text, 'must be a strict subset of `cidr`'));
  });
  return errors;
}

/** ValidateNetworkPolicyPeer: at least one kind of peer; an ipBlock alone. */
function validatePeer(peer: Obj, path: string): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  for (const k of ['podSelector', 'namespaceSelector']) {
    if (asObj(peer[k])) {
      count++;
      errors.push(...validateLabelSelector(peer[k], `${path}.${k}`));
    }
  }
  const block = asObj(peer.ipBlock);
  if (block) {
    count++;
    errors.push(...validateIPBlock(block, `${path}.ipBlock`));
  }
  if (count === 0) errors.push(required(path, 'must specify a peer'));
  else if (count > 1 && block) errors.push(forbidden(path, 'may not specify both ipBlock and another peer'));
  return errors;
}

export function validateNetworkPolicy(obj: KubeObject): FieldError[] {
  const spec = asObj(obj.spec) ?? {};
  const errors = validateLabelSelector(spec.podSelector, 'spec.podSelector');
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    asArray(spec[direction]).forEach((raw, i) => {
      const rule = asObj(raw) ?? {};
      const at = `spec.${direction}[${i}]`;
      asArray(rule.ports).forEach((p, j) => errors.push(...validatePolicyPort(asObj(p) ?? {}, `${at}.ports[${j}]`)));
      asArray(rule[peers]).forEach((p, j) => errors.push(...validatePeer(asObj(p) ?? {}, `${at}.${peers}[${j}]`)));
    });
  }
  const types = asArray(spec.policyTypes);
  if (types.length > 2) return [...errors, invalid('spec.policyTypes', types, 'may not specify more than two policyTypes')];
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errors.push(notSupported(`spec.policyTypes[${i}]`, t, ['Ingress', 'Egress']));
  });
  return errors;
}
