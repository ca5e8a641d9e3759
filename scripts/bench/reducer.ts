/**
 * Pure-core figures at lattice scale: folding inventories, heartbeats and events into the
 * lattice model, and turning the model into API hosts (the snapshot path).
 */
import type { HostInventory, LatticeEvent } from "@/lib/protocol";
import { emptyLatticeState, reduceLattice, toApiHost, type LatticeState } from "@/server/lattice";
import { ms, now, report } from "./stats";

const HEARTBEAT_MS = 30_000;

function inventory(i: number, uptime: number): HostInventory {
  const hostId = `N${String(i).padStart(55, "0")}`;
  return {
    host_id: hostId,
    friendly_name: `bench-host-${i}`,
    version: "1.9.2",
    labels: { "hostcore.arch": "x86_64", "hostcore.os": "linux", zone: "abc"[i % 3] ?? "a" },
    uptime_human: `${uptime}s`,
    uptime_seconds: uptime,
    components: ["http-api", "counter", "greeter", "inventory-worker"].map((id) => ({
      id,
      image_ref: `ghcr.io/acme/${id}:1.4.0`,
      annotations: {},
      revision: 0,
      max_instances: 4,
      limits: null,
    })),
    providers: ["http-server", "kv-redis"].map((id) => ({
      id,
      image_ref: `ghcr.io/wasmcloud/${id}:0.23.0`,
      annotations: {},
      revision: 0,
    })),
  };
}

function scaled(hostId: string, count: number): LatticeEvent {
  return {
    name: "component_scaled",
    id: `e${count}`,
    source: hostId,
    time: new Date().toISOString(),
    data: {
      host_id: hostId,
      component_id: "counter",
      image_ref: "ghcr.io/acme/counter:1.4.0",
      max_instances: count,
      annotations: {},
    },
  };
}

export function benchReducer(hostCount: number): void {
  console.log(`\n# pure core, ${hostCount} hosts (4 components + 2 providers each)`);
  const clock = Date.now();
  let state: LatticeState = emptyLatticeState;

  let start = now();
  for (let i = 0; i < hostCount; i++) {
    state = reduceLattice(state, { kind: "inventory", inventory: inventory(i, 100) }, clock).state;
  }
  report("first inventory of every host", ms(start), "ms");

  start = now();
  for (let i = 0; i < hostCount; i++) {
    state = reduceLattice(state, { kind: "inventory", inventory: inventory(i, 130) }, clock).state;
  }
  const heartbeatsMs = ms(start);
  report("one heartbeat from every host", heartbeatsMs, "ms");
  report("heartbeat throughput", (hostCount / heartbeatsMs) * 1000, "msg/s");

  start = now();
  for (let i = 0; i < hostCount; i++) {
    const hostId = `N${String(i).padStart(55, "0")}`;
    state = reduceLattice(state, { kind: "event", event: scaled(hostId, 5) }, clock).state;
  }
  const eventsMs = ms(start);
  report("component_scaled event throughput", (hostCount / eventsMs) * 1000, "msg/s");

  const models = [...state.hosts.values()];
  start = now();
  for (const model of models) toApiHost(model, clock, HEARTBEAT_MS);
  report("API snapshot of every host (cold)", ms(start), "ms");
  start = now();
  for (const model of models) toApiHost(model, clock, HEARTBEAT_MS);
  report("API snapshot of every host (cached)", ms(start), "ms");
}
