import "server-only";
import type {
  ComponentDescription,
  HostInventory,
  PingHost,
  ProviderDescription,
} from "@/lib/protocol";
import type { ComponentModel, HostModel, ProviderModel } from "./lattice-state";
import { WorkloadMap } from "./workload-map";
import { internComponent, internProvider } from "./workload-pool";

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
    components: WorkloadMap.empty(),
    providers: WorkloadMap.empty(),
    lastScaled: null,
  };
}

const sameRecord = (
  a: Readonly<Record<string, string>> | null,
  b: Readonly<Record<string, string>> | null,
): boolean => {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

/** The inventory's view of a component, or `previous` itself when nothing differs. */
function toComponent(
  c: ComponentDescription,
  previous: ComponentModel | undefined,
): ComponentModel {
  // Hosts before 1.9 omit the limits (protocol §11.2).
  const limits = c.limits ?? null;
  if (
    previous &&
    previous.imageRef === c.image_ref &&
    previous.maxInstances === c.max_instances &&
    sameRecord(previous.annotations, c.annotations) &&
    sameRecord(previous.limits, limits)
  )
    return previous;
  return internComponent({
    id: c.id,
    imageRef: c.image_ref,
    maxInstances: c.max_instances,
    annotations: c.annotations,
    limits,
  });
}

function toProvider(p: ProviderDescription, previous: ProviderModel | undefined): ProviderModel {
  if (
    previous &&
    previous.imageRef === p.image_ref &&
    sameRecord(previous.annotations, p.annotations)
  )
    return previous;
  return internProvider({
    id: p.id,
    imageRef: p.image_ref,
    annotations: p.annotations,
    health: previous?.health ?? "unknown",
  });
}

/**
 * `next` unless it holds exactly the entries of `previous` (same objects): then `previous`,
 * so a heartbeat that changes nothing keeps the workload maps and every view built from them.
 */
function shareMap<V extends { readonly id: string }>(
  previous: WorkloadMap<V> | undefined,
  next: WorkloadMap<V>,
): WorkloadMap<V> {
  if (!previous || previous.size !== next.size) return next;
  // Both in id order: the same entries are at the same places.
  return next.list.every((value, i) => previous.list[i] === value) ? previous : next;
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
    labels: previous && sameRecord(previous.labels, inv.labels) ? previous.labels : inv.labels,
    uptimeSeconds: inv.uptime_seconds,
    uptimeReportedAt: now,
    lastSeen: now,
    lastWorkloadEventAt: carried?.lastWorkloadEventAt ?? 0,
    // Structural sharing: unchanged workloads keep their objects (and maps), so the API
    // views and stream patches built from them are reused rather than rebuilt per heartbeat.
    components: shareMap(
      carried?.components,
      WorkloadMap.of(inv.components.map((c) => toComponent(c, carried?.components.get(c.id)))),
    ),
    providers: shareMap(
      carried?.providers,
      WorkloadMap.of(inv.providers.map((p) => toProvider(p, carried?.providers.get(p.id)))),
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
    labels: sameRecord(base.labels, ping.labels) ? base.labels : ping.labels,
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
