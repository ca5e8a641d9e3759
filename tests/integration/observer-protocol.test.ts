import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventSubject } from "@/lib/protocol";
import { NatsServer } from "../helpers/nats-server";
import {
  freshLattice,
  HandWrittenHost,
  hostKey,
  startObserver,
  until,
  untilHost,
  type TestObserver,
} from "./observer-harness";

const component = (ref: string, count: number) => ({
  id: "hello",
  image_ref: ref,
  annotations: { "wasmcloud.dev/managed-by": "console" },
  revision: 0,
  max_instances: count,
  limits: null,
});

describe("observer against hosts it did not start", () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let running: TestObserver | undefined;

  beforeAll(async () => {
    server = await NatsServer.start();
    nc = await connect({ servers: server.url });
  });
  afterEach(async () => {
    await running?.dispose();
    running = undefined;
  });
  afterAll(async () => {
    await nc.close();
    await server.dispose();
  });

  it("discovers hosts by ping and host.get, then reports ready", async () => {
    const lattice = freshLattice("disc");
    const a = new HandWrittenHost(nc, lattice, hostKey("A"), {
      components: [component("hello:1", 2)],
    });
    new HandWrittenHost(nc, lattice, hostKey("B"), { labels: { zone: "b" } });
    await nc.flush();
    running = startObserver(server.url, lattice);
    const { observer } = running;
    await observer.firstDiscovery;
    expect(observer.ready).toBe(true);
    expect(observer.connection).toBe("connected");
    const snapshot = observer.snapshot();
    expect(snapshot.hosts.map((h) => h.id).sort()).toEqual([hostKey("A"), hostKey("B")]);
    expect(observer.host(a.id)?.components).toEqual([
      {
        id: "hello",
        imageRef: "hello:1",
        maxInstances: 2,
        annotations: { "wasmcloud.dev/managed-by": "console" },
        limits: null,
      },
    ]);
    expect(observer.host(hostKey("B"))?.labels).toEqual({ zone: "b" });
    expect(a.hostGets).toBe(1);
    const { deltas } = running;
    await until(observer, "ready announced on the stream", () =>
      deltas.some((d) => d.ready === true),
    );
  });

  it("follows events: scale, provider start and health, labels, stop", async () => {
    const lattice = freshLattice("evt");
    const a = new HandWrittenHost(nc, lattice, hostKey("C"));
    running = startObserver(server.url, lattice);
    const { observer, deltas } = running;
    await observer.firstDiscovery;
    // A broken listener (e.g. a stream whose client vanished) must not starve the others.
    observer.subscribe(() => {
      throw new Error("listener bug");
    });

    a.publish("component_scaled", {
      host_id: a.id,
      component_id: "hello",
      image_ref: "hello:1",
      max_instances: 3,
      annotations: {},
    });
    a.publish("provider_started", {
      host_id: "",
      provider_id: "http",
      image_ref: "http:1",
      annotations: {},
    });
    a.publish("health_check_passed", { host_id: a.id, provider_id: "http" });
    a.publish("labels_changed", { host_id: a.id, labels: { zone: "z" } });
    await untilHost(
      observer,
      a.id,
      "events applied",
      (host) =>
        host?.providers[0]?.health === "healthy" &&
        host.labels.zone === "z" &&
        host.components.length === 1,
    );
    expect(observer.events().map((e) => e.type)).toEqual([
      "component_scaled",
      "provider_started",
      "health_check_passed",
      "labels_changed",
    ]);

    await until(observer, "health reached the other listeners", () =>
      deltas.some((d) => d.upserts.some((h) => h.providers[0]?.health === "healthy")),
    );

    a.publish("host_stopped", { labels: {} });
    await until(observer, "host removed", () => observer.host(a.id) === undefined);
    expect(running.deltas.some((d) => d.removed.includes(a.id))).toBe(true);
  });

  it("counts malformed and unknown messages and keeps going", async () => {
    const lattice = freshLattice("bad");
    const a = new HandWrittenHost(nc, lattice, hostKey("D"));
    running = startObserver(server.url, lattice);
    const { observer } = running;
    await observer.firstDiscovery;
    nc.publish(eventSubject(lattice, "garbage"), "{not json");
    a.publish("component_scaled", { component_id: "no-count" });
    a.publish("actor_started", {});
    a.publish("config_set", { config_name: "after-the-garbage" });
    await until(observer, "valid event after garbage", () =>
      observer.events().some((e) => e.summary.includes("after-the-garbage")),
    );
    expect(observer.stats.dropped).toEqual({ malformed: 2, "unknown-type:actor_started": 1 });
    expect(observer.stats.applied).toBeGreaterThanOrEqual(1);
  });

  it("does not read an update's 0-count event as a stop and confirms with host.get", async () => {
    const lattice = freshLattice("upd");
    const a = new HandWrittenHost(nc, lattice, hostKey("E"), {
      components: [component("hello:1", 4)],
    });
    running = startObserver(server.url, lattice);
    const { observer, deltas } = running;
    await observer.firstDiscovery;
    const readsBefore = a.hostGets;
    // Discovery's own deltas may show the host from its ping before its inventory (a lone
    // change goes out at once); only what the update pair produces is under test.
    const deltasBefore = deltas.length;

    a.inventory = { ...a.inventory, components: [component("hello:2", 4)] };
    const annotations = { "wasmcloud.dev/managed-by": "console" };
    a.publish("component_scaled", {
      host_id: a.id,
      component_id: "hello",
      image_ref: "hello:2",
      max_instances: 4,
      annotations,
    });
    a.publish("component_scaled", {
      host_id: a.id,
      component_id: "hello",
      image_ref: "hello:2",
      max_instances: 0,
      annotations,
    });

    await until(observer, "inventory re-read after the pair", () => a.hostGets > readsBefore);
    await until(
      observer,
      "new ref shown",
      () => observer.host(a.id)?.components[0]?.imageRef === "hello:2",
    );
    const hostViews = deltas
      .slice(deltasBefore)
      .flatMap((d) => d.upserts.filter((h) => h.id === a.id));
    expect(hostViews.length).toBeGreaterThan(0);
    expect(hostViews.every((h) => h.components.length === 1)).toBe(true);
  });

  it("marks a silent host stale after three heartbeat intervals, fresh again on a heartbeat", async () => {
    const lattice = freshLattice("stale");
    const a = new HandWrittenHost(nc, lattice, hostKey("F"));
    running = startObserver(server.url, lattice, { heartbeatSeconds: 1, resyncSeconds: 3_600 });
    const { observer } = running;
    await observer.firstDiscovery;
    expect(observer.host(a.id)?.stale).toBe(false);
    const { deltas } = running;
    // Staleness is derived from the clock, and its flip is pushed to listeners as an upsert.
    await until(
      observer,
      "stale host pushed",
      () => deltas.some((d) => d.upserts.some((h) => h.id === a.id && h.stale)),
      10_000,
    );
    expect(observer.host(a.id)?.stale).toBe(true);
    a.heartbeat();
    await untilHost(observer, a.id, "host fresh", (host) => host?.stale === false);
  });

  it("periodic resync pings for unknown hosts and reads only those, not every known host", async () => {
    const lattice = freshLattice("light");
    const known = new HandWrittenHost(nc, lattice, hostKey("G"));
    running = startObserver(server.url, lattice, {
      heartbeatSeconds: 1,
      resyncSeconds: 1,
      pingWindowMs: 300,
      pingStallMs: 50,
    });
    const { observer } = running;
    await observer.firstDiscovery;
    const late = new HandWrittenHost(nc, lattice, hostKey("H"), { labels: { zone: "late" } });
    await untilHost(
      observer,
      late.id,
      "late host found by a periodic ping",
      (host) => host?.labels.zone === "late",
    );
    const resyncsBefore = observer.stats.resyncs;
    await until(
      observer,
      "two more periodic resyncs",
      () => observer.stats.resyncs >= resyncsBefore + 2,
    );
    expect(known.hostGets).toBe(1);
    expect(late.hostGets).toBe(1);
    // Ping replies count as "seen": hosts that answer never turn stale.
    expect(observer.host(known.id)?.stale).toBe(false);
  });

  it("batches a burst of events into a few deltas", async () => {
    const lattice = freshLattice("burst");
    const hosts = ["J", "K", "L", "M"].map((c) => new HandWrittenHost(nc, lattice, hostKey(c)));
    running = startObserver(server.url, lattice);
    const { observer, deltas } = running;
    await observer.firstDiscovery;
    await until(observer, "ready delta", () => deltas.some((d) => d.ready === true));
    const before = deltas.length;
    for (let i = 1; i <= 500; i += 1) {
      for (const h of hosts) {
        h.publish("component_scaled", {
          host_id: h.id,
          component_id: "hello",
          image_ref: "hello:1",
          max_instances: i,
          annotations: {},
        });
      }
    }
    // A frame carries at most the feed's newest events, so in a burst the stream may skip
    // older ones; the newest of every host must arrive, and the model must hold every event.
    const pushed = () => new Set(deltas.slice(before).flatMap((d) => d.events.map((e) => e.id)));
    const newest = hosts.map((h) => `${h.id.slice(-6)}-500`);
    await until(observer, "the newest event of every host pushed", () => {
      const ids = pushed();
      return newest.every((id) => ids.has(id));
    });
    expect(hosts.map((h) => observer.host(h.id)?.components[0]?.maxInstances)).toEqual([
      500, 500, 500, 500,
    ]);
    const burst = deltas.slice(before);
    // One frame per batch window, not one per event.
    expect(burst.length).toBeLessThan(100);
  });

  it("hands validated events to gate listeners and lets one host be re-read on demand", async () => {
    const lattice = freshLattice("gate");
    const a = new HandWrittenHost(nc, lattice, hostKey("N"));
    running = startObserver(server.url, lattice);
    const { observer } = running;
    await observer.firstDiscovery;
    const handed: string[] = [];
    const gate = observer.waitForHost({
      hostId: a.id,
      until: () => false,
      passOn: (event) => {
        if (event.name !== "component_scaled" || event.data.max_instances !== 2) return false;
        handed.push(event.data.image_ref);
        return true;
      },
      deadline: Date.now() + 15_000,
    });
    a.publish("component_scaled", {
      host_id: "",
      component_id: "api",
      image_ref: "api:7",
      max_instances: 2,
      annotations: {},
    });
    const outcome = await gate;
    expect(handed).toEqual(["api:7"]);
    // When the event applied, the state already shows it (gates can read the host right away).
    expect(outcome.kind === "passed" && outcome.host?.components.map((c) => c.imageRef)).toEqual([
      "api:7",
    ]);
    expect(observer.host(a.id)?.components.map((c) => c.imageRef)).toEqual(["api:7"]);

    a.inventory = { ...a.inventory, labels: { zone: "re-read" } };
    expect((await observer.refreshHost(a.id))?.labels).toEqual({ zone: "re-read" });
    await expect(observer.refreshHost(hostKey("O"))).rejects.toMatchObject({ code: "host_gone" });
  });
});
