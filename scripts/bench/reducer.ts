/**
 * Pure-core figures at lattice scale (4 components + 2 providers per host): folding inventories, heartbeats and events into the
 * lattice model, and turning the model into API hosts (the snapshot path).
 */
import type { HostInventory, LatticeEvent } from "@/lib/protocol";
import { emptyLatticeState, reduceLattice, toApiHost, type LatticeState } from "@/server/lattice";
import { ms, now } from "./stats";
import { measured, type BenchRow } from "./table";

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

export function benchReducer(hostCount: number): BenchRow[] {
  const clock = Date.now();
  const hosts = hostCount;
  let state: LatticeState = emptyLatticeState;

  let start = now();
  for (let i = 0; i < hostCount; i++) {
    state = reduceLattice(state, { kind: "inventory", inventory: inventory(i, 100) }, clock).state;
  }
  const firstMs = ms(start);

  start = now();
  for (let i = 0; i < hostCount; i++) {
    state = reduceLattice(state, { kind: "inventory", inventory: inventory(i, 130) }, clock).state;
  }
  const heartbeatsMs = ms(start);

  start = now();
  for (let i = 0; i < hostCount; i++) {
    const hostId = `N${String(i).padStart(55, "0")}`;
    state = reduceLattice(state, { kind: "event", event: scaled(hostId, 5) }, clock).state;
  }
  const eventsMs = ms(start);

  const models = [...state.hosts.values()];
  start = now();
  for (const model of models) toApiHost(model, clock, HEARTBEAT_MS);
  const snapshotMs = ms(start);
  return [
    measured(
      {
        id: "core.inventory",
        figure: "pure core: first inventory of every host",
        unit: "ms",
        hosts,
      },
      firstMs,
    ),
    measured(
      { id: "core.heartbeats", figure: "pure core: heartbeat throughput", unit: "msg/s", hosts },
      (hostCount / heartbeatsMs) * 1000,
    ),
    measured(
      { id: "core.events", figure: "pure core: component_scaled throughput", unit: "msg/s", hosts },
      (hostCount / eventsMs) * 1000,
    ),
    measured(
      { id: "core.snapshot", figure: "pure core: API view of every host", unit: "ms", hosts },
      snapshotMs,
    ),
  ];
}
