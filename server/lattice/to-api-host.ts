import "server-only";
import type { Host } from "@/lib/schemas/host";
import { isStale, type HostModel } from "./lattice-state";

// Models are immutable, so a model object identifies one version of a host: cache its API view
// (per staleness) so a 10,000-host snapshot rebuilds only the hosts that changed.
const cache = new WeakMap<HostModel, { fresh?: Host; stale?: Host }>();

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
    components: [...model.components.values()]
      .map((c) => ({
        id: c.id,
        imageRef: c.imageRef,
        maxInstances: c.maxInstances,
        annotations: { ...c.annotations },
        limits: c.limits === null ? null : { ...c.limits },
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    providers: [...model.providers.values()]
      .map((p) => ({
        id: p.id,
        imageRef: p.imageRef,
        health: p.health,
        annotations: { ...p.annotations },
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** The API `Host` (camelCase, API.md) for a model at `now`. */
export function toApiHost(model: HostModel, now: number, heartbeatMs: number): Host {
  const stale = isStale(model, now, heartbeatMs);
  let entry = cache.get(model);
  if (!entry) {
    entry = {};
    cache.set(model, entry);
  }
  const key = stale ? "stale" : "fresh";
  entry[key] ??= build(model, stale);
  return entry[key];
}
