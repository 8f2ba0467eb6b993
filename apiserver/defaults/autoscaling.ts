// HorizontalPodAutoscaler defaults: autoscaling/v1 and v2 SetDefaults_HorizontalPodAutoscaler. The
// version is the body's own apiVersion (defaults run on the decoded request, before conversion).
import { defaultValue, field, specOf, type Fields } from './fields.js';

const DEFAULT_CPU_UTILIZATION = 80;

function scaleUpRules(): Fields {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/** No stabilizationWindowSeconds: upstream leaves it to the controller's --horizontal-pod-autoscaler-downscale-stabilization. */
function scaleDownRules(): Fields {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** Fill a direction's unset fields from its defaults (upstream's GenerateHPAScaleUp/DownRules). */
function fillRules(behavior: Fields, direction: string, defaults: Fields): void {
  const rules = field(behavior, direction);
  if (!rules) {
    defaultValue(behavior, direction, defaults);
    return;
  }
  for (const [key, value] of Object.entries(defaults)) defaultValue(rules, key, value);
}

export function defaultHorizontalPodAutoscaler(obj: object): void {
  const spec = specOf(obj);
  defaultValue(spec, 'minReplicas', 1);
  if ((obj as Fields)['apiVersion'] !== 'autoscaling/v2') return;
  const metrics = spec['metrics'];
  if (!Array.isArray(metrics) || metrics.length === 0) {
    spec['metrics'] = [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } },
    ];
  }
  const behavior = field(spec, 'behavior');
  if (behavior) {
    fillRules(behavior, 'scaleUp', scaleUpRules());
    fillRules(behavior, 'scaleDown', scaleDownRules());
  }
}
