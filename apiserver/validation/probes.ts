// Container handlers as upstream's validateHandler / validateProbe / validateLifecycle check them
// (core/validation): exactly one handler kind, each handler's own fields, and the probe numbers.
import type { FieldError } from '../registry/types.js';
import { asArray, asObj, asString, forbidden, invalid, nonNegative, notSupported, required, type Obj } from './field-errors.js';
import { portNameProblems, portNumberProblems } from './ports.js';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;
/** sets.List(supportedHTTPSchemes). */
const HTTP_SCHEMES = ['HTTP', 'HTTPS'] as const;

/** ValidatePortNumOrName: an IntOrString port, a number in range or an IANA service name. */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return portNumberProblems(port).map((m) => invalid(path, port, m));
  if (typeof port === 'string') return portNameProblems(port).map((m) => invalid(path, port, m));
  return portNumberProblems(0).map((m) => invalid(path, 0, m));
}

function validateHandlerFields(kind: string, h: Obj, path: string): FieldError[] {
  switch (kind) {
    case 'exec':
      return asArray(h.command).length === 0 ? [required(`${path}.command`)] : [];
    case 'httpGet': {
      const errors: FieldError[] = [];
      // path and scheme are defaulted ("/", HTTP); only explicit values are checked here.
      errors.push(...validatePortNumOrName(h.port, `${path}.port`));
      const scheme = h.scheme;
      if (scheme !== undefined && scheme !== null && !(HTTP_SCHEMES as readonly unknown[]).includes(scheme)) errors.push(notSupported(`${path}.scheme`, scheme, HTTP_SCHEMES));
      return errors;
    }
    case 'tcpSocket':
      return validatePortNumOrName(h.port, `${path}.port`);
    case 'grpc':
      return validatePortNumOrName(typeof h.port === 'number' ? h.port : 0, `${path}.port`);
    default:
      return [];
  }
}

/** validateHandler: exactly one handler kind (the first set is validated, the others forbidden). */
function validateHandler(h: Obj, path: string, kinds: readonly string[]): FieldError[] {
  const set = kinds.filter((k) => h[k] !== undefined && h[k] !== null);
  if (set.length === 0) return [required(path, 'must specify a handler type')];
  return [
    ...validateHandlerFields(set[0]!, asObj(h[set[0]!]) ?? {}, `${path}.${set[0]}`),
    ...set.slice(1).map((k) => forbidden(`${path}.${k}`, 'may not specify more than 1 handler type')),
  ];
}

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

/** validateLivenessProbe / validateReadinessProbe / validateStartupProbe. */
export function validateProbe(p: Obj, path: string, kind: ProbeKind): FieldError[] {
  const errors = validateHandler(p, path, PROBE_HANDLERS);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errors.push(...nonNegative(p[f], `${path}.${f}`));
  }
  const grace = p.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace <= 0) errors.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, 'must be greater than 0'));
  if (kind === 'readinessProbe') {
    if (grace !== undefined && grace !== null) errors.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, 'must not be set for readinessProbes'));
  } else if (typeof p.successThreshold === 'number' && p.successThreshold !== 1) {
    errors.push(invalid(`${path}.successThreshold`, p.successThreshold, 'must be 1'));
  }
  return errors;
}

/** validateLifecycle: postStart and preStop handlers. */
export function validateLifecycle(lifecycle: Obj, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = asObj(lifecycle[hook]);
    if (h) errors.push(...validateHandler(h, `${path}.${hook}`, LIFECYCLE_HANDLERS));
  }
  return errors;
}

/** Probes and lifecycle of a container that may have them (regular and restartable init containers). */
export function validateProbesAndLifecycle(c: Obj, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const lifecycle = asObj(c.lifecycle);
  if (lifecycle) errors.push(...validateLifecycle(lifecycle, `${path}.lifecycle`));
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const p = asObj(c[kind]);
    if (p) errors.push(...validateProbe(p, `${path}.${kind}`, kind));
  }
  return errors;
}

/** What a plain init container (no restartPolicy: Always) may not set. */
export function forbidInitContainerHooks(c: Obj, path: string): FieldError[] {
  const msg = 'may not be set for init containers without restartPolicy=Always';
  return ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']
    .filter((f) => c[f] !== undefined && c[f] !== null)
    .map((f) => forbidden(`${path}.${f}`, msg));
}

export const isRestartableInit = (c: Obj) => asString(c.restartPolicy) === 'Always';
