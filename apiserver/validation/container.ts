// One container of a pod spec, as upstream's validateContainers checks it (core/validation):
// name, image, ports, env names, resources, probes and volume mounts. Pure; paths are absolute.
import type { FieldError } from '../registry/types.js';
import { nameProblems } from './names.js';
import { parseQuantity } from './quantity.js';
import {
  asArray,
  asObj,
  asString,
  duplicate,
  forbidden,
  inclusiveRange,
  invalid,
  NON_NEGATIVE,
  nonNegative,
  notFound,
  notSupported,
  required,
  type Obj,
} from './field-errors.js';

export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
/** IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation, GA in 1.34). */
const ENV_NAME_MSG = "a valid environment variable name must consist only of printable ASCII characters other than '='";

/** IsValidPortNum's problems for a port number. */
export function portNumberProblems(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRange(1, 65535)];
}

/** IsValidPortName (IANA_SVC_NAME): the problems of a named port. */
export function portNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) out.push('must contain at least one letter (a-z)');
  if (name.includes('--')) out.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

export interface ContainerContext {
  /** Names of the pod's volumes, for volumeMounts. */
  volumes: ReadonlySet<string>;
  /** Container names seen so far across initContainers and containers (mutated). */
  names: Set<string>;
}

export function validateContainer(c: Obj, path: string, ctx: ContainerContext): FieldError[] {
  const errors: FieldError[] = [];
  const name = asString(c.name);
  if (!name) errors.push(required(`${path}.name`));
  else {
    for (const p of nameProblems(name, 'dns1123-label')) errors.push(invalid(`${path}.name`, name, p));
    if (ctx.names.has(name)) errors.push(duplicate(`${path}.name`, name));
    ctx.names.add(name);
  }
  const image = asString(c.image);
  if (!image) errors.push(required(`${path}.image`));
  else if (image.trim() !== image) errors.push(invalid(`${path}.image`, image, 'must not have leading or trailing whitespace'));
  errors.push(...validatePorts(c.ports, `${path}.ports`));
  errors.push(...validateEnv(c.env, `${path}.env`));
  errors.push(...validateResources(asObj(c.resources), `${path}.resources`));
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = asObj(c[probe]);
    if (p) errors.push(...validateProbe(p, `${path}.${probe}`, probe !== 'readinessProbe'));
  }
  const lifecycle = asObj(c.lifecycle);
  for (const hook of ['postStart', 'preStop']) {
    const h = asObj(lifecycle?.[hook]);
    if (h) errors.push(...exactlyOneHandler(h, `${path}.lifecycle.${hook}`, LIFECYCLE_HANDLERS));
  }
  errors.push(...validateVolumeMounts(c.volumeMounts, `${path}.volumeMounts`, ctx.volumes));
  return errors;
}

function validatePorts(ports: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  asArray(ports).forEach((raw, i) => {
    const p = asObj(raw) ?? {};
    const at = `${path}[${i}]`;
    const name = asString(p.name);
    if (name) {
      const problems = portNameProblems(name);
      for (const m of problems) errors.push(invalid(`${at}.name`, name, m));
      if (problems.length === 0 && names.has(name)) errors.push(duplicate(`${at}.name`, name));
      names.add(name);
    }
    const containerPort = p.containerPort;
    if (containerPort === undefined || containerPort === 0) errors.push(required(`${at}.containerPort`));
    else for (const m of portNumberProblems(Number(containerPort))) errors.push(invalid(`${at}.containerPort`, containerPort, m));
    if (p.hostPort !== undefined && p.hostPort !== 0) {
      for (const m of portNumberProblems(Number(p.hostPort))) errors.push(invalid(`${at}.hostPort`, p.hostPort, m));
    }
    errors.push(...validateProtocol(p.protocol, `${at}.protocol`));
  });
  return errors;
}

/** A port's protocol, one of SCTP/TCP/UDP (defaulted to TCP: absent is left to the defaults). */
export function validateProtocol(protocol: unknown, path: string): FieldError[] {
  if (protocol === undefined || protocol === null || protocol === '') return [];
  return (PORT_PROTOCOLS as readonly unknown[]).includes(protocol) ? [] : [notSupported(path, protocol, PORT_PROTOCOLS)];
}

function validateEnv(env: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  asArray(env).forEach((raw, i) => {
    const name = asString(asObj(raw)?.name);
    const at = `${path}[${i}].name`;
    if (!name) errors.push(required(at));
    else if (!/^[\x20-\x3c\x3e-\x7e]+$/.test(name)) errors.push(invalid(at, name, ENV_NAME_MSG));
  });
  return errors;
}

/** ValidateContainerResourceRequirements: names, non-negative quantities, request <= limit. */
function validateResources(resources: Obj | undefined, path: string): FieldError[] {
  if (!resources) return [];
  const errors: FieldError[] = [];
  const read = (kind: 'limits' | 'requests') => {
    const values = new Map<string, { text: string; value: number }>();
    for (const [name, q] of Object.entries(asObj(resources[kind]) ?? {})) {
      const at = `${path}.${kind}[${name}]`;
      if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) {
        errors.push(invalid(at, name, 'must be a standard resource for containers'));
      }
      const parsed = parseQuantity(q);
      if (!parsed.ok) {
        errors.push(invalid(at, q, parsed.message));
        continue;
      }
      const text = String(q).trim();
      if (parsed.value < 0) errors.push(invalid(at, text, NON_NEGATIVE));
      values.set(name, { text, value: parsed.value });
    }
    return values;
  };
  const limits = read('limits');
  const requests = read('requests');
  for (const [name, req] of requests) {
    const limit = limits.get(name);
    if (limit && req.value > limit.value) {
      errors.push(invalid(`${path}.requests`, req.text, `must be less than or equal to ${name} limit of ${limit.text}`));
    }
  }
  return errors;
}

/** validateHandler: exactly one of the handler kinds. */
function exactlyOneHandler(h: Obj, path: string, kinds: readonly string[]): FieldError[] {
  const set = kinds.filter((k) => h[k] !== undefined && h[k] !== null);
  if (set.length === 0) return [required(path, 'must specify a handler type')];
  return set.slice(1).map((k) => forbidden(`${path}.${k}`, 'may not specify more than 1 handler type'));
}

function validateProbe(p: Obj, path: string, successMustBeOne: boolean): FieldError[] {
  const errors = exactlyOneHandler(p, path, PROBE_HANDLERS);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds']) {
    errors.push(...nonNegative(p[f], `${path}.${f}`));
  }
  if (successMustBeOne && typeof p.successThreshold === 'number' && p.successThreshold !== 1) {
    errors.push(invalid(`${path}.successThreshold`, p.successThreshold, 'must be 1'));
  }
  return errors;
}

function validateVolumeMounts(mounts: unknown, path: string, volumes: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  asArray(mounts).forEach((raw, i) => {
    const m = asObj(raw) ?? {};
    const at = `${path}[${i}]`;
    const name = asString(m.name);
    if (!name) errors.push(required(`${at}.name`));
    else if (!volumes.has(name)) errors.push(notFound(`${at}.name`, name));
    if (!asString(m.mountPath)) errors.push(required(`${at}.mountPath`));
  });
  return errors;
}
