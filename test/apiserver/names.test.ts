import t from 'tap';
import { nameProblems, validateObjectName } from '../../apiserver/validation/names.js';

t.test('name rules, as upstream validates them', async (t) => {
  const cases: Array<[string, Parameters<typeof nameProblems>[1], boolean]> = [
    ['web-1', 'subdomain', true],
    ['a.b.c', 'subdomain', true],
    ['Web', 'subdomain', false],
    ['-web', 'subdomain', false],
    ['web_1', 'subdomain', false],
    ['x'.repeat(253), 'subdomain', true],
    ['x'.repeat(254), 'subdomain', false],
    ['a.b', 'dns1123-label', false],
    ['1abc', 'dns1123-label', true],
    ['x'.repeat(64), 'dns1123-label', false],
    ['1abc', 'dns1035-label', false],
    ['abc-1', 'dns1035-label', true],
    ['system:controller:x', 'path-segment', true],
    ['..', 'path-segment', false],
    ['a/b', 'path-segment', false],
    ['a%b', 'path-segment', false],
  ];
  for (const [name, rule, ok] of cases) t.equal(nameProblems(name, rule).length === 0, ok, `${rule} ${name.slice(0, 20)}`);
  t.same(validateObjectName('Bad_Name', 'subdomain'), [
    {
      field: 'metadata.name',
      reason: 'FieldValueInvalid',
      message:
        "Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    },
  ]);
  t.equal(validateObjectName('web-x7k2p', 'subdomain', 'web-').length, 0, 'a generateName prefix may end in -');
  t.equal(validateObjectName('Web-x7k2p', 'subdomain', 'Web-')[0]!.field, 'metadata.generateName');
});
