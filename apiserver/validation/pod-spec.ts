// PodSpec and PodTemplateSpec as upstream's ValidatePodSpec / ValidatePodTemplateSpec check them.
// Shared by Pod (path `spec`) and every workload template (`spec.template.spec`, `spec.jobTemplate...`).
import type { FieldError, KubeObject } from '../registry/types.js';
import { hostPortConflicts, validateContainer, type ContainerContext } from './container.js';
import { asArray, asObj, asString, duplicate, forbidden, invalid, nonNegative, notSupported, required, type Obj } from './field-errors.js';
import { nameProblems, type NameRule } from './names.js';
import { validateLabels, validateMetaMaps } from './object-meta.js';
import { validateTolerations } from './tolerations.js';

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'] as const;
/** sets.List order of upstream's validDNSPolicies. */
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] as const;
/** Volume sources in the order upstream's validateVolumeSource counts them. */
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flexVolume', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
] as const;

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Volumes: unique DNS-1123 label names, exactly one source each. Returns the valid names too. */
function validateVolumes(volumes: unknown, path: string): { errors: FieldError[]; names: Set<string> } {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  asArray(volumes).forEach((raw, i) => {
    const v = asObj(raw) ?? {};
    const at = `${path}[${i}]`;
    const name = asString(v.name);
    if (!name) errors.push(required(`${at}.name`));
    else for (const p of nameProblems(name, 'dns1123-label')) errors.push(invalid(`${at}.name`, name, p));
    if (name && names.has(name)) errors.push(duplicate(`${at}.name`, name));
    const sources = VOLUME_SOURCES.filter((s) => v[s] !== undefined && v[s] !== null);
    if (sources.length === 0) errors.push(required(at, 'must specify a volume type'));
    for (const s of sources.slice(1)) errors.push(forbidden(`${at}.${s}`, 'may not specify more than 1 volume type'));
    if (name) names.add(name);
  });
  return { errors, names };
}

/** Names in the pod spec that must be valid object names (ValidatePodSpec). */
const NAMED_FIELDS: Array<[string, NameRule]> = [
  ['serviceAccountName', 'subdomain'],
  ['nodeName', 'subdomain'],
  ['priorityClassName', 'subdomain'],
  ['hostname', 'dns1123-label'],
  ['subdomain', 'dns1123-label'],
];

/** ValidatePodSpec's rules this package covers, under `path` (`spec` for a Pod). */
export function validatePodSpec(spec: Obj | undefined, path: string): FieldError[] {
  const s = spec ?? {};
  const { errors, names: volumes } = validateVolumes(s.volumes, `${path}.volumes`);
  const ctx: ContainerContext = { volumes, names: new Set() };
  const initContainers = asArray(s.initContainers);
  initContainers.forEach((c, i) => errors.push(...validateContainer(asObj(c) ?? {}, `${path}.initContainers[${i}]`, ctx, 'initContainer')));
  // Init containers run one at a time: each is checked for host port conflicts on its own.
  errors.push(...hostPortConflicts(initContainers, `${path}.initContainers`, true));
  const containers = asArray(s.containers);
  if (containers.length === 0) errors.push(required(`${path}.containers`));
  containers.forEach((c, i) => errors.push(...validateContainer(asObj(c) ?? {}, `${path}.containers[${i}]`, ctx)));
  errors.push(...hostPortConflicts(containers, `${path}.containers`));

  // restartPolicy and dnsPolicy are defaulted (Always, ClusterFirst); absent means "not yet defaulted".
  const restart = s.restartPolicy;
  if (present(restart) && !(RESTART_POLICIES as readonly unknown[]).includes(restart)) errors.push(notSupported(`${path}.restartPolicy`, restart, RESTART_POLICIES));
  const dns = s.dnsPolicy;
  if (present(dns) && !(DNS_POLICIES as readonly unknown[]).includes(dns)) errors.push(notSupported(`${path}.dnsPolicy`, dns, DNS_POLICIES));
  errors.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`));
  if (dns === 'None' && !asObj(s.dnsConfig)) errors.push(required(`${path}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None'));
  else if (dns === 'None' && asArray(asObj(s.dnsConfig)?.nameservers).length === 0) {
    errors.push(required(`${path}.dnsConfig.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
  }
  errors.push(...nonNegative(s.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`));
  for (const [f, rule] of NAMED_FIELDS) {
    const v = asString(s[f]);
    if (v) for (const p of nameProblems(v, rule)) errors.push(invalid(`${path}.${f}`, v, p));
  }
  if (typeof s.activeDeadlineSeconds === 'number' && s.activeDeadlineSeconds < 1) {
    errors.push(invalid(`${path}.activeDeadlineSeconds`, s.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive'));
  }
  errors.push(...validateTolerations(s.tolerations, `${path}.tolerations`));
  return errors;
}

export interface TemplateOptions {
  /** Restart policies the owning workload allows (upstream checks them after the pod spec). */
  restartPolicies?: readonly string[];
  /** The workload's word in `activeDeadlineSeconds in X is not Supported` (apps workloads forbid it). */
  noActiveDeadline?: string;
  /** Only the template's labels and annotations (ValidatePodTemplateSpecForStatefulSet skips the spec). */
  metadataOnly?: boolean;
}

/**
 * ValidatePodTemplateSpec under `path` (`spec.template`): template labels and annotations, the pod
 * spec, and the workload's restart policy rule.
 */
export function validatePodTemplate(template: unknown, path: string, opts: TemplateOptions = {}): FieldError[] {
  const t = asObj(template);
  if (!t) return [required(path)];
  const errors = validateMetaMaps(t.metadata, `${path}.metadata`);
  if (!opts.metadataOnly) errors.push(...validatePodSpec(asObj(t.spec), `${path}.spec`));
  const spec = asObj(t.spec);
  const restart = spec?.restartPolicy;
  if (opts.restartPolicies && present(restart) && !opts.restartPolicies.includes(restart as string)) {
    errors.push(notSupported(`${path}.spec.restartPolicy`, restart, opts.restartPolicies));
  }
  if (opts.noActiveDeadline && spec?.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    errors.push(forbidden(`${path}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${opts.noActiveDeadline} is not Supported`));
  }
  return errors;
}

/** A Pod: its spec, plus validateContainerOnlyForPod (images without surrounding whitespace). */
export function validatePod(obj: KubeObject): FieldError[] {
  const spec = asObj(obj.spec);
  const errors = validatePodSpec(spec, 'spec');
  for (const list of ['containers', 'initContainers']) {
    asArray(spec?.[list]).forEach((c, i) => {
      const image = asString(asObj(c)?.image);
      if (image && image.trim() !== image) errors.push(invalid(`spec.${list}[${i}].image`, image, 'must not have leading or trailing whitespace'));
    });
  }
  return errors;
}

export function validatePodTemplateObject(obj: KubeObject): FieldError[] {
  return validatePodTemplate(obj.template, 'template');
}
