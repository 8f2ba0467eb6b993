// Service cluster IPs from the service CIDR (k3s's default 10.43.0.0/16). The first address after the
// network one (10.43.0.1) belongs to the `kubernetes` service; network and broadcast are never handed out.
import type { Backend } from '../../kine/backend.js';
import { type Claim, claim, release } from './allocation-keys.js';

export const SERVICE_IP_PREFIX = '/registry/k8ts/serviceips/';

export interface Cidr {
  base: number;
  size: number;
  text: string;
}

export function parseCidr(text: string): Cidr {
  const [ip, bits] = text.split('/');
  const base = ipToInt(ip!);
  const size = 2 ** (32 - Number(bits));
  return { base: base - (base % size), size, text };
}

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return NaN;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export const DEFAULT_SERVICE_CIDR = parseCidr('10.43.0.0/16');

export function inRange(cidr: Cidr, ip: string): boolean {
  const n = ipToInt(ip);
  return n > cidr.base && n < cidr.base + cidr.size - 1;
}

export class ServiceIpAllocator {
  constructor(
    private readonly backend: Backend,
    readonly cidr: Cidr = DEFAULT_SERVICE_CIDR,
  ) {}

  claim(ip: string, owner: string): Promise<Claim> {
    return claim(this.backend, SERVICE_IP_PREFIX + ip, owner);
  }

  /** A free address (random first, as upstream, then a scan); undefined when the range is full. */
  async allocate(owner: string): Promise<string | undefined> {
    const first = this.cidr.base + 2; // .1 is reserved for the kubernetes service
    const count = this.cidr.size - 3;
    for (let i = 0; i < 20; i++) {
      const ip = intToIp(first + Math.floor(Math.random() * count));
      if ((await this.claim(ip, owner)) === 'claimed') return ip;
    }
    for (let n = 0; n < count; n++) {
      const ip = intToIp(first + n);
      if ((await this.claim(ip, owner)) === 'claimed') return ip;
    }
    return undefined;
  }

  release(ip: string, owner: string): Promise<void> {
    return release(this.backend, SERVICE_IP_PREFIX + ip, owner);
  }
}
