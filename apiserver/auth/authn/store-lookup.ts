// The objects token verification reads (service accounts, pods, secrets), straight from the store: the
// apiserver's own reads, so a deleted account stops its tokens at once.
import { pods } from '../../registry/core/pods.js';
import { secrets } from '../../registry/core/secrets.js';
import { serviceaccounts } from '../../registry/core/serviceaccounts.js';
import type { ObjectStore } from '../../storage/object-store.js';
import type { ServiceAccountLookup } from './service-account-token.js';

export function storeLookup(store: ObjectStore): ServiceAccountLookup {
  return {
    serviceAccount: (ns, name) => store.get(serviceaccounts, ns, name),
    pod: (ns, name) => store.get(pods, ns, name) as ReturnType<ServiceAccountLookup['pod']>,
    secret: (ns, name) => store.get(secrets, ns, name) as ReturnType<ServiceAccountLookup['secret']>,
  };
}
