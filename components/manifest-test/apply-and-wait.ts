// The core of `k8ts test`: apply the manifests to a cluster (Namespaces and CRDs first, waiting for CRDs
// to be Established; server-side apply with strict field validation, so a bad manifest is refused with
// the cluster's own message), then watch every object until it settles, fails, or time runs out.
import type { LocalApi } from '../../apiserver/server.js';
import type { Manifest } from './load-manifests.js';
import type { ObjectResult } from './report.js';
import { verdict, type ClusterView, type Verdict } from './verdicts.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface ResourceInfo {
  path: string;
  plural: string;
  namespaced: boolean;
}

/** kind (and apiVersion) → resource path, from discovery. */
async function discover(api: LocalApi): Promise<Map<string, ResourceInfo>> {
  const map = new Map<string, ResourceInfo>();
  const add = async (groupVersion: string, base: string) => {
    const r = await api.request({ method: 'GET', path: base });
    for (const res of ((r.body as Obj)?.resources ?? []) as Obj[]) {
      if (String(res.name).includes('/')) continue;
      map.set(`${groupVersion}/${res.kind}`, { path: base, plural: res.name, namespaced: res.namespaced });
    }
  };
  await add('v1', '/api/v1');
  const groups = ((await api.request({ method: 'GET', path: '/apis' })).body as Obj)?.groups ?? [];
  for (const g of groups as Obj[]) for (const v of g.versions as Obj[]) await add(v.groupVersion, `/apis/${v.groupVersion}`);
  return map;
}

const rank = (m: Manifest) => (m.object.kind === 'Namespace' ? 0 : m.object.kind === 'CustomResourceDefinition' ? 1 : 2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RunOptions {
  timeoutMs: number;
  /** Called with the current results on every round (a live display). */
  progress?: (results: ObjectResult[]) => void;
}

export async function applyAndWait(api: LocalApi, manifests: Manifest[], o: RunOptions): Promise<ObjectResult[]> {
  const deadline = Date.now() + o.timeoutMs;
  const ordered = [...manifests].sort((a, b) => rank(a) - rank(b));
  let resources = await discover(api);
  const results: Array<ObjectResult & { info?: ResourceInfo }> = [];
  let crdsWaited = false;
  for (const m of ordered) {
    if (rank(m) === 2 && !crdsWaited) {
      crdsWaited = true;
      await waitForCrds(api, results, deadline);
      resources = await discover(api);
    }
    const obj = m.object;
    const info = resources.get(`${obj.apiVersion}/${obj.kind}`);
    const namespace = info?.namespaced ? (obj.metadata?.namespace ?? 'default') : undefined;
    const base: ObjectResult = { kind: String(obj.kind ?? '?'), name: String(obj.metadata?.name ?? '?'), file: m.file, line: m.line, verdict: { state: 'pending', reason: 'not applied' } };
    if (namespace) base.namespace = namespace;
    if (!obj.apiVersion || !obj.kind) {
      results.push({ ...base, verdict: { state: 'failed', reason: 'apiVersion and kind are required' } });
      continue;
    }
    if (!info) {
      results.push({ ...base, verdict: { state: 'failed', reason: `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"` } });
      continue;
    }
    const path = `${info.path}/${namespace ? `namespaces/${namespace}/` : ''}${info.plural}/${obj.metadata?.name ?? ''}`;
    const r = await api.request({
      method: 'PATCH',
      path: `${path}?fieldManager=k8ts-test&force=true&fieldValidation=Strict`,
      headers: { 'content-type': 'application/apply-patch+yaml' },
      body: { ...obj, metadata: { ...obj.metadata, ...(namespace ? { namespace } : {}) } },
    });
    if (r.status >= 300) results.push({ ...base, verdict: { state: 'failed', reason: String((r.body as Obj)?.message ?? `HTTP ${r.status}`) } });
    else results.push({ ...base, info, verdict: { state: 'pending', reason: 'applied' } });
  }
  for (;;) {
    const view = await snapshotView(api, resources, results);
    for (const r of results) {
      if (!r.info) continue;
      const current = view.get(r.kind, r.namespace, r.name);
      r.verdict = current ? verdict(current, view) : { state: 'pending', reason: 'not found' };
    }
    o.progress?.(results);
    const pending = results.some((r) => r.verdict.state === 'pending');
    if (!pending || Date.now() > deadline) break;
    await sleep(200);
  }
  return results.map(({ info: _info, ...r }) => r);
}

async function waitForCrds(api: LocalApi, results: ObjectResult[], deadline: number): Promise<void> {
  const crds = results.filter((r) => r.kind === 'CustomResourceDefinition' && r.verdict.state !== 'failed');
  while (Date.now() < deadline) {
    const states = await Promise.all(crds.map((c) => api.request({ method: 'GET', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${c.name}` })));
    if (states.every((s) => ((s.body as Obj)?.status?.conditions ?? []).some((c: Obj) => c.type === 'Established' && c.status === 'True'))) return;
    await sleep(50);
  }
}

/** A view of what the verdicts read, fetched once per round. */
async function snapshotView(api: LocalApi, resources: Map<string, ResourceInfo>, results: ObjectResult[]): Promise<ClusterView> {
  const byKind = new Map<string, ResourceInfo>();
  for (const [key, info] of resources) byKind.set(key.slice(key.lastIndexOf('/') + 1), info);
  const cache = new Map<string, Obj | undefined>();
  const namespaces = new Set(results.map((r) => r.namespace ?? 'default'));
  const pods = new Map<string, Obj[]>();
  const slices = new Map<string, Obj[]>();
  for (const ns of namespaces) {
    pods.set(ns, (((await api.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/pods` })).body as Obj)?.items ?? []) as Obj[]);
    slices.set(ns, (((await api.request({ method: 'GET', path: `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices` })).body as Obj)?.items ?? []) as Obj[]);
  }
  const fetch = async (keys: string[]) => {
    const got = await Promise.all(
      keys.filter((k) => !cache.has(k)).map(async (key) => {
        const [kind, ns, name] = key.split('|') as [string, string, string];
        const info = byKind.get(kind);
        if (!info) return [key, undefined] as const;
        const r = await api.request({ method: 'GET', path: `${info.path}/${info.namespaced ? `namespaces/${ns || 'default'}/` : ''}${info.plural}/${name}` });
        return [key, r.status === 200 ? (r.body as Obj) : undefined] as const;
      }),
    );
    for (const [key, value] of got) cache.set(key, value);
  };
  await fetch([...new Set(results.map((r) => `${r.kind}|${r.namespace ?? ''}|${r.name}`))]);
  // What the objects refer to: ingress backends, scale targets, roles and service accounts of bindings.
  const refs: string[] = [];
  for (const r of results) {
    const o = cache.get(`${r.kind}|${r.namespace ?? ''}|${r.name}`);
    if (!o) continue;
    const ns = r.namespace ?? '';
    for (const rule of (o.spec?.rules ?? []) as Obj[]) for (const path of (rule.http?.paths ?? []) as Obj[]) if (path.backend?.service?.name) refs.push(`Service|${ns}|${path.backend.service.name}`);
    if (o.spec?.scaleTargetRef) refs.push(`${o.spec.scaleTargetRef.kind}|${ns}|${o.spec.scaleTargetRef.name}`);
    if (o.roleRef) refs.push(`${o.roleRef.kind}|${o.roleRef.kind === 'Role' ? ns : ''}|${o.roleRef.name}`);
    for (const sub of (o.subjects ?? []) as Obj[]) if (sub.kind === 'ServiceAccount') refs.push(`ServiceAccount|${sub.namespace ?? ns}|${sub.name}`);
  }
  await fetch([...new Set(refs)]);
  return {
    get: (kind, ns, name) => cache.get(`${kind}|${ns ?? ''}|${name}`),
    pods: (ns, selector) => (pods.get(ns) ?? []).filter((p) => selector && Object.entries(selector).every(([k, v]) => p.metadata?.labels?.[k] === v)),
    readyEndpoints: (ns, svc) =>
      (slices.get(ns) ?? [])
        .filter((sl) => sl.metadata?.labels?.['kubernetes.io/service-name'] === svc)
        .reduce((n, sl) => n + ((sl.endpoints ?? []) as Obj[]).filter((e) => e.conditions?.ready !== false).length, 0),
  };
}

export type { Verdict };
