import "server-only";
import type { ComponentStatus, Host, ProviderStatus } from "@/lib/schemas/host";
import { sortedById } from "@/lib/workload-order";
import { isStale, type ComponentModel, type HostModel, type ProviderModel } from "./lattice-state";

// Models are immutable and the reducer shares what did not change, so a model object (host,
// workload map or workload) identifies one version: each level caches its API view. A
// 10,000-host snapshot then rebuilds only the hosts that changed, a changed host only its
// changed workloads, and the stream hub can tell unchanged workloads apart by identity.
type HostViews = { fresh?: Host; stale?: Host };
const hostViews = new WeakMap<HostModel, HostViews>();
const componentLists = new WeakMap<ReadonlyMap<string, ComponentModel>, ComponentStatus[]>();
const providerLists = new WeakMap<ReadonlyMap<string, ProviderModel>, ProviderStatus[]>();
const componentViews = new WeakMap<ComponentModel, ComponentStatus>();
const providerViews = new WeakMap<ProviderModel, ProviderStatus>();


function cached<K extends object, V>(cache: WeakMap<K, V>, key: K, build: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = build(key);
    cache.set(key, value);
  }
  return value;
}

const componentView = (c: ComponentModel): ComponentStatus => ({
  id: c.id,
  imageRef: c.imageRef,
  maxInstances: c.maxInstances,
  annotations: { ...c.annotations },
  limits: c.limits === null ? null : { ...c.limits },
});

const providerView = (p: ProviderModel): ProviderStatus => ({
  id: p.id,
  imageRef: p.imageRef,
  health: p.health,
  annotations: { ...p.annotations },
});

function build(model: HostModel, stale: boolean): Host {
  return {
    id: model.id,
    friendlyName: model.friendlyName,
    version: model.version,
    labels: { ...model.labels },
    stale,
    lastSeen: new Date(model.lastSeen).toISOString(),
    uptimeSeconds: model.uptimeSeconds,
    uptimeReportedAt: new Date(model.uptimeReportedAt).toISOString(),
    components: cached(componentLists, model.components, (map) =>
      sortedById([...map.values()].map((c) => cached(componentViews, c, componentView))),
    ),
    providers: cached(providerLists, model.providers, (map) =>
      sortedById([...map.values()].map((p) => cached(providerViews, p, providerView))),
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
