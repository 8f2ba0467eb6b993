// Discovery documents derived from the registry (no HTTP here; the routes serve these).
export { aggregatedDiscovery } from './aggregated.js';
export { apiGroupList, apiResourceList, apiVersions } from './legacy.js';
export { aggregatedContentType, LEGACY_CONTENT_TYPE, negotiateDiscovery, type DiscoveryFormat } from './negotiate.js';
export { storageVersionHash } from './storage-version-hash.js';
export type * from './types.js';
