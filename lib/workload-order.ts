/**
 * The order of a host's components and providers in the API and the stream: by id, in UTF-16
 * code unit order. The server sorts with it and the stream fold inserts with it, so both must
 * use this one. (Not `localeCompare`: locale-aware comparison cost the server more than the
 * rest of building a host's view.)
 */
export function byWorkloadId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** `list` sorted by id: the list itself when it already is (the common case), else a copy. */
export function sortedById<T extends { id: string }>(list: T[]): T[] {
  for (let i = 1; i < list.length; i++) {
    if (byWorkloadId(list[i - 1] as T, list[i] as T) > 0) return [...list].sort(byWorkloadId);
  }
  return list;
}
