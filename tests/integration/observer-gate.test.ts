import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Host } from "@/lib/schemas/host";
import { waitForHost, type GateSource } from "@/server/lattice";
import { NatsServer } from "../helpers/nats-server";
import {
  freshLattice,
  HandWrittenHost,
  hostKey,
  startObserver,
  type TestObserver,
} from "./observer-harness";

const scaled = (id: string, count: number) => ({
  host_id: "",
  component_id: id,
  image_ref: `${id}:1`,
  max_instances: count,
  annotations: {},
});

/** Tracks whether a gate has settled, to assert it has not yet without waiting. */
function track<T>(gate: Promise<T>): { readonly isSettled: boolean } {
  const state = { isSettled: false };
  void gate.then(() => (state.isSettled = true));
  return state;
}

describe("the observer's host gate", () => {
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

  /** An observer that has discovered one hand-written host (and a second one when asked). */
  async function boot(tag: string, others: string[] = []) {
    const lattice = freshLattice(tag);
    const a = new HandWrittenHost(nc, lattice, hostKey("A"));
    const rest = others.map((c) => new HandWrittenHost(nc, lattice, hostKey(c)));
    await nc.flush();
    running = startObserver(server.url, lattice);
    await running.observer.firstDiscovery;
    return { observer: running.observer, a, rest };
  }

  const soon = () => Date.now() + 15_000;

  it("passes when an event brings the host's model to the predicate", async () => {
    const { observer, a } = await boot("gev");
    const gate = observer.waitForHost({
      hostId: a.id,
      until: (host) =>
        host?.components.some((c) => c.id === "api" && c.maxInstances === 2) ?? false,
      deadline: soon(),
    });
    a.publish("component_scaled", scaled("api", 1));
    a.publish("component_scaled", scaled("api", 2));
    const outcome = await gate;
    expect(outcome.kind).toBe("passed");
    expect(outcome.kind === "passed" && outcome.host?.components).toEqual([
      { id: "api", imageRef: "api:1", maxInstances: 2, annotations: {}, limits: null },
    ]);
  });

  it("passes on an inventory re-read, with no event at all", async () => {
    const { observer, a } = await boot("ginv");
    const seen: string[] = [];
    observer.onEvent((event) => seen.push(event.name));
    const gate = observer.waitForHost({
      hostId: a.id,
      until: (host) => host?.labels.zone === "re-read",
      deadline: soon(),
    });
    const progress = track(gate);
    a.inventory = { ...a.inventory, labels: { zone: "re-read" } };
    // The host changed without telling anyone: the model cannot know yet.
    await nc.flush();
    expect(progress.isSettled).toBe(false);
    await observer.refreshHost(a.id);
    expect(await gate).toMatchObject({ kind: "passed", host: { labels: { zone: "re-read" } } });
    expect(seen).toEqual([]);
  });

  it("fails at once on a failure event from that host, not on the same event from another", async () => {
    const { observer, a, rest } = await boot("gfail", ["B"]);
    const [b] = rest;
    if (!b) throw new Error("second host missing");
    const gate = observer.waitForHost({
      hostId: a.id,
      until: () => false,
      failOn: (event) =>
        event.name === "component_scale_failed" ? `api failed: ${event.data.error}` : undefined,
      deadline: Date.now() + 60_000,
    });
    // Identity is the CloudEvent `source`: B's event names A in its data and still is B's.
    b.publish("component_scale_failed", { ...scaled("api", 2), host_id: a.id, error: "on B" });
    a.publish("component_scale_failed", { ...scaled("api", 2), error: "on A" });
    expect(await gate).toEqual({ kind: "failed", reason: "api failed: on A" });
  });

  it("resolves `deadline` at the deadline", async () => {
    const { observer, a } = await boot("gdl");
    const deadline = Date.now() + 300;
    const outcome = await observer.waitForHost({ hostId: a.id, until: () => false, deadline });
    const settledAt = Date.now();
    expect(outcome).toEqual({ kind: "deadline" });
    // Node may fire a timer up to a millisecond early.
    expect(settledAt).toBeGreaterThanOrEqual(deadline - 1);
    expect(settledAt).toBeLessThan(deadline + 2_000);
  });

  it("resolves `aborted` when the signal aborts, and at once when it already has", async () => {
    const { observer, a } = await boot("gab");
    const controller = new AbortController();
    const gate = observer.waitForHost({
      hostId: a.id,
      until: () => false,
      deadline: soon(),
      signal: controller.signal,
    });
    const progress = track(gate);
    await nc.flush();
    expect(progress.isSettled).toBe(false);
    controller.abort();
    expect(await gate).toEqual({ kind: "aborted" });
    expect(
      await observer.waitForHost({
        hostId: a.id,
        until: () => true,
        deadline: soon(),
        signal: controller.signal,
      }),
    ).toEqual({ kind: "aborted" });
  });

  it("re-checks after a resync: what the re-read inventory says decides", async () => {
    const { observer, a } = await boot("gres");
    const until = (host: Host | undefined) => host?.labels.zone === "resynced";
    const gate = observer.waitForHost({ hostId: a.id, until, deadline: soon() });
    // The same observer seen only through its resyncs: proves the resync re-check itself, not
    // the change notification the re-read inventory also makes.
    const resyncsOnly: GateSource = {
      host: (id) => observer.host(id),
      onEvent: (listener) => observer.onEvent(listener),
      onHostsChanged: () => () => {},
      onResync: (listener) => observer.onResync(listener),
    };
    const viaResync = waitForHost(resyncsOnly, { hostId: a.id, until, deadline: soon() });
    const progress = [track(gate), track(viaResync)];
    // A change whose event was lost (e.g. while disconnected, protocol §3.1).
    a.inventory = { ...a.inventory, labels: { zone: "resynced" } };
    await nc.flush();
    expect(progress.map((p) => p.isSettled)).toEqual([false, false]);
    await observer.resync("full", "test");
    expect(await gate).toMatchObject({ kind: "passed", host: { labels: { zone: "resynced" } } });
    expect(await viaResync).toMatchObject({ kind: "passed" });
  });
});
