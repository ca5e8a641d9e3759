import "server-only";
import type {
  ComponentDescription,
  HostInventory,
  PingHost,
  ProviderDescription,
} from "@/lib/protocol";
import type { ComponentModel, HostModel, ProviderModel } from "./lattice-state";

/**
 * A heartbeat taken just before an event can be published just after it (protocol §4). Within
 * this window after a workload event, a contradicting heartbeat is re-read rather than trusted.
 */
export const HEARTBEAT_LAG_MS = 3_000;

export function blankHost(id: string, now: number): HostModel {
  return {
    id,
    friendlyName: "",
    version: "",
    labels: {},
    uptimeSeconds: 0,
    uptimeReportedAt: now,
    lastSeen: now,
    lastWorkloadEventAt: 0,
    components: new Map(),
    providers: new Map(),
    lastScaled: null,
  };
}

function toComponent(c: ComponentDescription): ComponentModel {
  return {
    id: c.id,
    imageRef: c.image_ref,
    maxInstances: c.max_instances,
    annotations: c.annotations,
    // Hosts before 1.9 omit the field (protocol §11.2).
    limits: c.limits ?? null,
  };
}

function toProvider(p: ProviderDescription, previous: ProviderModel | undefined): ProviderModel {
  return {
    id: p.id,
    imageRef: p.image_ref,
    annotations: p.annotations,
    health: previous?.health ?? "unknown",
  };
}

/** A host restarted with the same key reports a lower uptime (protocol §4). */
export function isReboot(previous: HostModel | undefined, uptimeSeconds: number): boolean {
  return previous !== undefined && uptimeSeconds < previous.uptimeSeconds;
}

/**
 * The host's model rebuilt wholesale from an inventory (protocol §10 "Observation"), keeping
 * provider health, which inventories do not carry — unless the host rebooted.
 */
export function hostFromInventory(
  inv: HostInventory,
  id: string,
  previous: HostModel | undefined,
  now: number,
): HostModel {
  const carried = isReboot(previous, inv.uptime_seconds) ? undefined : previous;
  return {
    id,
    friendlyName: inv.friendly_name,
    version: inv.version,
    labels: inv.labels,
    uptimeSeconds: inv.uptime_seconds,
    uptimeReportedAt: now,
    lastSeen: now,
    lastWorkloadEventAt: carried?.lastWorkloadEventAt ?? 0,
    components: new Map(inv.components.map((c) => [c.id, toComponent(c)])),
    providers: new Map(
      inv.providers.map((p) => [p.id, toProvider(p, carried?.providers.get(p.id))]),
    ),
    lastScaled: carried?.lastScaled ?? null,
  };
}

/** Whether an inventory's workloads differ from the model's. */
export function workloadsDiffer(model: HostModel, inv: HostInventory): boolean {
  if (model.components.size !== inv.components.length) return true;
  if (model.providers.size !== inv.providers.length) return true;
  const componentsSame = inv.components.every((c) => {
    const m = model.components.get(c.id);
    return m !== undefined && m.imageRef === c.image_ref && m.maxInstances === c.max_instances;
  });
  return (
    !componentsSame ||
    inv.providers.some((p) => model.providers.get(p.id)?.imageRef !== p.image_ref)
  );
}

/** A ping reply refreshes identity fields; a new or rebooted host still needs `host.get`. */
export function hostFromPing(
  ping: PingHost,
  previous: HostModel | undefined,
  now: number,
): HostModel {
  const base =
    previous && !isReboot(previous, ping.uptime_seconds) ? previous : blankHost(ping.id, now);
  return {
    ...base,
    friendlyName: ping.friendly_name,
    version: ping.version,
    labels: ping.labels,
    uptimeSeconds: ping.uptime_seconds,
    uptimeReportedAt: now,
    lastSeen: now,
  };
}

export function sameIdentity(a: HostModel, b: HostModel): boolean {
  return (
    a.friendlyName === b.friendlyName &&
    a.version === b.version &&
    a.components === b.components &&
    a.providers === b.providers &&
    JSON.stringify(a.labels) === JSON.stringify(b.labels)
  );
}
