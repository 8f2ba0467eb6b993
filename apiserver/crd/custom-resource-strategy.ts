// The registry strategy of a custom resource: validation against the schema of the object's version
// (apiextensions' customResourceStrategy.Validate), reported with upstream's field errors.
import type { KubeObject, Strategy } from '../registry/types.js';
import type { CustomResourceInfo } from './custom-resource.js';
import { validateAgainstSchema } from './schema-validation.js';

export function customResourceStrategy(info: CustomResourceInfo): Strategy {
  const schemaOf = (obj: KubeObject) => {
    const version = String(obj.apiVersion ?? '').split('/').pop() ?? '';
    return (info.versions[version] ?? info.versions[info.storageVersion])?.schema;
  };
  const validate = (obj: KubeObject) => {
    const schema = schemaOf(obj);
    return schema ? validateAgainstSchema(obj, schema) : [];
  };
  return { validate, validateUpdate: (obj) => validate(obj) };
}
