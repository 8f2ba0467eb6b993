// The manifest corpus (issue 4) through stock kubectl against a real `k8ts server`:
// - every file in test/manifests/invalid is refused by `kubectl apply` with the status code, field path and
//   message its header states (upstream's, from Kubernetes' validation code);
// - every file in test/manifests/valid is accepted, and `kubectl get -o json` shows each field the manifest
//   set unchanged, plus the upstream defaults its `# default:` lines name.
// kubectl runs at most POOL processes at a time, so the whole corpus takes seconds, not minutes.
import t from 'tap';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { kubectlBinary, startServer, type ServerProcess } from '../helpers/k8ts-server.js';

const POOL = 3;
const CORPUS = join(import.meta.dirname, '..', 'manifests');
const kubectl = kubectlBinary(33) ?? kubectlBinary(32);

/** A corpus file's `# key: value` header lines (keys may repeat: `default`). */
interface Header {
  code?: number;
  field?: string;
  message?: string;
  via?: string;
  defaults: string[];
}

function readHeader(text: string): Header {
  const header: Header = { defaults: [] };
  for (const line of text.split('\n')) {
    const m = /^# ([a-z]+): (.*)$/.exec(line);
    if (!m) {
      if (line.startsWith('#')) continue;
      break;
    }
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'code') header.code = Number(value);
    else if (key === 'field') header.field = value;
    else if (key === 'message') header.message = value;
    else if (key === 'via') header.via = value;
    else if (key === 'default') header.defaults.push(value);
  }
  return header;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs jobs with at most `size` in flight; results in input order. */
async function pool<T, R>(items: T[], size: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await job(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}

/** The status code of the last write request in kubectl's -v=6 log (1.30+ structured or older text form). */
function lastWriteStatus(log: string): number | undefined {
  let status: number | undefined;
  for (const line of log.split('\n')) {
    const structured = /"Response" verb="(?:POST|PUT|PATCH)" .*status="(\d{3})/.exec(line);
    const text = / (?:POST|PUT|PATCH) https?:\/\/\S+ (\d{3}) /.exec(line);
    const m = structured ?? text;
    if (m) status = Number(m[1]);
  }
  return status;
}

/** A JSON value at a path like `spec.template.spec.containers[0].image`. */
function at(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Where `want` (a manifest) differs from `got` (the stored object): every field set must be there, equal. */
function subsetDiffs(want: unknown, got: unknown, path = ''): string[] {
  if (want !== null && typeof want === 'object') {
    if (Array.isArray(want)) {
      if (!Array.isArray(got) || got.length !== want.length) return [`${path}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`];
      return want.flatMap((w, i) => subsetDiffs(w, got[i], `${path}[${i}]`));
    }
    if (got === null || typeof got !== 'object' || Array.isArray(got)) return [`${path}: want an object, got ${JSON.stringify(got)}`];
    return Object.entries(want).flatMap(([k, w]) => subsetDiffs(w, (got as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return want === got ? [] : [`${path}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`];
}

const listYaml = (dir: string) =>
  readdirSync(join(CORPUS, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort();

if (!kubectl) {
  t.plan(0, 'kubectl 1.33 or 1.32 is not installed');
} else {
  let server: ServerProcess;
  let home: string;
  const run = (args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(kubectl, args, { env: { ...process.env, HOME: home, KUBECONFIG: server.kubeconfig }, timeout: 30_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });

  /** POSTs a body straight to the API with the kubeconfig's client certificate (for what kubectl cannot send). */
  const post = (path: string, body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const cfg = parse(readFileSync(server.kubeconfig, 'utf8')) as {
        clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
        users: Array<{ user: { 'client-certificate-data': string; 'client-key-data': string } }>;
      };
      const b64 = (s: string) => Buffer.from(s, 'base64');
      const url = new URL(path, cfg.clusters[0]!.cluster.server);
      const req = request(
        url,
        {
          method: 'POST',
          ca: b64(cfg.clusters[0]!.cluster['certificate-authority-data']),
          cert: b64(cfg.users[0]!.user['client-certificate-data']),
          key: b64(cfg.users[0]!.user['client-key-data']),
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  t.before(async () => {
    server = await startServer();
    home = mkdtempSync(join(tmpdir(), 'k8ts-corpus-home-'));
    await run(['api-resources']); // fills the discovery cache once, before the parallel runs
  });
  t.teardown(async () => {
    await server?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  t.test('invalid manifests are refused with upstream code, field path and message', async (t) => {
    const files = listYaml('invalid');
    t.ok(files.length >= 60, `${files.length} invalid manifests`);
    const results = await pool(files, POOL, async (file) => {
      const path = join(CORPUS, 'invalid', file);
      const text = readFileSync(path, 'utf8');
      const header = readHeader(text);
      if (header.via === 'api') {
        // kubectl merges duplicate keys before sending; the server's strict decoding sees them only on the wire.
        const doc = parse(text, { uniqueKeys: false }) as { kind: string; metadata: { namespace?: string } };
        const res = await post(`/api/v1/namespaces/${doc.metadata.namespace ?? 'default'}/${doc.kind.toLowerCase()}s?fieldValidation=Strict`, text.replace(/^#.*\n/gm, ''));
        const message = (JSON.parse(res.text) as { message?: string }).message ?? res.text;
        return { file, header, status: res.status, output: message, exit: 1 };
      }
      const r = await run(['apply', '-f', path, '-v=6']);
      return { file, header, status: lastWriteStatus(r.stderr), output: r.stderr, exit: r.code };
    });
    for (const { file, header, status, output, exit } of results) {
      t.test(file, async (t) => {
        t.ok(header.code && header.message, 'the header states code and message');
        t.not(exit, 0, 'refused');
        t.equal(status, header.code, 'status code');
        const expected = header.field !== undefined ? `${header.field}: ${header.message}` : header.message!;
        t.ok(output.includes(expected), `output has: ${expected}`, { output: output.split('\n').filter((l) => !l.startsWith('I')).join('\n') });
      });
    }
  });

  t.test('valid manifests are accepted and stored unchanged except for defaults', async (t) => {
    const files = listYaml('valid');
    t.ok(files.length >= 20, `${files.length} valid manifests`);
    const results = await pool(files, POOL, async (file) => {
      const path = join(CORPUS, 'valid', file);
      const apply = await run(['apply', '-f', path]);
      const get = apply.code === 0 ? await run(['get', '-f', path, '-o', 'json']) : undefined;
      return { file, path, apply, get };
    });
    for (const { file, path, apply, get } of results) {
      t.test(file, async (t) => {
        t.equal(apply.code, 0, 'kubectl apply succeeds', { stderr: apply.stderr });
        if (!get) return;
        t.equal(get.code, 0, 'kubectl get -f succeeds', { stderr: get.stderr });
        const text = readFileSync(path, 'utf8');
        const docs = parseAllDocuments(text)
          .map((d) => d.toJSON() as Record<string, unknown> | null)
          .filter((d): d is Record<string, unknown> => d !== null);
        const live = JSON.parse(get.stdout) as { kind: string; items?: Array<Record<string, unknown>> };
        const items = live.kind === 'List' ? (live.items ?? []) : [live as Record<string, unknown>];
        t.equal(items.length, docs.length, 'one stored object per document');
        docs.forEach((doc, i) => t.same(subsetDiffs(doc, items[i]), [], `${String(doc.kind)} ${String(at(doc, 'metadata.name'))} unchanged`));
        // `# default: Kind path = JSON` : the first object of that kind has the default upstream sets.
        for (const line of readHeader(text).defaults) {
          const m = /^(\S+) (\S+) = (.*)$/.exec(line);
          if (!m) {
            t.fail(`bad default line: ${line}`);
            continue;
          }
          const [, kind, fieldPath, json] = m as unknown as [string, string, string, string];
          const item = items.find((o) => o.kind === kind);
          t.same(at(item, fieldPath), JSON.parse(json), `${kind} ${fieldPath} defaults to ${json}`);
        }
      });
    }
  });
}
