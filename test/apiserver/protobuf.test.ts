// decodeProtobufObject against the protobuf bodies real kubectl sends. The oracle of the JSON mapping is kubectl
// itself: `-o json --dry-run=client` prints the object that the same command sends as protobuf.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE } from '../../apiserver/protobuf/index.js';
import { protoRegistry } from '../../apiserver/protobuf/schema/registry.js';
import { goDuration } from '../../apiserver/protobuf/well-known-types.js';
import { kubectlBinary } from '../helpers/k8ts-server.js';

const run = promisify(execFile);

// ---- a protobuf writer for hand-made bodies ----
const varint = (n: bigint | number): Buffer => {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v ? b | 0x80 : b);
  } while (v);
  return Buffer.from(out);
};
type Part = Buffer | string;
const bytesField = (field: number, ...parts: Part[]) => {
  const body = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  return Buffer.concat([varint((field << 3) | 2), varint(body.length), body]);
};
const varintField = (field: number, n: bigint | number) => Buffer.concat([varint(field << 3), varint(n)]);
const envelope = (apiVersion: string, kind: string, raw: Buffer) =>
  Buffer.concat([Buffer.from('6b387300', 'hex'), bytesField(1, bytesField(1, apiVersion), bytesField(2, kind)), bytesField(2, raw), bytesField(3), bytesField(4)]);

/** Drops `creationTimestamp: null`: ObjectMeta.creationTimestamp is omitzero since k8s 1.34 (our tables are 1.36). */
function withoutNullCreationTimestamps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullCreationTimestamps);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => !(k === 'creationTimestamp' && v === null))
      .map(([k, v]) => [k, withoutNullCreationTimestamps(v)]),
  );
}

const badRequest = (message: RegExp) => ({ name: 'StatusError', code: 400, reason: 'BadRequest', message });

t.test('the registry resolves every table reference and serves the kinds kubectl sends', async (t) => {
  const kinds = protoRegistry().kindKeys();
  for (const k of ['v1/ConfigMap', 'apps/v1/Deployment', 'authorization.k8s.io/v1/SelfSubjectAccessReview', 'authentication.k8s.io/v1alpha1/SelfSubjectReview']) {
    t.ok(kinds.includes(k), k);
  }
  t.equal(protoRegistry().messageForKind('policy/v1', 'DeleteOptions'), 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions');
  t.equal(PROTOBUF_MEDIA_TYPE, 'application/vnd.kubernetes.protobuf');
});

/** Bodies kubectl 1.32 sent, with what `-o json --dry-run=client` printed (less `creationTimestamp: null`). */
const FIXTURES: { command: string; hex: string; json: unknown }[] = [
  {
    command: 'create configmap cm1 --from-literal=a=1 --from-file=bin=<00 ff>',
    hex: '6b3873000a0f0a0276311209436f6e6669674d617012280a130a03636d3112001a0022002a0032003800420012060a01611201311a090a0362696e120200ff1a002200',
    json: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cm1' }, data: { a: '1' }, binaryData: { bin: 'AP8=' } },
  },
  {
    command: 'create deployment web --image=nginx --replicas=2 --port=8080',
    hex:
      '6b3873000a150a07617070732f7631120a4465706c6f796d656e7412b9010a1f0a0377656212001a0022002a003200380042005a0a0a0361707012037765621287010802' +
      '120c0a0a0a0361707012037765621a6d0a1c0a0012001a0022002a003200380042005a0a0a036170701203776562124d122f0a056e67696e7812056e67696e782a0032' +
      '0b0a00100018903f22002a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a' +
      '0c0800100018002000280038001a002200',
    json: {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 8080 }], resources: {} }] } },
        strategy: {},
      },
      status: {},
    },
  },
  {
    command: 'create service nodeport svc --tcp=80:http --node-port=30080',
    hex:
      '6b3873000a0d0a027631120753657276696365126d0a1f0a0373766312001a0022002a003200380042005a0a0a03617070120373766312460a200a0738302d687474' +
      '7012035443501850220a080110001a04687474702880eb01120a0a0361707012037376631a0022084e6f6465506f72743a00420052005a00600068001a020a001a002200',
    json: {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'svc', labels: { app: 'svc' } },
      spec: { ports: [{ name: '80-http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 }], selector: { app: 'svc' }, type: 'NodePort' },
      status: { loadBalancer: {} },
    },
  },
  {
    command: 'create priorityclass pc --value=1000 --preemption-policy=Never',
    hex: '6b3873000a250a147363686564756c696e672e6b38732e696f2f7631120d5072696f72697479436c61737312220a120a02706312001a0022002a0032003800420010e807180022002a054e657665721a002200',
    json: { kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: { name: 'pc' }, value: 1000, preemptionPolicy: 'Never' },
  },
];

t.test('bodies captured from kubectl 1.32', async (t) => {
  for (const { command, hex, json } of FIXTURES) {
    const decoded = decodeProtobufObject(Buffer.from(hex, 'hex'));
    t.strictSame(decoded.object, json, command);
    t.equal(`${decoded.apiVersion} ${decoded.kind}`, `${(json as { apiVersion: string }).apiVersion} ${(json as { kind: string }).kind}`);
  }
});

t.test('Go JSON rules: pointers, omitempty, non-pointer structs, well-known types', async (t) => {
  const meta = Buffer.concat([bytesField(1, 'd'), bytesField(3, ''), bytesField(8), bytesField(11, bytesField(1, 'app'), bytesField(2, 'x'))]);
  const template = bytesField(3, bytesField(2, bytesField(2, bytesField(1, 'c'), bytesField(2, 'img'), bytesField(8, bytesField(1, bytesField(1, 'cpu'), bytesField(2, bytesField(1, '500m')))))));
  const spec = Buffer.concat([
    varintField(1, 0), // *int32 replicas: present, so it appears even as 0
    template,
    bytesField(4, bytesField(1, 'RollingUpdate'), bytesField(2, bytesField(1, varintField(1, 1), bytesField(3, '25%')), bytesField(2, varintField(1, 0), varintField(2, 2)))),
    varintField(5, 0), // minReadySeconds: omitempty drops 0
    varintField(7, 0), // paused bool omitempty
  ]);
  const { object } = decodeProtobufObject(envelope('apps/v1', 'Deployment', Buffer.concat([bytesField(1, meta), bytesField(2, spec)])));
  t.strictSame(object, {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name: 'd', labels: { app: 'x' } },
    spec: {
      replicas: 0,
      selector: null, // *LabelSelector without omitempty
      template: { metadata: {}, spec: { containers: [{ name: 'c', image: 'img', resources: { limits: { cpu: '500m' } } }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 2 } },
    },
    status: {},
  });

  const times = decodeProtobufObject(
    envelope(
      'v1',
      'Namespace',
      bytesField(
        1,
        bytesField(1, 'n'),
        bytesField(8, varintField(1, 1700000000), varintField(2, 5)),
        bytesField(9, varintField(1, -62135596800n)),
        bytesField(17, bytesField(1, 'kubectl'), bytesField(4), bytesField(7, bytesField(1, '{"f:data":{}}'))),
      ),
    ),
  ).object;
  t.strictSame(times.metadata, {
    name: 'n',
    creationTimestamp: '2023-11-14T22:13:20Z',
    deletionTimestamp: null, // *Time present but the zero time: Go marshals it as null
    managedFields: [{ manager: 'kubectl', time: null, fieldsV1: { 'f:data': {} } }],
  });

  const secret = decodeProtobufObject(envelope('v1', 'Secret', Buffer.concat([bytesField(2, bytesField(1, 'k'), bytesField(2, Buffer.from([0, 255]))), bytesField(3, 'Opaque')]))).object;
  t.strictSame(secret, { kind: 'Secret', apiVersion: 'v1', metadata: {}, data: { k: 'AP8=' }, type: 'Opaque' });

  // An empty body is the Go zero value: slices without omitempty are null, structs are written.
  const clusterRole = decodeProtobufObject(envelope('rbac.authorization.k8s.io/v1', 'ClusterRole', Buffer.alloc(0))).object;
  t.strictSame(clusterRole, { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: {}, rules: null });
  const whoami = decodeProtobufObject(envelope('authentication.k8s.io/v1beta1', 'SelfSubjectReview', bytesField(1, bytesField(1, '')))).object;
  t.strictSame(whoami, { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1beta1', metadata: {}, status: { userInfo: {} } });

  const review = decodeProtobufObject(envelope('authentication.k8s.io/v1', 'TokenReview', bytesField(3, bytesField(2, bytesField(4, bytesField(1, 'scopes'), bytesField(2, bytesField(1, 'a'), bytesField(1, 'b'))))))).object;
  t.strictSame(review.status, { user: { extra: { scopes: ['a', 'b'] } } });
});

t.test('goDuration prints as Go does', async (t) => {
  const cases: [number, string][] = [[0, '0s'], [1, '1ns'], [1500, '1.5µs'], [1_500_000, '1.5ms'], [1e9, '1s'], [90e9, '1m30s'], [3600e9, '1h0m0s'], [3.6e12 + 5e8, '1h0m0.5s'], [-2e9, '-2s']];
  for (const [nanos, text] of cases) t.equal(goDuration(nanos), text, text);
});

t.test('bodies that do not fit are a 400, never dropped data', async (t) => {
  t.throws(() => decodeProtobufObject(Buffer.from('{"kind":"ConfigMap"}')), badRequest(/does not appear to be a protobuf message, expected prefix \[107 56 115 0\]/));
  t.throws(() => decodeProtobufObject(envelope('v1', '', Buffer.alloc(0))), badRequest(/'Kind' is missing/));
  t.throws(() => decodeProtobufObject(envelope('v1', 'Widget', Buffer.alloc(0))), badRequest(/no kind "Widget" is registered for version "v1"/));
  t.throws(() => decodeProtobufObject(envelope('v1', 'ConfigMap', bytesField(9, 'x'))), badRequest(/^unable to decode protobuf field 9 of k8s\.io\.api\.core\.v1\.ConfigMap$/));
  t.throws(
    () => decodeProtobufObject(envelope('v1', 'ConfigMap', bytesField(1, bytesField(1, 'cm'), varintField(99, 1)))),
    badRequest(/^unable to decode protobuf field 99 of k8s\.io\.apimachinery\.pkg\.apis\.meta\.v1\.ObjectMeta$/),
  );
  t.throws(() => decodeProtobufObject(envelope('v1', 'ConfigMap', varintField(1, 1))), badRequest(/field 1 of k8s\.io\.api\.core\.v1\.ConfigMap: wire type 0, expected 2/));
  t.throws(() => decodeProtobufObject(envelope('v1', 'ConfigMap', Buffer.from([0x0a, 0x05, 0x0a]))), badRequest(/runs past the end/));
  const gzip = Buffer.concat([Buffer.from('6b387300', 'hex'), bytesField(1, bytesField(1, 'v1'), bytesField(2, 'ConfigMap')), bytesField(3, 'gzip')]);
  t.throws(() => decodeProtobufObject(gzip), badRequest(/contentEncoding "gzip"/));
});

// ---- live: kubectl against a recording server of our own ----

interface Captured {
  method: string;
  path: string;
  contentType: string;
  body: Buffer;
}

const DISCOVERY: Record<string, [string, string, boolean][]> = {
  v1: [
    ['namespaces', 'Namespace', false], ['nodes', 'Node', false], ['configmaps', 'ConfigMap', true], ['secrets', 'Secret', true], ['services', 'Service', true],
    ['serviceaccounts', 'ServiceAccount', true], ['resourcequotas', 'ResourceQuota', true], ['pods', 'Pod', true],
  ],
  'apps/v1': [['deployments', 'Deployment', true], ['replicasets', 'ReplicaSet', true]],
  'batch/v1': [['jobs', 'Job', true], ['cronjobs', 'CronJob', true]],
  'networking.k8s.io/v1': [['ingresses', 'Ingress', true]],
  'rbac.authorization.k8s.io/v1': [['roles', 'Role', true], ['rolebindings', 'RoleBinding', true], ['clusterroles', 'ClusterRole', false], ['clusterrolebindings', 'ClusterRoleBinding', false]],
  'policy/v1': [['poddisruptionbudgets', 'PodDisruptionBudget', true]],
  'scheduling.k8s.io/v1': [['priorityclasses', 'PriorityClass', false]],
  'autoscaling/v2': [['horizontalpodautoscalers', 'HorizontalPodAutoscaler', true]],
  'autoscaling/v1': [['horizontalpodautoscalers', 'HorizontalPodAutoscaler', true]],
  'authentication.k8s.io/v1': [['selfsubjectreviews', 'SelfSubjectReview', false]],
  'authorization.k8s.io/v1': [['selfsubjectaccessreviews', 'SelfSubjectAccessReview', false], ['selfsubjectrulesreviews', 'SelfSubjectRulesReview', false]],
};

/** The deployment `expose` and `autoscale` read. */
const DEPLOYMENT = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  metadata: { name: 'web', namespace: 'default', uid: '6f1c7a4e-0000-4000-8000-000000000001', resourceVersion: '1' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 8080, protocol: 'TCP' }] }] } },
  },
  status: {},
};

function groupDiscovery() {
  const groups = Object.keys(DISCOVERY).filter((gv) => gv !== 'v1');
  const names = [...new Set(groups.map((gv) => gv.split('/')[0]!))];
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: names.map((name) => {
      const versions = groups.filter((gv) => gv.startsWith(`${name}/`)).map((gv) => ({ groupVersion: gv, version: gv.split('/')[1]! }));
      return { name, versions, preferredVersion: versions[0] };
    }),
  };
}

/** Records every request; answers discovery, GETs of DEPLOYMENT, and POSTs with the decoded object echoed back. */
function recordingServer(captured: Captured[]) {
  const json = (res: ServerResponse, code: number, body: unknown) => {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url!.split('?')[0]!;
      const body = Buffer.concat(chunks);
      captured.push({ method: req.method!, path, contentType: req.headers['content-type'] ?? '', body });
      if (req.method === 'POST') {
        try {
          const object = req.headers['content-type'] === PROTOBUF_MEDIA_TYPE ? decodeProtobufObject(body).object : JSON.parse(body.toString());
          const metadata = { name: 'created', namespace: 'default', ...(object.metadata as object), uid: 'u-1', resourceVersion: '2' };
          const status = { allowed: true, token: 'tok', userInfo: { username: 'admin', groups: ['system:masters'] } };
          return json(res, 201, { ...object, metadata, status: { ...(object.status as object), ...status } });
        } catch (err) {
          return json(res, 400, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: String(err), reason: 'BadRequest', code: 400 });
        }
      }
      if (path === '/api') return json(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
      if (path === '/apis') return json(res, 200, groupDiscovery());
      const gv = path === '/api/v1' ? 'v1' : path.replace(/^\/apis\//, '');
      const resources = DISCOVERY[gv];
      if (resources) {
        const list: object[] = resources.map(([name, kind, namespaced]) => ({ name, singularName: '', namespaced, kind, verbs: ['create', 'get', 'list', 'delete'] }));
        if (gv === 'apps/v1') list.push({ name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'update'] });
        return json(res, 200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources: list });
      }
      if (path === '/apis/apps/v1/namespaces/default/deployments/web') return json(res, 200, DEPLOYMENT);
      json(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not found', reason: 'NotFound', code: 404 });
    });
  });
}

/** Commands that POST one object; the oracle of each is the same command with `-o json --dry-run=client`. */
const COMMANDS: string[][] = [
  ['create', 'namespace', 'ns1'],
  ['create', 'configmap', 'cm1', '--from-literal=a=1', '--from-literal=b=two', '--from-file=bin=BINARY_FILE'],
  ['create', 'secret', 'generic', 's1', '--from-literal=password=hunter2', '--type=Opaque'],
  ['create', 'secret', 'docker-registry', 'reg1', '--docker-username=u', '--docker-password=p', '--docker-server=r.example'],
  ['create', 'deployment', 'd1', '--image=nginx:1.27', '--replicas=3', '--port=80', '--', 'nginx', '-g', 'daemon off;'],
  ['create', 'deployment', 'd2', '--image=nginx', '--image=busybox'],
  ['create', 'service', 'clusterip', 'svc1', '--tcp=80:8080', '--tcp=443:https'],
  ['create', 'service', 'clusterip', 'headless', '--clusterip=None'],
  ['create', 'service', 'nodeport', 'svc2', '--tcp=80:8080', '--node-port=30080'],
  ['create', 'service', 'loadbalancer', 'svc3', '--tcp=80:8080'],
  ['create', 'service', 'externalname', 'svc4', '--external-name=db.example.com'],
  ['create', 'job', 'j1', '--image=busybox', '--', 'echo', 'hi'],
  ['create', 'cronjob', 'cj1', '--image=busybox', '--schedule=*/5 * * * *', '--restart=OnFailure', '--', 'date'],
  ['create', 'role', 'r1', '--verb=get,list', '--resource=pods,deployments.apps', '--resource-name=a'],
  ['create', 'clusterrole', 'cr1', '--verb=get', '--resource=nodes', '--non-resource-url=/healthz'],
  ['create', 'clusterrole', 'cr2', '--aggregation-rule=rbac.example/aggregate=true'],
  ['create', 'rolebinding', 'rb1', '--role=r1', '--user=alice', '--group=devs', '--serviceaccount=default:sa1'],
  ['create', 'clusterrolebinding', 'crb1', '--clusterrole=cr1', '--user=bob'],
  ['create', 'serviceaccount', 'sa1'],
  ['create', 'quota', 'q1', '--hard=cpu=1,memory=1Gi,pods=2,requests.storage=10Gi', '--scopes=NotTerminating'],
  ['create', 'poddisruptionbudget', 'pdb1', '--selector=app=web', '--min-available=50%'],
  ['create', 'poddisruptionbudget', 'pdb2', '--selector=app=web', '--max-unavailable=1'],
  ['create', 'priorityclass', 'pc1', '--value=1000', '--description=high', '--preemption-policy=Never', '--global-default=false'],
  ['create', 'ingress', 'ing1', '--class=nginx', '--rule=foo.example/bar*=svc1:8080,tls=cert1', '--default-backend=svc1:http', '--annotation=a=b'],
  ['run', 'p1', '--image=nginx', '--port=80', '--env=A=1', '--labels=app=p1,tier=web', '--restart=Never', '--annotations=note=hi', '--', 'sleep', '3600'],
  ['expose', 'deployment', 'web', '--port=80', '--target-port=8080', '--name=web-svc', '--type=NodePort'],
  ['autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu-percent=80'],
];

/** These go through kubectl's generic resource helper, which sends JSON (observed with 1.32 and 1.33). */
const SENT_AS_JSON = new Set(['run', 'expose']);

const versions = [32, 33].map((minor) => ({ minor, bin: kubectlBinary(minor) })).filter((v) => v.bin);
if (versions.length === 0) {
  t.test('live kubectl bodies', { skip: 'no kubectl.1.32 or kubectl.1.33 beside /usr/bin/kubectl on this machine' }, () => {});
}
for (const { minor, bin } of versions) {
  t.test(`kubectl 1.${minor}: every POST body is the object kubectl prints`, async (t) => {
    const captured: Captured[] = [];
    const server = recordingServer(captured);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const home = mkdtempSync(join(tmpdir(), 'k8ts-protobuf-'));
    t.teardown(() => {
      server.close();
      rmSync(home, { recursive: true, force: true });
    });
    const { port } = server.address() as AddressInfo;
    const kubeconfig = join(home, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]\n` +
        'users: [{name: u, user: {}}]\ncontexts: [{name: c, context: {cluster: c, user: u, namespace: default}}]\ncurrent-context: c\n',
    );
    const binary = join(home, 'binary.dat');
    writeFileSync(binary, Buffer.from([0, 1, 2, 0xfe, 0xff]));
    const env = { ...process.env, HOME: home, KUBECONFIG: kubeconfig };
    const kubectl = async (args: string[]) => (await run(bin!, args, { env })).stdout;
    const posts = () => captured.filter((c) => c.method === 'POST');

    for (const template of COMMANDS) {
      const command = template.map((a) => a.replace('BINARY_FILE', binary));
      const dash = command.indexOf('--');
      const [head, tail] = dash < 0 ? [command, []] : [command.slice(0, dash), command.slice(dash)];
      if (head[0] === 'create') head.push('--validate=false'); // no /openapi here
      const oracle = JSON.parse(await kubectl([...head, '-o', 'json', '--dry-run=client', ...tail]));
      const before = posts().length;
      await kubectl([...head, ...tail]);
      const sent = posts().slice(before);
      t.equal(sent.length, 1, `${command.join(' ')}: one POST`);
      if (SENT_AS_JSON.has(command[0]!)) {
        t.equal(sent[0]?.contentType, 'application/json', `${command.join(' ')}: sent as JSON`);
        t.strictSame(JSON.parse(sent[0]!.body.toString()), oracle, command.join(' '));
      } else {
        t.equal(sent[0]?.contentType, PROTOBUF_MEDIA_TYPE, `${command.join(' ')}: sent as protobuf`);
        t.strictSame(decodeProtobufObject(sent[0]!.body).object, withoutNullCreationTimestamps(oracle), command.join(' '));
      }
    }

    const lastPost = async (args: string[]) => {
      const before = posts().length;
      const stdout = await kubectl(args);
      const sent = posts().slice(before);
      t.equal(sent.at(-1)?.contentType, PROTOBUF_MEDIA_TYPE, `${args.join(' ')}: sent as protobuf`);
      return { stdout, object: decodeProtobufObject(sent.at(-1)!.body).object, path: sent.at(-1)!.path };
    };
    const canI = await lastPost(['auth', 'can-i', 'get', 'pods', '--subresource=log']);
    t.equal(canI.stdout, 'yes\n');
    t.strictSame(canI.object, {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: {},
      spec: { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods', subresource: 'log' } },
      status: { allowed: false },
    });
    const nonResource = await lastPost(['auth', 'can-i', 'get', '/healthz']);
    t.strictSame(nonResource.object.spec, { nonResourceAttributes: { path: '/healthz', verb: 'get' } });
    const list = await lastPost(['auth', 'can-i', '--list', '-n', 'kube-system']);
    t.strictSame(list.object, {
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: {},
      spec: { namespace: 'kube-system' },
      status: { resourceRules: null, nonResourceRules: null, incomplete: false },
    });
    const whoami = await lastPost(['auth', 'whoami']);
    t.strictSame(whoami.object, { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: {}, status: { userInfo: {} } });
    const token = await lastPost(['create', 'token', 'sa1', '--duration=2h', '--audience=api', '--bound-object-kind=Pod', '--bound-object-name=p1', '--bound-object-uid=u-9']);
    t.equal(token.path, '/api/v1/namespaces/default/serviceaccounts/sa1/token');
    t.strictSame(token.object, {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: {},
      spec: { audiences: ['api'], expirationSeconds: 7200, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'p1', uid: 'u-9' } },
      status: { token: '', expirationTimestamp: null },
    });
  });
}
