// Signs approved CertificateSigningRequests for the two client signers the apiserver's CA serves
// (upstream's csrsigning controller, run inside the apiserver since it holds the CA key):
//   kubernetes.io/kube-apiserver-client          any subject, client auth usages;
//   kubernetes.io/kube-apiserver-client-kubelet  CN system:node:<name>, O exactly system:nodes.
// The certificate (PEM) goes to status.certificate; a request the signer refuses gets a Failed condition.
import { certificatesigningrequests } from '../../registry/certificates/certificatesigningrequests.js';
import type { KubeObject } from '../../registry/types.js';
import type { ObjectStore } from '../../storage/object-store.js';
import type { CertificateAuthority } from '../../tls/certificate-authority.js';
import { timestamp } from '../../handlers/object-meta.js';
import { parseCertificateRequest, Pkcs10Error, type CertificateRequest } from './pkcs10.js';

export const CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';
export const KUBELET_CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client-kubelet';
const CLIENT_USAGES = new Set(['digital signature', 'key encipherment', 'client auth']);
/** upstream's --cluster-signing-duration default: one year. */
const DEFAULT_DURATION_MS = 365 * 24 * 3600 * 1000;

interface Csr extends KubeObject {
  spec: { request?: string; signerName?: string; usages?: string[]; expirationSeconds?: number };
  status?: { conditions?: Array<{ type: string; status: string }>; certificate?: string };
}

/** Why the signer refuses the request, or undefined when it may sign. Pure. */
export function signerRefusal(signer: string, req: CertificateRequest, usages: string[]): string | undefined {
  const bad = usages.filter((u) => !CLIENT_USAGES.has(u));
  if (bad.length > 0) return `invalid usage for client certificate: ${bad.join(', ')}`;
  if (!usages.includes('client auth')) return 'missing required usage: client auth';
  if (signer === KUBELET_CLIENT_SIGNER) {
    if (!req.commonName.startsWith('system:node:') || req.commonName === 'system:node:') return 'subject common name does not begin with system:node:';
    if (req.organizations.length !== 1 || req.organizations[0] !== 'system:nodes') return 'subject organization is not system:nodes';
  }
  return undefined;
}

export class CsrSigner {
  private cancel?: () => void;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ObjectStore,
    private readonly ca: CertificateAuthority,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(): Promise<void> {
    const listed = await this.store.list(certificatesigningrequests, undefined, {}, { bypassCache: true });
    for (const csr of listed.items) await this.sync(csr as Csr);
    this.cancel = this.store.watch(certificatesigningrequests, undefined, { resourceVersion: Number(listed.resourceVersion) }, {
      event: (type, obj) => {
        if (type !== 'DELETED') this.queue = this.queue.then(() => this.sync(obj as Csr)).catch(() => undefined);
      },
      error: () => {
        this.cancel?.();
        void this.start();
      },
    });
  }

  stop(): void {
    this.cancel?.();
  }

  private async sync(csr: Csr): Promise<void> {
    const signer = csr.spec?.signerName ?? '';
    if (signer !== CLIENT_SIGNER && signer !== KUBELET_CLIENT_SIGNER) return;
    const conditions = csr.status?.conditions ?? [];
    const has = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
    if (!has('Approved') || has('Denied') || has('Failed') || csr.status?.certificate) return;
    let certificate: string | undefined;
    let failure: string | undefined;
    try {
      const req = parseCertificateRequest(Buffer.from(csr.spec.request ?? '', 'base64'));
      failure = signerRefusal(signer, req, csr.spec.usages ?? []);
      if (!failure) {
        const ms = csr.spec.expirationSeconds ? Math.max(600, csr.spec.expirationSeconds) * 1000 : DEFAULT_DURATION_MS;
        certificate = this.ca.signClient({ commonName: req.commonName, organizations: req.organizations }, req.publicKey, this.now(), ms);
      }
    } catch (err) {
      if (!(err instanceof Pkcs10Error)) throw err;
      failure = err.message;
    }
    const now = timestamp(this.now());
    await this.store
      .guaranteedUpdate(certificatesigningrequests, undefined, csr.metadata!.name!, (current) => {
        const status = { ...((current.status as Csr['status']) ?? {}) };
        if (status.certificate) return current;
        if (certificate) status.certificate = Buffer.from(certificate).toString('base64');
        else {
          status.conditions = [
            ...(status.conditions ?? []),
            { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message: failure ?? 'refused', lastUpdateTime: now, lastTransitionTime: now } as never,
          ];
        }
        current.status = status;
        return current;
      })
      .catch((err) => {
        if ((err as { code?: number }).code !== 404) throw err;
      });
  }
}
