// The same admin client over both transports, against one in-process apiserver (test/helpers).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Client } from '../../../components/client/client.js';
import { HttpsTransport } from '../../../components/client/transport-https.js';
import { InProcessTransport } from '../../../components/client/transport-in-process.js';
import type { TestApi } from '../../helpers/in-process-api.js';

export const admin = { name: 'system:admin', groups: ['system:masters'] };

/** A kubeconfig for the test apiserver with the admin client certificate, as `k8ts server` writes one. */
export function writeAdminKubeconfig(api: TestApi): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const yaml = [
    'apiVersion: v1',
    'kind: Config',
    'current-context: default',
    'clusters:',
    `- name: default`,
    `  cluster:`,
    `    server: https://127.0.0.1:${api.port}`,
    `    certificate-authority-data: ${b64(api.ca)}`,
    'contexts:',
    '- name: default',
    '  context: {cluster: default, user: default}',
    'users:',
    '- name: default',
    '  user:',
    `    client-certificate-data: ${b64(api.certs.adminCert)}`,
    `    client-key-data: ${b64(api.certs.adminKey)}`,
    '',
  ].join('\n');
  const path = join(mkdtempSync(join(tmpdir(), 'k8ts-client-')), 'kubeconfig.yaml');
  writeFileSync(path, yaml, { mode: 0o600 });
  return path;
}

export interface NamedClient {
  name: 'in-process' | 'https';
  client: Client;
  close(): void;
}

/** The admin client in-process and over HTTPS (from a kubeconfig). */
export function bothTransports(api: TestApi, fieldManager = 'client-test'): NamedClient[] {
  const https = HttpsTransport.fromKubeconfigFile(writeAdminKubeconfig(api));
  return [
    { name: 'in-process', client: new Client(new InProcessTransport(api.api.local(admin)), { fieldManager }), close: () => undefined },
    { name: 'https', client: new Client(https, { fieldManager }), close: () => https.close() },
  ];
}

/** Resolves when `check` holds, polling each few ms (for effects that travel through a watch). */
export async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
