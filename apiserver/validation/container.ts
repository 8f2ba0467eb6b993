// One container of a pod spec, as upstream's validateContainerCommon, validateContainers and
// validateInitContainers check it (core/validation): name, image, ports, env, volume mounts, pull and
// termination-message policies, resources, probes and the per-kind restartPolicy rules. Pure; paths are
// absolute.
import type { FieldError } from '../registry/types.js';
import { asArray, asObj, asString, duplicate, forbidden, invalid, notFound, notSupported, required, type Obj } from './field-errors.js';
import { nameProblems } from './names.js';
import { portNameProblems, portNumberProblems, validateProtocol } from './ports.js';
import { forbidInitContainerHooks, isRestartableInit, validateProbesAndLifecycle } from './probes.js';
import { validateContainerResources } from './resources.js';

export { PORT_PROTOCOLS, portNameProblems, portNumberProblems, validateProtocol } from './ports.js';

/** IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation, on by default since 1.32). */
const ENV_NAME_MSG = "a valid environment variable name must consist only of printable ASCII characters other than '='";
const ENV_NAME_RE = /^[\x20-\x3c\x3e-\x7e]+$/;
/** sets.List(supportedPullPolicies). */
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'] as const;

export type ContainerKind = 'container' | 'initContainer';

export interface ContainerContext {
  /** Names of the pod's volumes, for volumeMounts. */
  volumes: ReadonlySet<string>;
  /** Container names seen so far across initContainers and containers (mutated). */
  names: Set<string>;
}

/** validateContainerCommon plus the regular/init container rules, for the container at `path`. */
export function validateContainer(c: Obj, path: string, ctx: ContainerContext, kind: ContainerKind = 'container'): FieldError[] {
  const errors: FieldError[] = [];
  const name = asString(c.name);
  if (!name) errors.push(required(`${path}.name`));
  else {
    for (const p of nameProblems(name, 'dns1123-label')) errors.push(invalid(`${path}.name`, name, p));
    if (ctx.names.has(name)) errors.push(duplicate(`${path}.name`, name));
    ctx.names.add(name);
  }
  if (!asString(c.image)) errors.push(required(`${path}.image`));
  const tmp = c.terminationMessagePolicy;
  if (present(tmp) && !(TERMINATION_MESSAGE_POLICIES as readonly unknown[]).includes(tmp)) {
    errors.push(notSupported(`${path}.terminationMessagePolicy`, tmp, TERMINATION_MESSAGE_POLICIES));
  }
  errors.push(...validatePorts(c.ports, `${path}.ports`));
  errors.push(...validateEnv(c.env, `${path}.env`));
  errors.push(...validateEnvFrom(c.envFrom, `${path}.envFrom`));
  errors.push(...validateVolumeMounts(c.volumeMounts, `${path}.volumeMounts`, ctx.volumes));
  const pull = c.imagePullPolicy;
  if (present(pull) && !(PULL_POLICIES as readonly unknown[]).includes(pull)) errors.push(notSupported(`${path}.imagePullPolicy`, pull, PULL_POLICIES));
  errors.push(...validateContainerResources(asObj(c.resources), `${path}.resources`));

  if (kind === 'container') {
    errors.push(...validateProbesAndLifecycle(c, path));
    if (present(c.restartPolicy)) errors.push(forbidden(`${path}.restartPolicy`, 'may not be set for non-init containers'));
  } else {
    if (present(c.restartPolicy) && c.restartPolicy !== 'Always') errors.push(notSupported(`${path}.restartPolicy`, c.restartPolicy, ['Always']));
    errors.push(...(isRestartableInit(c) ? validateProbesAndLifecycle(c, path) : forbidInitContainerHooks(c, path)));
  }
  return errors;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

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

const envNameErrors = (name: string, path: string) => (ENV_NAME_RE.test(name) ? [] : [invalid(path, name, ENV_NAME_MSG)]);

/** ValidateEnv: names, and validateEnvVarValueFrom's one-source rule. */
function validateEnv(env: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  asArray(env).forEach((raw, i) => {
    const e = asObj(raw) ?? {};
    const name = asString(e.name);
    if (!name) errors.push(required(`${path}[${i}].name`));
    else errors.push(...envNameErrors(name, `${path}[${i}].name`));
    const from = asObj(e.valueFrom);
    if (!from) return;
    const at = `${path}[${i}].valueFrom`;
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => asObj(from[k]));
    if (sources.length === 0) errors.push(invalid(at, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (asString(e.value)) errors.push(invalid(at, '', 'may not be specified when `value` is not empty'));
    else if (sources.length > 1) errors.push(invalid(at, '', 'may not have more than one field specified at a time'));
    for (const k of ['configMapKeyRef', 'secretKeyRef']) {
      const ref = asObj(from[k]);
      if (ref && !asString(ref.key)) errors.push(required(`${at}.${k}.key`));
    }
  });
  return errors;
}

/** ValidateEnvFrom: a valid prefix and exactly one source (errors at the list's path, as upstream). */
function validateEnvFrom(envFrom: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  asArray(envFrom).forEach((raw, i) => {
    const e = asObj(raw) ?? {};
    const prefix = asString(e.prefix);
    if (prefix) errors.push(...envNameErrors(prefix, `${path}[${i}].prefix`));
    const sources = ['configMapRef', 'secretRef'].filter((k) => asObj(e[k]));
    for (const k of sources) if (!asString(asObj(e[k])?.name)) errors.push(required(`${path}[${i}].${k}.name`));
    if (sources.length === 0) errors.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources.length > 1) errors.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errors;
}

/** ValidateVolumeMounts: a known volume, a mount path, each path once. */
function validateVolumeMounts(mounts: unknown, path: string, volumes: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  const paths = new Set<string>();
  asArray(mounts).forEach((raw, i) => {
    const m = asObj(raw) ?? {};
    const at = `${path}[${i}]`;
    const name = asString(m.name);
    if (!name) errors.push(required(`${at}.name`));
    if (!volumes.has(name)) errors.push(notFound(`${at}.name`, name));
    const mountPath = asString(m.mountPath);
    if (!mountPath) errors.push(required(`${at}.mountPath`));
    if (paths.has(mountPath)) errors.push(invalid(`${at}.mountPath`, mountPath, 'must be unique'));
    paths.add(mountPath);
  });
  return errors;
}

/** checkHostPortConflicts: one protocol/hostIP/hostPort per pod, or per container when `each` (init containers). */
export function hostPortConflicts(containers: unknown[], path: string, each = false): FieldError[] {
  const errors: FieldError[] = [];
  let seen = new Set<string>();
  containers.forEach((raw, ci) => {
    if (each) seen = new Set();
    asArray(asObj(raw)?.ports).forEach((p, pi) => {
      const port = asObj(p) ?? {};
      if (!port.hostPort) return;
      const key = `${asString(port.protocol) || 'TCP'}/${asString(port.hostIP)}/${String(port.hostPort)}`;
      if (seen.has(key)) errors.push(duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      seen.add(key);
    });
  });
  return errors;
}
