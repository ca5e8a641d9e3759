/**
 * The order of a host's components and providers in the API and the stream: by id, in UTF-16
 * code unit order. The server's workload maps keep it and the stream fold inserts with it, so
 * both must use this one. (Not `localeCompare`: locale-aware comparison cost the server more
 * than the rest of building a host's view.)
 */
export function byWorkloadId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
