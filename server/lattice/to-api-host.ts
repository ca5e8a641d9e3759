import "server-only";
import type { ComponentStatus, Host, ProviderStatus } from "@/lib/schemas/host";
import { sortedById } from "@/lib/workload-order";
import { isStale, type ComponentModel, type HostModel, type ProviderModel } from "./lattice-state";

// Models are immutable and the reducer shares what did not change, so a model object (host or
// workload map) identifies one version: each level caches its API view. A 10,000-host snapshot
// then rebuilds only the hosts that changed, and a changed host only its workload lists. A
// workload model has exactly the API's fields and is interned (workload-pool.ts), so it is its
// own view: hosts running the same workload share one object, and the stream hub tells
// unchanged workloads apart by identity.
type HostViews = { fresh?: Host; stale?: Host };
const hostViews = new WeakMap<HostModel, HostViews>();
const componentLists = new WeakMap<ReadonlyMap<string, ComponentModel>, ComponentStatus[]>();
const providerLists = new WeakMap<ReadonlyMap<string, ProviderModel>, ProviderStatus[]>();

function cached<K extends object, V>(cache: WeakMap<K, V>, key: K, build: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = build(key);
    cache.set(key, value);
  }
  return value;
}

function build(model: HostModel, stale: boolean): Host {
  return {
    id: model.id,
    friendlyName: model.friendlyName,
    version: model.version,
    labels: model.labels,
    stale,
    lastSeen: new Date(model.lastSeen).toISOString(),
    uptimeSeconds: model.uptimeSeconds,
    uptimeReportedAt: new Date(model.uptimeReportedAt).toISOString(),
    components: cached(componentLists, model.components, (map): ComponentStatus[] =>
      sortedById([...map.values()]),
    ),
    providers: cached(providerLists, model.providers, (map): ProviderStatus[] =>
      sortedById([...map.values()]),
    ),
  };
}

/**
 * The API `Host` (camelCase, API.md) for a model at `now`. Views are shared between calls and
 * callers: treat them as immutable.
 */
export function toApiHost(model: HostModel, now: number, heartbeatMs: number): Host {
  const stale = isStale(model, now, heartbeatMs);
  const entry = cached(hostViews, model, (): HostViews => ({}));
  const key = stale ? "stale" : "fresh";
  entry[key] ??= build(model, stale);
  return entry[key];
}
