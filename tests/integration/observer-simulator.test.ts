import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { HostInventoryWire } from "@/lib/protocol";
import type { Host } from "@/lib/schemas/host";
import { simControl, startSimulatedLattice, type SimulatedLattice } from "@/server/simulator";
import { NatsServer } from "../helpers/nats-server";
import { freshLattice, startObserver, until, type TestObserver } from "./observer-harness";

/** What the observer must agree on with a host's own inventory. */
function truthOf(inv: HostInventoryWire) {
  return {
    labels: inv.labels ?? {},
    components: (inv.components ?? [])
      .map((c) => `${c.id}@${c.image_ref}x${c.max_instances}`)
      .sort(),
    providers: (inv.providers ?? []).map((p) => `${p.id}@${p.image_ref}`).sort(),
  };
}

function viewOf(host: Host) {
  return {
    labels: host.labels,
    components: host.components.map((c) => `${c.id}@${c.imageRef}x${c.maxInstances}`).sort(),
    providers: host.providers.map((p) => `${p.id}@${p.imageRef}`).sort(),
  };
}

/** True when every live simulated host is listed exactly as its inventory says. */
function converged(sim: SimulatedLattice, t: TestObserver, hostIds = sim.hostIds()): boolean {
  return hostIds.every((id) => {
    const inv = sim.inventory(id);
    const host = t.observer.host(id);
    return (
      inv !== undefined &&
      host !== undefined &&
      JSON.stringify(truthOf(inv)) === JSON.stringify(viewOf(host))
    );
  });
}

function expectConverged(sim: SimulatedLattice, t: TestObserver): void {
  for (const id of sim.hostIds()) {
    const inv = sim.inventory(id);
    const host = t.observer.host(id);
    expect(host && viewOf(host), `host ${id}`).toEqual(inv && truthOf(inv));
  }
}

describe("observer converges on the simulated lattice", () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let sim: SimulatedLattice | undefined;
  let t: TestObserver | undefined;

  beforeAll(async () => {
    server = await NatsServer.start();
    nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  });
  afterEach(async () => {
    await t?.dispose();
    await sim?.stop();
    t = undefined;
    sim = undefined;
  });
  afterAll(async () => {
    await nc.close();
    await server.dispose();
  });

  async function boot(hosts: number, heartbeatSeconds = 1) {
    const lattice = freshLattice("conv");
    sim = await startSimulatedLattice({
      natsUrl: server.url,
      lattice,
      hosts,
      heartbeatSeconds,
      fast: true,
      deployApp: true,
    });
    t = startObserver(server.url, lattice, { heartbeatSeconds, resyncSeconds: heartbeatSeconds });
    await t.observer.firstDiscovery;
    const started = { sim, t };
    await until(t.observer, "initial convergence", () => converged(started.sim, started.t));
    return { lattice, sim, t };
  }

  it("sees the same hosts and workloads after discovery, then after scale and update", async () => {
    const { sim, t } = await boot(4);
    expect(
      t.observer
        .hosts()
        .map((h) => h.id)
        .sort(),
    ).toEqual(sim.hostIds().sort());
    expectConverged(sim, t);

    // Discovery's own deltas may show a host from its ping before its inventory (a lone
    // change goes out at once); only what the scale and update produce is under test.
    const deltasBefore = t.deltas.length;
    const [first, second] = sim.hostIds();
    const current = t.observer.host(second)?.components.find((c) => c.id === "counter");
    expect(current).toBeDefined();
    await t.ctl.scaleComponent({
      hostId: first,
      componentId: "counter",
      componentRef: "ghcr.io/acme/counter:0.8.1",
      count: 7,
      config: ["counter-config"],
      annotations:
        t.observer.host(first)?.components.find((c) => c.id === "counter")?.annotations ?? {},
    });
    await t.ctl.updateComponent({
      hostId: second,
      componentId: "counter",
      newComponentRef: "ghcr.io/acme/counter:0.9.0",
      annotations: current?.annotations ?? {},
    });
    await until(
      t.observer,
      "scale and update observed",
      () =>
        t.observer
          .host(first)
          ?.components.some((c) => c.id === "counter" && c.maxInstances === 7) === true &&
        t.observer
          .host(second)
          ?.components.some((c) => c.id === "counter" && c.imageRef.endsWith(":0.9.0")) === true,
    );
    await until(t.observer, "converged after changes", () => converged(sim, t));
    const secondViews = t.deltas
      .slice(deltasBefore)
      .flatMap((d) => d.upserts.filter((h) => h.id === second));
    expect(secondViews.length).toBeGreaterThan(0);
    expect(secondViews.every((h) => h.components.some((c) => c.id === "counter"))).toBe(true);
  });

  it("heals missed events from heartbeats", async () => {
    const { lattice, sim, t } = await boot(3);
    const [target] = sim.hostIds();
    await simControl(nc, lattice, { op: "drop-events", enabled: true });
    await t.ctl.scaleComponent({
      hostId: target,
      componentId: "counter",
      componentRef: "ghcr.io/acme/counter:0.8.1",
      count: 0,
      annotations: {},
    });
    const stopped = () =>
      sim.inventory(target)?.components?.every((c) => c.id !== "counter") === true;
    await until(t.observer, "host stopped the component", stopped);
    // The event was lost: the observer cannot know yet.
    expect(t.observer.host(target)?.components.some((c) => c.id === "counter")).toBe(true);
    await simControl(nc, lattice, { op: "drop-events", enabled: false });
    await until(
      t.observer,
      "stop seen via the next heartbeat",
      () => t.observer.host(target)?.components.every((c) => c.id !== "counter") === true,
    );
    await until(t.observer, "converged", () => converged(sim, t));
  });

  it("survives a nats-server restart and resyncs", async () => {
    const { sim, t } = await boot(3);
    const resyncs: string[] = [];
    t.observer.onResync((reason) => resyncs.push(reason));
    await server.restart();
    await until(
      t.observer,
      "reconnected and resynced",
      () => t.observer.connection === "connected" && resyncs.includes("reconnected"),
      20_000,
    );
    expect(t.deltas.some((d) => d.connection === "disconnected")).toBe(true);
    const [target] = sim.hostIds();
    await t.ctl.scaleComponent({
      hostId: target,
      componentId: "greeter",
      componentRef: "ghcr.io/acme/greeter:2.1.0",
      count: 3,
      config: ["greeter-config"],
      annotations: {},
    });
    await until(
      t.observer,
      "change after restart observed",
      () =>
        t.observer
          .host(target)
          ?.components.some((c) => c.id === "greeter" && c.maxInstances === 3) === true,
    );
    await until(t.observer, "converged", () => converged(sim, t));
  });

  it("marks a crashed host stale and keeps the others fresh", async () => {
    const { lattice, sim, t } = await boot(3);
    const [victim, ...others] = sim.hostIds();
    await simControl(nc, lattice, { op: "crash-host", hostId: victim });
    await until(
      t.observer,
      "crashed host stale",
      () => t.observer.host(victim)?.stale === true,
      10_000,
    );
    expect(others.map((id) => t.observer.host(id)?.stale)).toEqual(others.map(() => false));
    expect(t.observer.summary()).toMatchObject({ hostCount: 3, staleHostCount: 1 });
  });
});
