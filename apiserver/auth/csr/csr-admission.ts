// CertificateSigningRequests record who asked (upstream's CSR strategy PrepareForCreate): spec.username,
// uid, groups and extra are the requesting user's, whatever the body said; and the approval subresource
// may only set Approved/Denied conditions, never both (upstream's approval validation).
import { invalid } from '../../errors.js';
import type { ApiContext } from '../../handlers/context.js';
import type { KubeObject } from '../../registry/types.js';

export function csrAdmission(ctx: ApiContext, obj: KubeObject, old?: KubeObject): void {
  if (ctx.entry.plural !== 'certificatesigningrequests' || ctx.entry.group !== 'certificates.k8s.io') return;
  if (!old && !ctx.info.subresource) {
    const spec = (obj.spec ?? {}) as Record<string, unknown>;
    spec.username = ctx.user.name;
    if (ctx.user.uid) spec.uid = ctx.user.uid;
    else delete spec.uid;
    spec.groups = ctx.user.groups;
    if (ctx.user.extra) spec.extra = ctx.user.extra;
    else delete spec.extra;
    obj.spec = spec;
    return;
  }
  if (ctx.info.subresource === 'approval') {
    const conditions = ((obj.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? []);
    const approved = conditions.findIndex((c) => c.type === 'Approved' && c.status === 'True');
    const denied = conditions.findIndex((c) => c.type === 'Denied' && c.status === 'True');
    if (approved >= 0 && denied >= 0) {
      const i = Math.max(approved, denied);
      throw invalid('CertificateSigningRequest', obj.metadata?.name ?? '', [
        { reason: 'FieldValueInvalid', field: `status.conditions[${i}].type`, message: `Invalid value: "${conditions[i]!.type}": Approved and Denied conditions are mutually exclusive` },
      ], 'certificates.k8s.io');
    }
  }
}
