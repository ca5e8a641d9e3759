import type { NatsConnection } from "@nats-io/transport-node";
import type { GateSource } from "@/lib/host-gate";
import { eventWildcard, HostInventory, parseEvent, type LatticeEvent } from "@/lib/protocol";
import type { Host } from "@/lib/schemas/host";
import type { SimulatedLattice } from "./options";

/**
 * A gate source over the simulated hosts, for waits inside the simulator (the demo deployment),
 * which has no observer: a host's own inventory is its model, and every event it publishes
 * marks it changed. Hosts change their state before they publish, so the re-check on an event
 * sees the change. The model is never re-read from elsewhere, so there are no resyncs.
 */
export function simulatedGateSource(
  nc: NatsConnection,
  lattice: SimulatedLattice,
): GateSource & { close(): void } {
  const eventListeners = new Set<(event: LatticeEvent) => void>();
  const changeListeners = new Set<(hostIds: readonly string[]) => void>();
  const sub = nc.subscribe(eventWildcard(lattice.lattice), {
    callback: (_err, msg) => {
      const parsed = parseEvent(msg.string());
      // Not ours to judge: other publishers may share the subject space.
      if (!parsed.ok) return;
      // As in the observer: the change first, then the event that caused it.
      for (const listener of [...changeListeners]) listener([parsed.event.source]);
      for (const listener of [...eventListeners]) listener(parsed.event);
    },
  });
  const listen =
    <T>(listeners: Set<(value: T) => void>) =>
    (listener: (value: T) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    };
  return {
    host(id) {
      const wire = lattice.inventory(id);
      return wire && hostOf(HostInventory.parse(wire), new Date().toISOString());
    },
    onEvent: listen(eventListeners),
    onHostsChanged: listen(changeListeners),
    onResync: () => () => {},
    close: () => sub.unsubscribe(),
  };
}

/** The API view of a simulated host's inventory; health is not in an inventory (§5.1). */
function hostOf(inventory: HostInventory, at: string): Host {
  return {
    id: inventory.host_id,
    friendlyName: inventory.friendly_name,
    version: inventory.version,
    labels: inventory.labels,
    stale: false,
    lastSeen: at,
    uptimeSeconds: inventory.uptime_seconds,
    uptimeReportedAt: at,
    components: inventory.components.map((c) => ({
      id: c.id,
      imageRef: c.image_ref,
      maxInstances: c.max_instances,
      annotations: c.annotations,
      limits: c.limits ?? null,
    })),
    providers: inventory.providers.map((p) => ({
      id: p.id,
      imageRef: p.image_ref,
      health: "unknown",
      annotations: p.annotations,
    })),
  };
}
