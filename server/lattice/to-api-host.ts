import "server-only";
import type { ComponentStatus, Host, ProviderStatus } from "@/lib/schemas/host";
import { isStale, type HostModel } from "./lattice-state";

// Models are immutable and the reducer shares what did not change, so a host model identifies
// one version and caches its API view: a 10,000-host snapshot rebuilds only the hosts that
// changed. A workload model has exactly the API's fields and is interned (workload-pool.ts),
// and a host's workload lists are kept in the API's order (workload-map.ts), so the lists are
// their own views: hosts running the same workload share one object, and the stream hub tells
// unchanged workloads apart by identity.
type HostViews = { fresh?: Host; stale?: Host };
const hostViews = new WeakMap<HostModel, HostViews>();

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
    // Already in the API's order (id), holding models that are their own views.
    components: model.components.list as ComponentStatus[],
    providers: model.providers.list as ProviderStatus[],
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
