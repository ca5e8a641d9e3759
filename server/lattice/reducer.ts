import "server-only";
import type { HostInventory, LatticeEvent } from "@/lib/protocol";
import {
  blankHost,
  HEARTBEAT_LAG_MS,
  hostFromInventory,
  hostFromPing,
  isReboot,
  sameIdentity,
  workloadsDiffer,
} from "./host-model";
import type { HostModel, LatticeInput, LatticeState, ReduceResult } from "./lattice-state";
import { workloadStep, type Step } from "./reduce-workload";

function withHost(state: LatticeState, host: HostModel): LatticeState {
  return { hosts: state.hosts.set(host) };
}

function withoutHost(state: LatticeState, id: string): LatticeState {
  return { hosts: state.hosts.delete(id) };
}

function inventoryStep(
  inv: HostInventory,
  id: string,
  prev: HostModel | undefined,
  now: number,
  isHeartbeat: boolean,
): Step {
  const next = hostFromInventory(inv, id, prev, now);
  // A heartbeat snapshot can lag an event that arrived just before it (protocol §4): keep the
  // event's view of the workloads and re-read the inventory instead of flapping.
  const lagging =
    isHeartbeat &&
    prev !== undefined &&
    !isReboot(prev, inv.uptime_seconds) &&
    now - prev.lastWorkloadEventAt < HEARTBEAT_LAG_MS &&
    workloadsDiffer(prev, inv);
  if (lagging)
    return {
      host: { ...next, components: prev.components, providers: prev.providers },
      resync: true,
    };
  return { host: next, resync: false };
}

function eventStep(event: LatticeEvent, prev: HostModel | undefined, now: number): Step {
  if (event.name === "host_heartbeat")
    return inventoryStep(event.data, event.source, prev, now, true);
  if (event.name === "host_stopped") return { host: null, resync: false };
  if (event.name === "host_started") {
    const fresh = blankHost(event.source, now);
    const d = event.data;
    return {
      host: {
        ...fresh,
        friendlyName: d.friendly_name,
        labels: d.labels,
        version: d.version,
        uptimeSeconds: d.uptime_seconds,
      },
      resync: false,
    };
  }
  // Any other event from a host we do not know yet: start a placeholder and read its inventory.
  const known = prev !== undefined;
  const base: HostModel = { ...(prev ?? blankHost(event.source, now)), lastSeen: now };
  const host: HostModel = event.name === "component_scaled" ? base : { ...base, lastScaled: null };
  const step = workloadStep(event, host, now);
  return { host: step.host, resync: step.resync || !known };
}

const unchanged = (state: LatticeState): ReduceResult => ({
  state,
  changedHostIds: [],
  removedHostIds: [],
  resyncHostIds: [],
});

/**
 * The pure lattice reducer: (state, input, now) → next state plus what changed. No clock, no
 * I/O; `now` is epoch ms. Staleness is derived at read time from `lastSeen` (see `isStale`).
 */
export function reduceLattice(state: LatticeState, input: LatticeInput, now: number): ReduceResult {
  switch (input.kind) {
    case "expire": {
      const removed = [...state.hosts.values()]
        .filter((h) => now - h.lastSeen > input.forgetAfterMs)
        .map((h) => h.id);
      if (removed.length === 0) return unchanged(state);
      const hosts = removed.reduce((table, id) => table.delete(id), state.hosts);
      return { state: { hosts }, changedHostIds: [], removedHostIds: removed, resyncHostIds: [] };
    }
    case "ping": {
      const prev = state.hosts.get(input.host.id);
      const next = hostFromPing(input.host, prev, now);
      const needsInventory = prev === undefined || next.components !== prev.components;
      // A ping that only confirms liveness refreshes lastSeen quietly: at 10,000 hosts a
      // periodic ping must not become 10,000 upserts.
      const quiet = prev !== undefined && sameIdentity(prev, next);
      return {
        state: withHost(state, next),
        changedHostIds: quiet ? [] : [next.id],
        removedHostIds: [],
        resyncHostIds: needsInventory ? [next.id] : [],
      };
    }
    case "inventory": {
      const id = input.inventory.host_id;
      const step = inventoryStep(input.inventory, id, state.hosts.get(id), now, false);
      return apply(state, id, step);
    }
    case "event": {
      const id = input.event.source;
      return apply(state, id, eventStep(input.event, state.hosts.get(id), now));
    }
  }
}

function apply(state: LatticeState, id: string, step: Step): ReduceResult {
  if (step.host === null) {
    if (!state.hosts.has(id)) return unchanged(state);
    return {
      state: withoutHost(state, id),
      changedHostIds: [],
      removedHostIds: [id],
      resyncHostIds: [],
    };
  }
  return {
    state: withHost(state, step.host),
    changedHostIds: [id],
    removedHostIds: [],
    resyncHostIds: step.resync ? [id] : [],
  };
}
