import type { V1CertificateSigningRequest } from '@kubernetes/client-node';
import { ageColumn } from '../columns/age.js';
import { humanDuration } from '../columns/human-duration.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const csr = (o: KubeObject) => typed<V1CertificateSigningRequest>(o);

/** `Pending`, `Approved`, `Denied`, then `,Failed` and `,Issued` (upstream extractCSRStatus). */
function condition(o: KubeObject): string {
  const types = new Set((csr(o).status?.conditions ?? []).map((c) => c.type));
  let s = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) s += ',Failed';
  if (csr(o).status?.certificate) s += ',Issued';
  return s;
}

export const certificatesigningrequests: ResourceEntry = {
  group: 'certificates.k8s.io',
  versions: ['v1'],
  kind: 'CertificateSigningRequest',
  plural: 'certificatesigningrequests',
  singular: 'certificatesigningrequest',
  shortNames: ['csr'],
  namespaced: false,
  subresources: [
    { name: 'approval', kind: 'CertificateSigningRequest', verbs: ['get', 'patch', 'update'] },
    { name: 'status', kind: 'CertificateSigningRequest', verbs: ['get', 'patch', 'update'] },
  ],
  model: 'V1CertificateSigningRequest',
  hasStatus: true,
  columns: [
    ageColumn,
    { name: 'SignerName', type: 'string', description: 'The requested signer.', cell: (o) => csr(o).spec?.signerName || '<none>' },
    { name: 'Requestor', type: 'string', description: 'The user that created the request.', cell: (o) => csr(o).spec?.username ?? '' },
    {
      name: 'RequestedDuration',
      type: 'string',
      description: 'The requested validity of the certificate.',
      cell: (o) => {
        const s = csr(o).spec?.expirationSeconds;
        return s === undefined ? '<none>' : humanDuration(s * 1000);
      },
    },
    { name: 'Condition', type: 'string', description: 'Approval state of the request.', cell: condition },
  ],
  fieldSelectors: { 'spec.signerName': (o) => csr(o).spec?.signerName ?? '' },
};
