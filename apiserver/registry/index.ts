// Every built-in resource, one line each. Order is discovery order within a group.
import { configmaps } from './core/configmaps.js';
import { namespaces } from './core/namespaces.js';
import type { ResourceEntry } from './types.js';

export const builtinResources: ResourceEntry[] = [namespaces, configmaps];
