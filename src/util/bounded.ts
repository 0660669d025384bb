/**
 * bounded: the per-process caches (validated sheets, template sets, fonts, …) keep at most `max`
 * entries; a new or refreshed entry goes last, and the oldest goes when the map is full.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  if (map.size >= max) map.delete(map.keys().next().value!);
  map.set(key, value);
}
