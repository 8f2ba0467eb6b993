// Whether an applied object has settled, as `k8ts test` judges it: workloads available and rolled out,
// jobs complete, pods ready or succeeded, services selecting a ready pod, claims bound, references
// (ingress backends, HPA and PDB targets, role bindings) pointing at things that exist. A verdict that
// is not yet `ready` carries the cluster's own words (the scheduler's message, a container's waiting
// reason). Pure over a view of the cluster.

export type Verdict = { state: 'ready'; detail?: string } | { state: 'pending'; reason: string } | { state: 'failed'; reason: string };

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ClusterView {
  get(kind: string, namespace: string | undefined, name: string): Obj | undefined;
  /** Pods in `namespace` whose labels match every pair of `selector` (matchLabels form). */
  pods(namespace: string, selector: Record<string, string> | undefined): Obj[];
  /** Ready endpoint addresses of a Service (from its EndpointSlices). */
  readyEndpoints(namespace: string, service: string): number;
}

const cond = (o: Obj, type: string) => ((o.status?.conditions ?? []) as Obj[]).find((c) => c.type === type);

/** The most telling problem among pods: unschedulable, then a container that cannot start or keeps crashing. */
export function podProblem(pods: Obj[]): string | undefined {
  for (const p of pods) {
    const scheduled = cond(p, 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.message) return `pod ${p.metadata.name}: ${scheduled.message}`;
  }
  for (const p of pods) {
    for (const c of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])] as Obj[]) {
      const waiting = c.state?.waiting;
      if (waiting?.reason && waiting.reason !== 'ContainerCreating' && waiting.reason !== 'PodInitializing') {
        return `pod ${p.metadata.name}: container ${c.name}: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`;
      }
      const terminated = c.lastState?.terminated ?? c.state?.terminated;
      if (p.status?.phase === 'Failed' && terminated) return `pod ${p.metadata.name}: container ${c.name} exited with code ${terminated.exitCode}`;
    }
  }
  return undefined;
}

function workload(o: Obj, view: ClusterView, ready: boolean, want: string): Verdict {
  if (ready) return { state: 'ready' };
  const progressing = cond(o, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { state: 'failed', reason: progressing.message };
  // Pods the apiserver refuses (a missing ServiceAccount, a quota) never exist: the controller's words.
  const failure = cond(o, 'ReplicaFailure');
  if (failure?.status === 'True') return { state: 'pending', reason: `${failure.reason}: ${failure.message}` };
  const problem = podProblem(view.pods(o.metadata.namespace, o.spec?.selector?.matchLabels ?? o.spec?.selector));
  return { state: 'pending', reason: problem ?? want };
}

export function verdict(o: Obj, view: ClusterView): Verdict {
  const ns: string = o.metadata?.namespace ?? 'default';
  const gen = o.metadata?.generation ?? 0;
  const observed = (o.status?.observedGeneration ?? 0) >= gen;
  switch (o.kind) {
    case 'Deployment':
    case 'ReplicaSet': {
      const want = o.spec?.replicas ?? 1;
      const done = observed && (o.status?.updatedReplicas ?? (o.kind === 'ReplicaSet' ? want : 0)) === want && (o.status?.availableReplicas ?? 0) === want && (o.status?.replicas ?? 0) === want;
      return workload(o, view, done, `${o.status?.availableReplicas ?? 0}/${want} replicas available`);
    }
    case 'StatefulSet': {
      const want = o.spec?.replicas ?? 1;
      return workload(o, view, observed && (o.status?.readyReplicas ?? 0) === want && (o.status?.updatedReplicas ?? 0) === want, `${o.status?.readyReplicas ?? 0}/${want} replicas ready`);
    }
    case 'DaemonSet': {
      const want = o.status?.desiredNumberScheduled ?? 0;
      if (observed && want === 0 && o.status) return { state: 'ready', detail: 'no eligible node' };
      return workload(o, view, observed && want > 0 && (o.status?.numberReady ?? 0) === want && (o.status?.updatedNumberScheduled ?? 0) === want, `${o.status?.numberReady ?? 0}/${want} pods ready`);
    }
    case 'Job': {
      if (cond(o, 'Complete')?.status === 'True') return { state: 'ready' };
      const failed = cond(o, 'Failed');
      if (failed?.status === 'True') return { state: 'failed', reason: `${failed.reason}: ${failed.message}` };
      const problem = podProblem(view.pods(ns, o.spec?.selector?.matchLabels));
      return { state: 'pending', reason: problem ?? `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1} completions` };
    }
    case 'CronJob':
      return { state: 'ready', detail: o.spec?.suspend ? 'suspended' : `schedule ${o.spec?.schedule}` };
    case 'Pod': {
      const phase = o.status?.phase;
      if (phase === 'Succeeded' || cond(o, 'Ready')?.status === 'True') return { state: 'ready' };
      if (phase === 'Failed') return { state: 'failed', reason: podProblem([o]) ?? 'the pod failed' };
      return { state: 'pending', reason: podProblem([o]) ?? `phase ${phase ?? 'Pending'}` };
    }
    case 'Service': {
      const selector = o.spec?.selector as Record<string, string> | undefined;
      if (!selector || Object.keys(selector).length === 0 || o.spec?.type === 'ExternalName') return { state: 'ready' };
      if (view.readyEndpoints(ns, o.metadata.name) > 0) return { state: 'ready' };
      const pods = view.pods(ns, selector);
      const sel = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
      return { state: 'pending', reason: pods.length === 0 ? `selector ${sel} matches no pods` : `no ready pod behind selector ${sel}${podProblem(pods) ? ` (${podProblem(pods)})` : ''}` };
    }
    case 'PersistentVolumeClaim':
      return o.status?.phase === 'Bound' ? { state: 'ready' } : { state: 'pending', reason: `claim is ${o.status?.phase ?? 'Pending'} (a pod must use it first when its class waits for a consumer)` };
    case 'Ingress': {
      for (const rule of (o.spec?.rules ?? []) as Obj[]) {
        for (const path of (rule.http?.paths ?? []) as Obj[]) {
          const svc = path.backend?.service;
          if (!svc) continue;
          const target = view.get('Service', ns, svc.name);
          if (!target) return { state: 'failed', reason: `backend service ${svc.name} does not exist` };
          const ports = (target.spec?.ports ?? []) as Obj[];
          if (svc.port?.number !== undefined && !ports.some((p) => p.port === svc.port.number)) return { state: 'failed', reason: `backend service ${svc.name} has no port ${svc.port.number}` };
          if (svc.port?.name !== undefined && !ports.some((p) => p.name === svc.port.name)) return { state: 'failed', reason: `backend service ${svc.name} has no port named ${svc.port.name}` };
        }
      }
      return { state: 'ready' };
    }
    case 'HorizontalPodAutoscaler': {
      const ref = o.spec?.scaleTargetRef;
      return ref && view.get(ref.kind, ns, ref.name) ? { state: 'ready' } : { state: 'failed', reason: `scale target ${ref?.kind}/${ref?.name} does not exist` };
    }
    case 'PodDisruptionBudget':
      return view.pods(ns, o.spec?.selector?.matchLabels).length > 0 ? { state: 'ready' } : { state: 'failed', reason: 'its selector matches no pods' };
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const ref = o.roleRef;
      const role = view.get(ref?.kind, ref?.kind === 'Role' ? ns : undefined, ref?.name);
      if (!role) return { state: 'failed', reason: `${ref?.kind} ${ref?.name} does not exist` };
      for (const s of (o.subjects ?? []) as Obj[]) {
        if (s.kind === 'ServiceAccount' && !view.get('ServiceAccount', s.namespace ?? ns, s.name)) return { state: 'failed', reason: `ServiceAccount ${s.namespace ?? ns}/${s.name} does not exist` };
      }
      return { state: 'ready' };
    }
    case 'CustomResourceDefinition':
      return cond(o, 'Established')?.status === 'True' ? { state: 'ready' } : { state: 'pending', reason: 'not established yet' };
    default:
      return { state: 'ready' };
  }
}
