// Port numbers, IANA port names and protocols as apimachinery's IsValidPortNum / IsValidPortName and
// core/validation's supportedPortProtocols check them; shared by containers, services, probes,
// ingresses and network policies.
import type { FieldError } from '../registry/types.js';
import { inclusiveRange, notSupported } from './field-errors.js';

/** sets.List(supportedPortProtocols): sorted. */
export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

/** IsValidPortNum's problems for a port number. */
export function portNumberProblems(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRange(1, 65535)];
}

/** IsValidPortName (IANA_SVC_NAME): the problems of a named port. */
export function portNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) out.push('must contain at least one letter (a-z)');
  if (name.includes('--')) out.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

/** A port's protocol, one of SCTP/TCP/UDP (defaulted to TCP: absent is left to the defaults). */
export function validateProtocol(protocol: unknown, path: string): FieldError[] {
  if (protocol === undefined || protocol === null || protocol === '') return [];
  return (PORT_PROTOCOLS as readonly unknown[]).includes(protocol) ? [] : [notSupported(path, protocol, PORT_PROTOCOLS)];
}
