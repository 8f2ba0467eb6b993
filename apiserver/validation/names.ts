// Object names as upstream validates them (apimachinery validation: IsDNS1123Subdomain, IsDNS1123Label,
// IsDNS1035Label, path segment names). Messages are upstream's, word for word.
import type { FieldError } from '../registry/types.js';

export type NameRule = 'subdomain' | 'dns1123-label' | 'dns1035-label' | 'path-segment';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_1123_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const LABEL_1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** The problems of a name under a rule, as upstream's validators list them (empty when valid). */
export function nameProblems(name: string, rule: NameRule, prefix = false): string[] {
  // A generateName prefix is checked as upstream does: with its trailing '-' removed.
  const n = prefix ? name.replace(/-$/, '') : name;
  if (rule === 'path-segment') {
    const out: string[] = [];
    if (n === '.' || n === '..') out.push(`may not be '${n}'`);
    if (n.includes('/')) out.push("may not contain '/'");
    if (n.includes('%')) out.push("may not contain '%'");
    return out;
  }
  const [pattern, message, max] =
    rule === 'subdomain' ? [SUBDOMAIN, SUBDOMAIN_MSG, 253] : rule === 'dns1123-label' ? [LABEL_1123, LABEL_1123_MSG, 63] : [LABEL_1035, LABEL_1035_MSG, 63];
  const out: string[] = [];
  if (n.length > max) out.push(`must be no more than ${max} characters`);
  if (!pattern.test(n)) out.push(message);
  return out;
}

/** Field errors for metadata.name (and metadata.generateName when that made the name). */
export function validateObjectName(name: string, rule: NameRule, generateName?: string): FieldError[] {
  const errors: FieldError[] = [];
  if (generateName) {
    for (const p of nameProblems(generateName, rule, true)) {
      errors.push({ field: 'metadata.generateName', reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(generateName)}: ${p}` });
    }
    if (errors.length) return errors;
  }
  for (const p of nameProblems(name, rule)) {
    errors.push({ field: 'metadata.name', reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(name)}: ${p}` });
  }
  return errors;
}
