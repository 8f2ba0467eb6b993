// The HorizontalPodAutoscaler controller. It runs as the ServiceAccount kube-system/horizontal-pod-autoscaler
// (system:serviceaccount:kube-system:horizontal-pod-autoscaler, bound to the ClusterRole
// system:controller:horizontal-pod-autoscaler), as kube-controller-manager runs it with
// --use-service-account-credentials: it reads HPAs and pods through the shared informers, gets and
// updates `*/scale`, updates `horizontalpodautoscalers/status`, lists `pods.metrics.k8s.io` and
// records events. Its clock is the ControllerContext's (the sync period and stabilisation windows).
import { HorizontalPodAutoscalerController, type HpaControllerOptions } from './hpa-controller.js';

export { HPA_CONTROLLER, SYNC_PERIOD_MS, HorizontalPodAutoscalerController, type HpaControllerOptions } from './hpa-controller.js';
export { resourceMetricsApi, type MetricsSource, type PodUsage } from './metrics-source.js';
export { resourceUtilizationReplicas, averageValueReplicas, groupPods, type PodSample, type CalculatorOptions } from './replica-calculator.js';
export { normalizeDesiredReplicas, recordScaleEvent, initialMemory, type AutoscalerMemory, type Normalized } from './behavior.js';
export { proposeForMetrics, formatMilliQuantity } from './metric-proposals.js';
export { horizontalPodAutoscalers, type HorizontalPodAutoscaler } from './types.js';

/**
 * A new HPA controller. `metrics` replaces the resource metrics API (tests, other sources); `clock`
 * replaces the context's clock for the controller's own time (the 15 s resync runs on the work
 * queue's clock, so run the controller with the same one).
 */
export function horizontalPodAutoscalerController(o: HpaControllerOptions = {}): HorizontalPodAutoscalerController {
  return new HorizontalPodAutoscalerController(o);
}
