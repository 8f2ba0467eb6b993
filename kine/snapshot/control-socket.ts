// The running server's snapshot endpoint for `k8ts snapshot save`: HTTP over the unix socket
// DIR/db/snapshot.sock (mode 0600, so only the server's user can ask). The server holds the store's
// file exclusively, so a second process cannot read it; it asks the server instead, which takes the
// snapshot without pausing the API and writes it where asked.
//
//   POST /snapshots {"name": N?, "dir": D?}  →  200 {"path", "revision", "size", ...header} | 500 {"error"}
import { existsSync, unlinkSync, chmodSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import type { SnapshotHeader } from './format.js';
import { SnapshotError } from './errors.js';

export function controlSocketPath(dataDir: string): string {
  return join(dataDir, 'db', 'snapshot.sock');
}

export interface SaveRequest {
  name?: string;
  dir?: string;
}

export type SaveResult = SnapshotHeader & { path: string; size: number };

export async function listenControlSocket(path: string, save: (req: SaveRequest) => Promise<SaveResult>): Promise<Server> {
  if (existsSync(path)) unlinkSync(path);
  const server = createServer((req, res) => {
    const reply = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/snapshots') return reply(404, { error: 'not found' });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: SaveRequest;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as SaveRequest;
      } catch {
        return reply(400, { error: 'bad JSON' });
      }
      save(body).then((r) => reply(200, r), (err: Error) => reply(500, { error: err.message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  server.unref();
  return server;
}

/** Ask the server behind `path` for a snapshot; undefined when no server listens there. */
export function requestSnapshot(path: string, body: SaveRequest): Promise<SaveResult | undefined> {
  if (!existsSync(path)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: path, method: 'POST', path: '/snapshots', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SaveResult & { error?: string };
        if (res.statusCode === 200) resolve(parsed);
        else reject(new SnapshotError(parsed.error ?? `snapshot: the server answered ${res.statusCode}`));
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      // A socket file left by a server that is gone: nobody to ask.
      if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT') resolve(undefined);
      else reject(err);
    });
    req.end(JSON.stringify(body));
  });
}
