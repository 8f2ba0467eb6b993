// The smaller core/v1 kinds' defaults: Secret, ReplicationController, Endpoints.
import { defaultPodTemplateSpec } from './pod-spec.js';
import { child, defaultString, defaultValue, field, items, specOf, type Fields } from './fields.js';

export function defaultSecret(obj: object): void {
  defaultString(obj as Fields, 'type', 'Opaque');
}

/** SetDefaults_ReplicationController: selector and labels from the template's labels when empty. */
export function defaultReplicationController(obj: object): void {
  const spec = specOf(obj);
  const template = field(spec, 'template');
  const templateMeta = template && field(template, 'metadata');
  const labels = templateMeta && field(templateMeta, 'labels');
  if (labels) {
    const selector = field(spec, 'selector');
    if (!selector || Object.keys(selector).length === 0) spec['selector'] = { ...labels };
    const meta = child(obj as Fields, 'metadata');
    const own = field(meta, 'labels');
    if (!own || Object.keys(own).length === 0) meta['labels'] = { ...labels };
  }
  defaultValue(spec, 'replicas', 1);
  if (template) defaultPodTemplateSpec(template);
}

export function defaultEndpoints(obj: object): void {
  for (const subset of items(obj as Fields, 'subsets')) {
    for (const port of items(subset, 'ports')) defaultString(port, 'protocol', 'TCP');
  }
}

/** discovery.k8s.io/v1 SetDefaults_EndpointPort: name "" and protocol TCP. */
export function defaultEndpointSlice(obj: object): void {
  for (const port of items(obj as Fields, 'ports')) {
    defaultValue(port, 'name', '');
    defaultValue(port, 'protocol', 'TCP');
  }
}

/**
 * SetDefaults_LimitRangeItem for Container limits: a default limit from max, then a default request
 * from the default limit, then from min, each only where unset.
 */
export function defaultLimitRange(obj: object): void {
  for (const item of items(specOf(obj), 'limits')) {
    if (item['type'] !== 'Container') continue;
    const defaults = child(item, 'default');
    const requests = child(item, 'defaultRequest');
    for (const [k, v] of Object.entries(field(item, 'max') ?? {})) defaultValue(defaults, k, v);
    for (const [k, v] of Object.entries(defaults)) defaultValue(requests, k, v);
    for (const [k, v] of Object.entries(field(item, 'min') ?? {})) defaultValue(requests, k, v);
  }
}
