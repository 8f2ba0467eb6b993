// What may not change on update, answered 422 with upstream's messages.
import t from 'tap';
import { startTestApi, type TestApi } from '../helpers/in-process-api.js';

let api: TestApi;
t.before(async () => {
  api = await startTestApi();
});
t.teardown(() => api.close());

async function change(t: { equal: (...args: any[]) => unknown }, // eslint-disable-line @typescript-eslint/no-explicit-any
  path: string, body: Record<string, unknown>, edit: (o: any) => void) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const made = await api.call('POST', path, body);
  t.equal(made.status, 201, made.text);
  const next = made.json;
  edit(next);
  return api.call('PUT', `${path}/${next.metadata.name}`, next);
}

t.test('immutable fields', async (t) => {
  const dep = await change(t, '/apis/apps/v1/namespaces/default/deployments', {
    metadata: { name: 'd' },
    spec: { selector: { matchLabels: { a: '1' } }, template: { metadata: { labels: { a: '1', b: '2' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
  }, (o) => (o.spec.selector.matchLabels.b = '2'));
  t.equal(dep.status, 422);
  t.equal(dep.json.message, 'Deployment.apps "d" is invalid: spec.selector: Invalid value: {"matchLabels":{"a":"1","b":"2"}}: field is immutable');

  const pvc = await change(t, '/api/v1/namespaces/default/persistentvolumeclaims', { metadata: { name: 'p' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }, (o) => (o.spec.accessModes = ['ReadWriteMany']));
  t.equal(pvc.json.message, 'PersistentVolumeClaim "p" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims');

  const pod = await change(t, '/api/v1/namespaces/default/pods', { metadata: { name: 'po' }, spec: { containers: [{ name: 'c', image: 'i' }] } }, (o) => (o.spec.containers[0].image = 'j'));
  t.equal(pod.status, 200, 'a pod may change its image');
  const pod2 = pod.json;
  pod2.spec.containers[0].command = ['sh'];
  const refused = await api.call('PUT', '/api/v1/namespaces/default/pods/po', pod2);
  t.match(refused.json.message, /^Pod "po" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);

  const sts = await change(t, '/apis/apps/v1/namespaces/default/statefulsets', {
    metadata: { name: 'ss' },
    spec: { serviceName: 'x', selector: { matchLabels: { a: '1' } }, template: { metadata: { labels: { a: '1' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
  }, (o) => (o.spec.serviceName = 'y'));
  t.match(sts.json.message, /spec: Forbidden: updates to statefulset spec for fields other than 'replicas'/);

  const cm = await change(t, '/api/v1/namespaces/default/configmaps', { metadata: { name: 'im' }, immutable: true, data: { a: '1' } }, (o) => (o.data.a = '2'));
  t.equal(cm.json.message, 'ConfigMap "im" is invalid: data: Forbidden: field is immutable when `immutable` is set');
  const job = await change(t, '/apis/batch/v1/namespaces/default/jobs', {
    metadata: { name: 'j' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } },
  }, (o) => (o.spec.template.spec.containers[0].image = 'k'));
  t.match(job.json.message, /spec.template: Invalid value: .*field is immutable/);
});
