// Label and field selectors: the grammar, canonical text, matching and upstream's error texts.
import t from 'tap';
import {
  checkFieldSelector,
  exactFieldMatch,
  formatFieldSelector,
  matchesFields,
  objectFieldGetter,
  parseFieldSelector,
  type FieldSelector,
  type SupportedFields,
} from '../../apiserver/selectors/field-selector.js';
import {
  formatLabelSelector,
  fromLabelSelectorObject,
  fromLabelSet,
  isEverything,
  labelKeyErrors,
  labelValueErrors,
  matchesLabels,
  parseLabelSelector,
  type LabelSelector,
} from '../../apiserver/selectors/label-selector.js';

const QNAME_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_RULE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const OPERATORS = 'in, notin, =, ==, !=, gt, lt';

function label(text: string): LabelSelector {
  const r = parseLabelSelector(text);
  if (!r.ok) throw new Error(`${text}: ${r.message}`);
  return r.selector;
}

function field(text: string): FieldSelector {
  const r = parseFieldSelector(text);
  if (!r.ok) throw new Error(`${text}: ${r.message}`);
  return r.selector;
}

t.test('label selector: valid text and its canonical form', async (t) => {
  const table: Array<[input: string, canonical: string]> = [
    ['', ''],
    ['app=x', 'app=x'],
    ['app==x', 'app==x'],
    ['app!=x', 'app!=x'],
    // kubectl's -l as sent on the wire (contract §3): sorted by key.
    ['app=x,tier notin (a,b),!foo', 'app=x,!foo,tier notin (a,b)'],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['  !a , b!=c,  d == e ,f in ( g )', '!a,b!=c,d==e,f in (g)'],
    ['x in (b,a,b)', 'x in (a,b)'],
    ['x=', 'x='],
    ['x=,y', 'x=,y'],
    ['example.com/app=web', 'example.com/app=web'],
    ['in in (in),notin notin (notin)', 'in in (in),notin notin (notin)'],
    ['n>5,m<2', 'm<2,n>5'],
    ['x in (,a)', 'x in (,a)'],
    ['x in (a,)', 'x in (,a)'],
    ['\tapp\n=\rx', 'app=x'],
  ];
  for (const [input, canonical] of table) t.equal(formatLabelSelector(label(input)), canonical, JSON.stringify(input));
  t.ok(isEverything(label('')), 'an empty selector selects everything');
  t.same(label('a in (x,y)').requirements, [{ key: 'a', operator: 'in', values: ['x', 'y'] }]);
  t.same(label('!a').requirements, [{ key: 'a', operator: '!', values: [] }]);
});

t.test('label selector: invalid text gets upstream messages', async (t) => {
  const table: Array<[input: string, message: string]> = [
    ['a b', `unable to parse requirement: found 'b', expected: ${OPERATORS}`],
    ['x=a,', "found '', expected: identifier after ','"],
    ['x=a,,y', "found ',', expected: identifier after ','"],
    [',x', "found ',', expected: !, identifier, or 'end of string'"],
    ['=x', "found '=', expected: !, identifier, or 'end of string'"],
    ['x=a b', "found 'b', expected: ',' or 'end of string'"],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['x in (a,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['x=(a)', "unable to parse requirement: found '(', expected: identifier"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['x!', `unable to parse requirement: found '!', expected: ${OPERATORS}`],
    ['a@b=c', `unable to parse requirement: <nil>: Invalid value: "a@b": name part ${QNAME_RULE}`],
    ['app=a@b', `unable to parse requirement: values[0][app]: Invalid value: "a@b": ${VALUE_RULE}`],
    ['app in (ok,a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    // A negative number is an integer but not a label value, so upstream refuses it too.
    ['m<-2', `unable to parse requirement: values[0][m]: Invalid value: "-2": ${VALUE_RULE}`],
    ['n>a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['/x', `unable to parse requirement: <nil>: Invalid value: "/x": prefix part must be non-empty`],
  ];
  for (const [input, message] of table) t.same(parseLabelSelector(input), { ok: false, message }, JSON.stringify(input));
});

t.test('label selector: matching', async (t) => {
  const labels = { app: 'web', tier: 'frontend', n: '5', empty: '' };
  const table: Array<[selector: string, matches: boolean]> = [
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app=db', false],
    ['app!=web', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['missing=x', false],
    ['app in (web,db)', true],
    ['app in (db)', false],
    ['app notin (web)', false],
    ['missing notin (a)', true],
    ['missing in (a)', false],
    ['app', true],
    ['missing', false],
    ['!app', false],
    ['!missing', true],
    ['empty=', true],
    ['empty', true],
    ['n>3', true],
    ['n>5', false],
    ['n<6', true],
    ['app>1', false],
    ['missing<9', false],
    ['app=web,tier=frontend', true],
    ['app=web,tier=backend', false],
  ];
  for (const [selector, expected] of table) t.equal(matchesLabels(label(selector), labels), expected, selector);
  t.ok(matchesLabels(label('!app'), undefined), 'an object without labels has none');
  t.notOk(matchesLabels(label('app'), null));
});

t.test('label selector objects (metav1.LabelSelector)', async (t) => {
  const nothing = fromLabelSelectorObject(null);
  t.ok(nothing.ok && !matchesLabels(nothing.selector, {}), 'a missing selector selects nothing');
  const everything = fromLabelSelectorObject({});
  t.ok(everything.ok && matchesLabels(everything.selector, { any: 'x' }), 'an empty selector selects everything');

  const deploymentSelector = fromLabelSelectorObject({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['frontend', 'backend'] },
      { key: 'canary', operator: 'DoesNotExist' },
      { key: 'track', operator: 'Exists', values: [] },
      { key: 'env', operator: 'NotIn', values: ['dev'] },
    ],
  });
  if (!deploymentSelector.ok) throw new Error(deploymentSelector.message);
  t.equal(formatLabelSelector(deploymentSelector.selector), 'app=web,!canary,env notin (dev),tier in (backend,frontend),track');
  const cases: Array<[Record<string, string>, boolean]> = [
    [{ app: 'web', tier: 'frontend', track: 'stable' }, true],
    [{ app: 'web', tier: 'frontend', track: 'stable', env: 'prod' }, true],
    [{ app: 'web', tier: 'frontend', track: 'stable', env: 'dev' }, false],
    [{ app: 'web', tier: 'frontend', track: 'stable', canary: 'true' }, false],
    [{ app: 'web', tier: 'db', track: 'stable' }, false],
    [{ app: 'web', tier: 'frontend' }, false],
  ];
  for (const [labels, expected] of cases) t.equal(matchesLabels(deploymentSelector.selector, labels), expected, JSON.stringify(labels));

  const invalid: Array<[Parameters<typeof fromLabelSelectorObject>[0], string]> = [
    [{ matchExpressions: [{ key: 'a', operator: 'Foo' }] }, '"Foo" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: ["x"]: values set must be empty for exists and does not exist'],
    [{ matchLabels: { 'bad key': 'x' } }, `key: Invalid value: "bad key": name part ${QNAME_RULE}`],
    [{ matchLabels: { a: 'b c' } }, `values[0][a]: Invalid value: "b c": ${VALUE_RULE}`],
    [
      { matchExpressions: [{ key: 'bad key', operator: 'NotIn', values: null }] },
      `[key: Invalid value: "bad key": name part ${QNAME_RULE}, values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty]`,
    ],
  ];
  for (const [obj, message] of invalid) t.same(fromLabelSelectorObject(obj), { ok: false, message }, message.slice(0, 40));
});

t.test('label sets (Service .spec.selector)', async (t) => {
  const s = fromLabelSet({ tier: 'fe', app: 'web' });
  t.equal(formatLabelSelector(s), 'app=web,tier=fe');
  t.ok(matchesLabels(s, { app: 'web', tier: 'fe', extra: '1' }));
  t.notOk(matchesLabels(s, { app: 'web' }));
  t.ok(isEverything(fromLabelSet({})));
  t.ok(isEverything(fromLabelSet(undefined)));
});

t.test('label key and value syntax (v1.33 texts)', async (t) => {
  const subdomainRule =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  const table: Array<[key: string, errors: string[]]> = [
    ['app', []],
    ['app.kubernetes.io/name', []],
    ['A_b-c.9', []],
    ['', ['name part must be non-empty', `name part ${QNAME_RULE}`]],
    ['-a', [`name part ${QNAME_RULE}`]],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
    ['/a', ['prefix part must be non-empty']],
    ['Example.com/a', [`prefix part ${subdomainRule}`]],
    ['a/', ['name part must be non-empty', `name part ${QNAME_RULE}`]],
    [
      'a/b/c',
      [
        `a qualified name ${QNAME_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      ],
    ],
  ];
  for (const [key, errors] of table) t.same(labelKeyErrors(key), errors, JSON.stringify(key));
  t.same(labelValueErrors(''), []);
  t.same(labelValueErrors('v1.2_3-x'), []);
  t.same(labelValueErrors('x'.repeat(64)), ['must be no more than 63 characters']);
  t.same(labelValueErrors('-x'), [VALUE_RULE]);
});

t.test('field selector: parsing, escaping, canonical form', async (t) => {
  const table: Array<[input: string, canonical: string]> = [
    ['', ''],
    [',,', ''],
    ['metadata.name=p1', 'metadata.name=p1'],
    ['metadata.name==p1', 'metadata.name=p1'],
    // kubectl's encoding from the contract, terms sorted.
    ['status.phase=Running,spec.nodeName!=n2', 'spec.nodeName!=n2,status.phase=Running'],
    ['spec.nodeName=', 'spec.nodeName='],
    ['a=b\\,c,d=e\\=f\\\\g', 'a=b\\,c,d=e\\=f\\\\g'],
  ];
  for (const [input, canonical] of table) t.equal(formatFieldSelector(field(input)), canonical, JSON.stringify(input));
  t.same(field('a=b\\,c,d=e\\=f\\\\g').requirements, [
    { field: 'a', operator: '=', value: 'b,c' },
    { field: 'd', operator: '=', value: 'e=f\\g' },
  ]);
});

t.test('field selector: invalid text gets upstream messages', async (t) => {
  const table: Array<[input: string, message: string]> = [
    ['foo', "invalid selector: 'foo'; can't understand 'foo'"],
    ['z=1,foo', "invalid selector: 'z=1,foo'; can't understand 'foo'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['x!==y', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ];
  for (const [input, message] of table) t.same(parseFieldSelector(input), { ok: false, message }, input);
});

t.test('field selector: matching an object', async (t) => {
  const pod = {
    metadata: { name: 'p1', namespace: 'default' },
    spec: { restartPolicy: 'Always', hostNetwork: false },
    status: { phase: 'Pending' },
  };
  const get = objectFieldGetter(pod);
  const table: Array<[selector: string, matches: boolean]> = [
    ['', true],
    ['metadata.name=p1', true],
    ['metadata.name=p2', false],
    ['metadata.name!=p2,metadata.namespace=default', true],
    ['status.phase=Running', false],
    ['status.phase!=Running', true],
    // The unscheduled pods: an absent field compares as "".
    ['spec.nodeName=', true],
    ['spec.nodeName!=', false],
    ['spec.hostNetwork=false', true],
  ];
  for (const [selector, expected] of table) t.equal(matchesFields(field(selector), get), expected, selector);
  t.equal(exactFieldMatch(field('metadata.name=p1,status.phase!=x'), 'metadata.name'), 'p1');
  t.equal(exactFieldMatch(field('metadata.name!=p1'), 'metadata.name'), undefined);
});

t.test('field selector: supported fields per kind', async (t) => {
  const pods: SupportedFields = {
    fields: ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'status.phase'],
    aliases: { 'spec.host': 'spec.nodeName' },
  };
  t.same(checkFieldSelector(field('status.phase=Running,spec.nodeName=n1'), pods), {
    ok: true,
    selector: field('status.phase=Running,spec.nodeName=n1'),
  });
  const aliased = checkFieldSelector(field('spec.host=n1'), pods);
  t.same(aliased, { ok: true, selector: { requirements: [{ field: 'spec.nodeName', operator: '=', value: 'n1' }] } });
  t.same(checkFieldSelector(field('spec.foo=x'), pods), { ok: false, message: 'field label not supported: spec.foo' });
  t.same(checkFieldSelector(field('metadata.name =x'), pods), { ok: false, message: 'field label not supported: metadata.name ' });
  t.same(checkFieldSelector(field('metadata.namespace=a,metadata.name=b')), { ok: true, selector: field('metadata.namespace=a,metadata.name=b') });
  t.same(checkFieldSelector(field('spec.replicas=1')), {
    ok: false,
    message: '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
  });
});
