// Every built-in resource, one line each. Order is discovery order: groups in upstream's priority
// order (core, apps, events.k8s.io, authentication, authorization, autoscaling, batch, certificates, networking, policy, rbac,
// storage, admissionregistration, apiextensions, scheduling, coordination, node, discovery,
// flowcontrol), resources by name within a group.
import { mutatingwebhookconfigurations } from './admissionregistration/mutatingwebhookconfigurations.js';
import { validatingadmissionpolicies } from './admissionregistration/validatingadmissionpolicies.js';
import { validatingadmissionpolicybindings } from './admissionregistration/validatingadmissionpolicybindings.js';
import { validatingwebhookconfigurations } from './admissionregistration/validatingwebhookconfigurations.js';
import { selfsubjectreviews } from './authentication/selfsubjectreviews.js';
import { tokenreviews } from './authentication/tokenreviews.js';
import { localsubjectaccessreviews } from './authorization/localsubjectaccessreviews.js';
import { selfsubjectaccessreviews } from './authorization/selfsubjectaccessreviews.js';
import { selfsubjectrulesreviews } from './authorization/selfsubjectrulesreviews.js';
import { subjectaccessreviews } from './authorization/subjectaccessreviews.js';
import { customresourcedefinitions } from './apiextensions/customresourcedefinitions.js';
import { controllerrevisions } from './apps/controllerrevisions.js';
import { daemonsets } from './apps/daemonsets.js';
import { deployments } from './apps/deployments.js';
import { replicasets } from './apps/replicasets.js';
import { statefulsets } from './apps/statefulsets.js';
import { horizontalpodautoscalers } from './autoscaling/horizontalpodautoscalers.js';
import { cronjobs } from './batch/cronjobs.js';
import { jobs } from './batch/jobs.js';
import { certificatesigningrequests } from './certificates/certificatesigningrequests.js';
import { leases } from './coordination/leases.js';
import { bindings } from './core/bindings.js';
import { componentstatuses } from './core/componentstatuses.js';
import { configmaps } from './core/configmaps.js';
import { endpoints } from './core/endpoints.js';
import { events } from './core/events.js';
import { limitranges } from './core/limitranges.js';
import { namespaces } from './core/namespaces.js';
import { nodes } from './core/nodes.js';
import { persistentvolumeclaims } from './core/persistentvolumeclaims.js';
import { persistentvolumes } from './core/persistentvolumes.js';
import { pods } from './core/pods.js';
import { podtemplates } from './core/podtemplates.js';
import { replicationcontrollers } from './core/replicationcontrollers.js';
import { resourcequotas } from './core/resourcequotas.js';
import { secrets } from './core/secrets.js';
import { serviceaccounts } from './core/serviceaccounts.js';
import { services } from './core/services.js';
import { endpointslices } from './discovery/endpointslices.js';
import { events as eventsK8sIo } from './events/events.js';
import { flowschemas } from './flowcontrol/flowschemas.js';
import { prioritylevelconfigurations } from './flowcontrol/prioritylevelconfigurations.js';
import { ingressclasses } from './networking/ingressclasses.js';
import { ingresses } from './networking/ingresses.js';
import { networkpolicies } from './networking/networkpolicies.js';
import { runtimeclasses } from './node/runtimeclasses.js';
import { poddisruptionbudgets } from './policy/poddisruptionbudgets.js';
import { clusterrolebindings } from './rbac/clusterrolebindings.js';
import { clusterroles } from './rbac/clusterroles.js';
import { rolebindings } from './rbac/rolebindings.js';
import { roles } from './rbac/roles.js';
import { priorityclasses } from './scheduling/priorityclasses.js';
import { csidrivers } from './storage/csidrivers.js';
import { csinodes } from './storage/csinodes.js';
import { storageclasses } from './storage/storageclasses.js';
import { volumeattachments } from './storage/volumeattachments.js';
import type { ResourceEntry } from './types.js';

export const builtinResources: ResourceEntry[] = [
  bindings,
  componentstatuses,
  configmaps,
  endpoints,
  events,
  limitranges,
  namespaces,
  nodes,
  persistentvolumeclaims,
  persistentvolumes,
  pods,
  podtemplates,
  replicationcontrollers,
  resourcequotas,
  secrets,
  serviceaccounts,
  services,
  controllerrevisions,
  daemonsets,
  deployments,
  replicasets,
  statefulsets,
  eventsK8sIo,
  selfsubjectreviews,
  tokenreviews,
  localsubjectaccessreviews,
  selfsubjectaccessreviews,
  selfsubjectrulesreviews,
  subjectaccessreviews,
  horizontalpodautoscalers,
  cronjobs,
  jobs,
  certificatesigningrequests,
  ingressclasses,
  ingresses,
  networkpolicies,
  poddisruptionbudgets,
  clusterrolebindings,
  clusterroles,
  rolebindings,
  roles,
  csidrivers,
  csinodes,
  storageclasses,
  volumeattachments,
  mutatingwebhookconfigurations,
  validatingadmissionpolicies,
  validatingadmissionpolicybindings,
  validatingwebhookconfigurations,
  customresourcedefinitions,
  priorityclasses,
  leases,
  runtimeclasses,
  endpointslices,
  flowschemas,
  prioritylevelconfigurations,
];
