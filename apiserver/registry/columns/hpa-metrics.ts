// TARGETS of `kubectl get hpa` (upstream formatHPAMetrics): `current/target` per metric, the first
// two shown. Reads autoscaling/v2 objects, and v1 ones (targetCPUUtilizationPercentage) as cpu.
import type { V1HorizontalPodAutoscaler, V2HorizontalPodAutoscaler, V2MetricSpec, V2MetricStatus } from '@kubernetes/client-node';

const SHOWN = 2;
const UNKNOWN = '<unknown>';

export function hpaTargets(hpa: V2HorizontalPodAutoscaler): string {
  const v1 = hpa as unknown as V1HorizontalPodAutoscaler;
  if (!hpa.spec?.metrics && v1.spec?.targetCPUUtilizationPercentage !== undefined) {
    const current = v1.status?.currentCPUUtilizationPercentage;
    return `cpu: ${current !== undefined ? `${current}%` : UNKNOWN}/${v1.spec.targetCPUUtilizationPercentage}%`;
  }
  const specs = hpa.spec?.metrics ?? [];
  if (specs.length === 0) return '<none>';
  const statuses = hpa.status?.currentMetrics ?? [];
  const list = specs.map((spec, i) => formatMetric(spec, statuses[i]));
  const shown = list.slice(0, SHOWN).join(', ');
  return list.length > SHOWN ? `${shown} + ${list.length - SHOWN} more...` : shown;
}

function formatMetric(spec: V2MetricSpec, status: V2MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External': {
      const t = spec.external?.target;
      const c = status?.external?.current;
      if (t?.averageValue !== undefined) return `${str(c?.averageValue)}/${t.averageValue} (avg)`;
      return `${str(c?.value)}/${str(t?.value)}`;
    }
    case 'Pods':
      return `${str(status?.pods?.current.averageValue)}/${str(spec.pods?.target.averageValue)}`;
    case 'Object': {
      const t = spec.object?.target;
      const c = status?.object?.current;
      if (t?.averageValue !== undefined) return `${str(c?.averageValue)}/${t.averageValue} (avg)`;
      return `${str(c?.value)}/${str(t?.value)}`;
    }
    case 'Resource':
      return resourceMetric(spec.resource?.name ?? '', spec.resource?.target, status?.resource?.current);
    case 'ContainerResource':
      return resourceMetric(spec.containerResource?.name ?? '', spec.containerResource?.target, status?.containerResource?.current);
    default:
      return '<unknown type>';
  }
}

interface Target {
  averageValue?: string;
  averageUtilization?: number;
}

function resourceMetric(name: string, target: Target | undefined, current: Target | undefined): string {
  if (target?.averageValue !== undefined) return `${name}: ${str(current?.averageValue)}/${target.averageValue}`;
  const cur = current?.averageUtilization !== undefined ? `${current.averageUtilization}%` : UNKNOWN;
  const tgt = target?.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>';
  return `${name}: ${cur}/${tgt}`;
}

function str(v: string | number | undefined): string {
  return v === undefined ? UNKNOWN : String(v);
}
