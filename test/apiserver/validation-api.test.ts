import t from 'tap';
import { startTestApi, type TestApi } from '../helpers/in-process-api.js';

let api: TestApi;
t.before(async () => {
  api = await startTestApi();
});
t.teardown(() => api.close());

const causes = (json: { details?: { causes?: Array<{ field: string; message: string }> } }) =>
  (json.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

t.test('invalid manifests are answered 422 with upstream field paths and messages', async (t) => {
  const pod = await api.call('POST', '/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [] },
  });
  t.equal(pod.status, 422);
  t.equal(pod.json.reason, 'Invalid');
  t.equal(pod.json.message, 'Pod "p" is invalid: spec.containers: Required value');

  const deploy = await api.call('POST', '/apis/apps/v1/namespaces/default/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd' },
    spec: {
      selector: { matchLabels: { app: 'b' } },
      template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c' }] } },
    },
  });
  t.equal(deploy.status, 422);
  t.same(causes(deploy.json), [
    'spec.template.metadata.labels: Invalid value: {"app":"a"}: `selector` does not match template `labels`',
    'spec.template.spec.containers[0].image: Required value',
  ]);
  t.match(deploy.json.message, /^Deployment\.apps "d" is invalid: \[|^Deployment "d" is invalid: \[/);

  const cm = await api.call('POST', '/api/v1/namespaces/default/configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', labels: { app: 'has space' } },
  });
  t.equal(cm.status, 422);
  t.match(cm.json.message, /metadata\.labels: Invalid value: "has space": a valid label must be an empty string/);

  const svc = await api.call('POST', '/api/v1/namespaces/default/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's' },
    spec: { ports: [{ port: 70000 }] },
  });
  t.equal(svc.status, 422);
  t.match(causes(svc.json), ['spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive']);

  const good = await api.call('POST', '/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'ok', labels: { app: 'a' } },
    spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] },
  });
  t.equal(good.status, 201, 'a valid pod is still created');
});
