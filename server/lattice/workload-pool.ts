import "server-only";
import type { ComponentModel, ProviderModel } from "./lattice-state";

/**
 * One shared object per distinct workload value across every host of every lattice in this
 * process. A lattice of 10,000 hosts usually runs a few dozen distinct (id, image, count,
 * annotations) combinations, so 220,000 workload entries become a few dozen objects, and every
 * cache keyed by a workload object (API views, stream patches, the snapshot's workload table)
 * is shared between hosts too. Entries are weakly held: a value no host runs any more is
 * collected and its key forgotten.
 *
 * Interning is a pure memo: it returns an object equal to its argument (never a different
 * value), so the reducer stays pure.
 */
const pool = new Map<string, WeakRef<object>>();
const forget = new FinalizationRegistry<string>((key) => {
  // The key may have been taken over by a newer object since: keep that one.
  if (pool.get(key)?.deref() === undefined) pool.delete(key);
});

function intern<T extends object>(key: string, value: T): T {
  const shared = pool.get(key)?.deref();
  if (shared !== undefined) return shared as T;
  pool.set(key, new WeakRef(value));
  forget.register(value, key);
  return value;
}

/** Order-independent (two hosts may list the same annotations in different orders). */
function sortedEntries(record: Readonly<Record<string, string>> | null): [string, string][] | null {
  if (record === null) return null;
  return Object.keys(record)
    .sort()
    .map((key): [string, string] => [key, record[key] ?? ""]);
}

export function internComponent(component: ComponentModel): ComponentModel {
  const { id, imageRef, maxInstances, annotations, limits } = component;
  const key = JSON.stringify([
    "c",
    id,
    imageRef,
    maxInstances,
    sortedEntries(annotations),
    sortedEntries(limits),
  ]);
  return intern(key, component);
}

export function internProvider(provider: ProviderModel): ProviderModel {
  const { id, imageRef, health, annotations } = provider;
  return intern(JSON.stringify(["p", id, imageRef, health, sortedEntries(annotations)]), provider);
}
