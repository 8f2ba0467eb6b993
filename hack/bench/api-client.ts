// The API benchmark's HTTPS side (api.ts): the client, with the admin credentials from the kubeconfig and
// one keep-alive agent per concurrency, and the baseline server that the same client drives.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:https';
import { join } from 'node:path';
import { parse } from 'yaml';
import { children, tailOf } from './support.js';

// ---------------------------------------------------------------------------------------------------
// The baseline server, when the benchmark runs as its own child (`bench-api.js --baseline-child`): it is
// started with the paths of the k8ts serving certificate, key and CA, and prints its port on stdout.

export function baselineChild(): void {
  const [cert, key, ca] = process.argv.slice(3).map((p) => readFileSync(p, 'utf8'));
  const body = Buffer.from('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":200}');
  // The TLS options of apiserver/server.ts: client certificates requested, checked by the handler.
  const server = createServer({ cert, key, ca, requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' }, (req, res) => {
    req.resume(); // read and drop the request body, as a real server must
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 90_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`port ${(server.address() as { port: number }).port}\n`));
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

interface Baseline {
  child: ChildProcess;
  port: number;
}

/**
 * The baseline server as a child process: `script` (the benchmark's own file, whose entry point hands
 * `--baseline-child` to baselineChild) with the serving certificate, key and CA in `tlsDir`.
 */
export async function startBaseline(script: string, tlsDir: string): Promise<Baseline> {
  const child = spawn(
    process.execPath,
    [script, '--baseline-child', join(tlsDir, 'serving-kube-apiserver.crt'), join(tlsDir, 'serving-kube-apiserver.key'), join(tlsDir, 'server-ca.crt')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  const stderr = tailOf(child);
  child.stdout!.setEncoding('utf8');
  const port = await new Promise<number>((r, j) => {
    let out = '';
    child.stdout!.on('data', (s: string) => {
      out += s;
      const m = /port (\d+)/.exec(out);
      if (m) r(Number(m[1]));
    });
    child.once('exit', (code) => j(new Error(`baseline server exited (${code}):\n${stderr()}`)));
  });
  return { child, port };
}

// ---------------------------------------------------------------------------------------------------
// The HTTPS client: the admin credentials from the kubeconfig, one keep-alive agent per concurrency.

// Every HTTPS agent is registered here and destroyed at the end, on error and on SIGINT (children and
// temp dirs: support.ts).
const agents = new Set<Agent>();

/** Destroys every agent still open (at cleanup). */
export function destroyAgents(): void {
  for (const a of agents) a.destroy();
  agents.clear();
}

interface Credentials {
  server: URL;
  ca: string;
  cert: string;
  key: string;
}

export function readKubeconfig(path: string): Credentials {
  const kc = parse(readFileSync(path, 'utf8')) as {
    clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
    users: Array<{ user: { 'client-certificate-data': string; 'client-key-data': string } }>;
  };
  const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');
  const cluster = kc.clusters[0]!.cluster;
  const user = kc.users[0]!.user;
  return {
    server: new URL(cluster.server),
    ca: b64(cluster['certificate-authority-data']),
    cert: b64(user['client-certificate-data']),
    key: b64(user['client-key-data']),
  };
}

export interface Client {
  agent: Agent;
  host: string;
  port: number;
}

export function client(creds: Credentials, port: number, sockets: number): Client {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, ca: creds.ca, cert: creds.cert, key: creds.key });
  agents.add(agent);
  return { agent, host: creds.server.hostname, port };
}

export function closeClient(c: Client): void {
  c.agent.destroy();
  agents.delete(c.agent);
}

const JSON_HEADERS = { Accept: 'application/json' };

interface Reply {
  status: number;
  body: Buffer;
}

export function call(c: Client, method: string, path: string, body?: Buffer): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const headers: Record<string, string | number> = body
      ? { Accept: 'application/json', 'Content-Type': 'application/json', 'Content-Length': body.length }
      : JSON_HEADERS;
    const req = request({ agent: c.agent, host: c.host, port: c.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolveReply({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens `n` keep-alive connections (TLS handshakes with the client certificate) before a measured run. */
export async function prime(c: Client, n: number): Promise<void> {
  await Promise.all(Array.from({ length: n }, () => call(c, 'GET', '/version')));
}
