// The HTTPS transport: node:https with one keep-alive agent per transport, credentials from a
// kubeconfig (client certificate, bearer token, CA) as clientcmd reads them. JSON in and out; a watch
// is a chunked 200 response of newline-delimited JSON events.
import { readFileSync } from 'node:fs';
import { Agent, request, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { ApiError, ndjsonEvents, type Transport, type TransportRequest, type TransportResponse, type WatchEvent } from './transport.js';

export interface HttpsTransportOptions {
  /** `https://host:port`, optionally with a path prefix. */
  server: string;
  /** PEM of the CA that signed the serving certificate; the system's CAs when absent. */
  ca?: string;
  /** Client certificate and key (PEM). */
  cert?: string;
  key?: string;
  /** Bearer token, sent as `Authorization: Bearer …`. */
  token?: string;
  insecureSkipTlsVerify?: boolean;
  /** TLS server name when it differs from the server's host. */
  tlsServerName?: string;
  userAgent?: string;
}

export class HttpsTransport implements Transport {
  private readonly agent: Agent;
  private readonly base: URL;

  constructor(private readonly o: HttpsTransportOptions) {
    this.base = new URL(o.server);
    this.agent = new Agent({
      keepAlive: true,
      ca: o.ca,
      cert: o.cert,
      key: o.key,
      rejectUnauthorized: !o.insecureSkipTlsVerify,
      servername: o.tlsServerName,
    });
  }

  /** A transport for the kubeconfig at `path` (its current context, or `context`). */
  static fromKubeconfigFile(path: string, context?: string): HttpsTransport {
    return new HttpsTransport(kubeconfigCredentials(readFileSync(path, 'utf8'), { context, dir: dirname(path) }));
  }

  async request(req: TransportRequest, signal?: AbortSignal): Promise<TransportResponse> {
    const res = await this.send(req, signal);
    const text = await readAll(res);
    const body = parseBody(text);
    const status = res.statusCode ?? 0;
    if (status < 200 || status > 299) throw ApiError.from(status, body);
    return { status, body, warnings: warningsOf(res) };
  }

  async watch(req: TransportRequest, signal: AbortSignal): Promise<AsyncIterable<WatchEvent>> {
    const res = await this.send(req, signal);
    const status = res.statusCode ?? 0;
    if (status !== 200) throw ApiError.from(status, parseBody(await readAll(res)));
    return ndjsonEvents(res, signal);
  }

  /** Closes idle keep-alive connections; open watches end with their signals. */
  close(): void {
    this.agent.destroy();
  }

  private send(req: TransportRequest, signal?: AbortSignal): Promise<IncomingMessage> {
    const payload =
      req.body === undefined ? undefined : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
    const query = req.query?.toString();
    const prefix = this.base.pathname.replace(/\/$/, '');
    const headers: Record<string, string> = { accept: 'application/json' };
    // DELETE bodies are not chunked by node: the length must always be given
    if (payload) Object.assign(headers, { 'content-type': req.contentType ?? 'application/json', 'content-length': String(payload.length) });
    if (this.o.token) headers.authorization = `Bearer ${this.o.token}`;
    if (this.o.userAgent) headers['user-agent'] = this.o.userAgent;
    const options: RequestOptions = {
      agent: this.agent,
      protocol: 'https:',
      hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
      port: this.base.port || 443,
      method: req.method,
      path: `${prefix}${req.path}${query ? `?${query}` : ''}`,
      headers,
      signal,
    };
    return new Promise((resolvePromise, reject) => {
      const r = request(options, resolvePromise);
      r.on('error', reject);
      r.end(payload);
    });
  }
}

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `Warning: 299 - "text"` headers (RFC 7234 as upstream sends them), text only. */
function warningsOf(res: IncomingMessage): string[] {
  const raw = res.headers.warning;
  if (!raw) return [];
  return (Array.isArray(raw) ? raw : [raw]).map((w) => /^\d{3} \S+ "(.*)"/.exec(w)?.[1]?.replace(/\\"/g, '"') ?? w);
}

interface KubeconfigFile {
  'current-context'?: string;
  clusters?: Array<{ name: string; cluster: Record<string, string | boolean | undefined> }>;
  users?: Array<{ name: string; user: Record<string, string | undefined> }>;
  contexts?: Array<{ name: string; context: { cluster: string; user: string; namespace?: string } }>;
}

/**
 * The server and credentials a kubeconfig's context names, as clientcmd resolves them: inline
 * `*-data` (base64) before file paths, paths relative to the kubeconfig's folder (`dir`). Only
 * certificates and tokens: exec and auth-provider plugins are not supported. Pure but for reading
 * the files a path names.
 */
export function kubeconfigCredentials(yamlText: string, o: { context?: string; dir?: string } = {}): HttpsTransportOptions {
  const config = (parse(yamlText) ?? {}) as KubeconfigFile;
  const contextName = o.context ?? config['current-context'];
  const context = config.contexts?.find((c) => c.name === contextName)?.context;
  if (!context) throw new Error(`kubeconfig: context ${JSON.stringify(contextName ?? '')} not found`);
  const cluster = config.clusters?.find((c) => c.name === context.cluster)?.cluster;
  if (!cluster || typeof cluster.server !== 'string') throw new Error(`kubeconfig: cluster ${JSON.stringify(context.cluster)} not found or without server`);
  const user = config.users?.find((u) => u.name === context.user)?.user ?? {};
  const read = (data: unknown, file: unknown): string | undefined => {
    if (typeof data === 'string' && data) return Buffer.from(data, 'base64').toString('utf8');
    if (typeof file === 'string' && file) return readFileSync(resolve(o.dir ?? '.', file), 'utf8');
    return undefined;
  };
  const token = user.token || (user.tokenFile ? readFileSync(resolve(o.dir ?? '.', user.tokenFile), 'utf8').trim() : undefined);
  return {
    server: cluster.server,
    ca: read(cluster['certificate-authority-data'], cluster['certificate-authority']),
    cert: read(user['client-certificate-data'], user['client-certificate']),
    key: read(user['client-key-data'], user['client-key']),
    token: token || undefined,
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
    tlsServerName: typeof cluster['tls-server-name'] === 'string' ? cluster['tls-server-name'] : undefined,
  };
}
