// An apiserver in this process over an in-memory store, with a small HTTPS client that authenticates
// with the admin certificate. For tests of the API's own behaviour (status codes, shapes).
import { request } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapObjects } from '../../apiserver/bootstrap.js';
import { builtinResources } from '../../apiserver/registry/index.js';
import { Registry } from '../../apiserver/registry/registry.js';
import { createApiServer, type ApiServer, type ApiServerOptions } from '../../apiserver/server.js';
import { ensureClusterCerts, type ClusterCerts } from '../../apiserver/tls/cluster-certs.js';
import { EmbeddedBackend } from '../../kine/embedded-backend.js';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export type Credentials = { token: string } | { cert: string; key: string } | Record<string, never>;

export interface TestApi {
  api: ApiServer;
  /** The cluster CA (to call without a client certificate) and the port. */
  ca: string;
  port: number;
  backend: EmbeddedBackend;
  certs: ClusterCerts;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** The same call with other credentials: a bearer token, another client certificate, or none. */
  callAs(as: Credentials, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** Open a watch and collect its events until close() is called. */
  stream(path: string): { events: Array<{ type: string; object: any }>; close(): void }; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export async function startTestApi(options: { authentication?: ApiServerOptions['authentication'] } = {}): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-api-'));
  const certs = await ensureClusterCerts(join(dir, 'tls'), { hostnames: [], ips: [] });
  const backend = new EmbeddedBackend({ path: ':memory:', leaseCheckIntervalMs: 0 });
  const api = createApiServer({
    registry: new Registry(builtinResources),
    backend,
    tls: { cert: certs.servingCert, key: certs.servingKey, ca: certs.caCert },
    advertiseAddress: '127.0.0.1:6443',
    clusterCa: { cert: certs.caCert, key: certs.caKey },
    authentication: { serviceAccountKey: { privateKeyPem: certs.serviceAccountKey, publicKeyPem: certs.serviceAccountPublicKey }, ...options.authentication },
  });
  await bootstrapObjects(api.store);
  const port = await api.listen(0, '127.0.0.1');
  const tls = { ca: certs.caCert, cert: certs.adminCert, key: certs.adminKey };
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => send(tls, method, path, body, headers);
  const callAs = (as: Credentials, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    send({ ca: certs.caCert, ...('cert' in as ? { cert: as.cert, key: as.key } : {}) }, method, path, body, {
      ...('token' in as ? { authorization: `Bearer ${as.token}` } : {}),
      ...headers,
    });
  const send = (tls: { ca: string; cert?: string; key?: string }, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      const req = request(
        { host: '127.0.0.1', port, method, path, ...tls, headers: { 'content-type': 'application/json', ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode!, headers: res.headers, text, json });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const stream = (path: string) => {
    const events: Array<{ type: string; object: any }> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    let buf = '';
    const req = request({ host: '127.0.0.1', port, method: 'GET', path, ...tls }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        buf += c;
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buf.slice(0, nl)));
          buf = buf.slice(nl + 1);
        }
      });
    });
    req.on('error', () => undefined);
    req.end();
    return { events, close: () => req.destroy() };
  };
  return {
    api,
    ca: certs.caCert,
    certs,
    port,
    backend,
    call,
    callAs,
    stream,
    async close() {
      await api.close();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
