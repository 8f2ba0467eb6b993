// Pure decisions about the cluster's certificates: which names the serving certificate must carry, and
// when an existing certificate has to be reissued. cluster-certs.ts gathers the facts and acts.
import { isIP } from 'node:net';
import { canonicalIp } from './certificate.js';

/** Reissue a certificate this close to its expiry (mirrors k3s's CertificateRenewDays). */
export const RENEW_WITHIN_DAYS = 90;

/** The `kubernetes` Service's ClusterIP: the first address of the default service CIDR 10.43.0.0/16. */
export const KUBERNETES_SERVICE_IP = '10.43.0.1';

/** Names every serving certificate carries, as kube-apiserver and k3s put them in (cluster domain cluster.local). */
export const DEFAULT_SERVING_DNS_NAMES = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];
export const DEFAULT_SERVING_IPS = ['127.0.0.1', '::1', KUBERNETES_SERVICE_IP];

/**
 * The serving certificate's SANs: the defaults plus the requested ones, DNS names lower-cased, IPs in one
 * spelling, duplicates dropped, order kept. An IP passed as a hostname counts as an IP (as k3s's --tls-san).
 * Throws TypeError on an entry of `ips` that is not an IP, or a hostname that cannot be a dNSName.
 */
export function servingAltNames(requested: { hostnames: string[]; ips: string[] }): { dnsNames: string[]; ips: string[] } {
  const dnsNames = new Set<string>();
  const ips = new Set(DEFAULT_SERVING_IPS);
  for (const name of [...DEFAULT_SERVING_DNS_NAMES, ...requested.hostnames]) {
    if (isIP(name)) ips.add(canonicalIp(name));
    else if (/^[\x21-\x7e]+$/.test(name) && !name.includes(',')) dnsNames.add(name.toLowerCase());
    else throw new TypeError(`not a usable hostname for a certificate: ${JSON.stringify(name)}`);
  }
  for (const ip of requested.ips) ips.add(canonicalIp(ip));
  return { dnsNames: [...dnsNames], ips: [...ips] };
}

export interface IssuedCertFacts {
  notAfter: Date;
  /** Issued and signed by the CA in use now. */
  signedByCa: boolean;
  /** Requested DNS names and IPs that the certificate does not cover. */
  missing: string[];
}

/** Why an existing certificate must be reissued, or undefined to keep it as it is. */
export function renewalReason(facts: IssuedCertFacts, now: Date): string | undefined {
  if (!facts.signedByCa) return 'not signed by the cluster CA';
  const daysLeft = (facts.notAfter.getTime() - now.getTime()) / (24 * 60 * 60 * 1000);
  if (daysLeft <= 0) return `expired on ${facts.notAfter.toISOString()}`;
  if (daysLeft <= RENEW_WITHIN_DAYS) return `expires on ${facts.notAfter.toISOString()}, within ${RENEW_WITHIN_DAYS} days`;
  if (facts.missing.length) return `does not cover ${facts.missing.join(', ')}`;
  return undefined;
}
