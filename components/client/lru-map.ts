// The LRU caches of client-go's event correlator (groupcache/lru, 4096 entries each): a Map whose
// insertion order is its use order; setting a key makes it the newest and drops the oldest past `limit`.
export const EVENT_CACHE_SIZE = 4096;

export function setRecent<K, V>(map: Map<K, V>, key: K, value: V, limit = EVENT_CACHE_SIZE): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value!);
}
