import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Kvm } from "@nats-io/kv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RolloutSpec, type Plan } from "@/lib/schemas/rollout";
import { newRecord } from "@/server/rollouts";
import { LeaseKeeper } from "@/server/rollouts/leases";
import { CorruptEntryError, RolloutStore, rolloutBucket, WriteConflictError } from "@/server/store";
import { NatsServer } from "../helpers/nats-server";
import { freshLattice } from "./observer-harness";

let server: NatsServer;
let nc: NatsConnection;

function bigPlan(hosts: number): Plan {
  const ids = Array.from({ length: hosts }, (_, i) => `N${String(i).padStart(55, "0")}`);
  const state = {
    imageRef: "ghcr.io/acme/c:1.0.0",
    maxInstances: 4,
    config: null,
    annotations: {},
  };
  return {
    hash: "h".repeat(64),
    lattice: [],
    hosts: ids.map((hostId) => ({
      hostId,
      friendlyName: `host-${hostId.slice(-4)}`,
      labels: { zone: "a", "hostcore.os": "linux" },
      changes: [
        {
          kind: "component",
          id: "c",
          method: "update",
          before: state,
          after: { ...state, imageRef: "ghcr.io/acme/c:1.1.0" },
        },
      ],
    })),
    skipped: [],
    waves: ids.map((id) => [id]),
    warnings: [],
    errors: [],
    blastRadius: [],
    summary: { hosts, waves: hosts, skipped: 0 },
  };
}

describe("rollout store in JetStream KV", () => {
  beforeAll(async () => {
    server = await NatsServer.start();
    nc = await connect({ servers: server.url });
  });
  afterAll(async () => {
    await nc.close();
    await server.dispose();
  });

  it("keeps a 5,000-host plan and record under max_payload, and writes records by CAS only", async () => {
    const lattice = freshLattice("store");
    const store = await RolloutStore.open(nc, lattice);
    const plan = bigPlan(5_000);
    expect(JSON.stringify(plan).length).toBeGreaterThan(1024 * 1024);
    await store.putPlan("r1", plan);
    expect(await store.getPlan("r1")).toEqual(plan);
    const spec = RolloutSpec.parse({
      changes: [{ kind: "component", id: "c", imageRef: "ghcr.io/acme/c:1.1.0" }],
    });
    const record = newRecord({
      id: "r1",
      lattice,
      spec,
      plan,
      createdBy: "t",
      revision: 1,
      now: 0,
    });
    const rev = await store.putRecord(record, 0);
    await expect(store.putRecord(record, 0)).rejects.toBeInstanceOf(WriteConflictError);
    const next = await store.putRecord({ ...record, state: "paused" }, rev);
    await expect(store.putRecord(record, rev)).rejects.toBeInstanceOf(WriteConflictError);
    expect((await store.getRecord("r1"))?.revision).toBe(next);
    expect((await store.getRecord("r1"))?.value.state).toBe("paused");
  });

  it("reports a malformed entry as corrupt instead of trusting it", async () => {
    const lattice = freshLattice("store");
    const store = await RolloutStore.open(nc, lattice);
    const kv = await new Kvm(nc).open(rolloutBucket(lattice));
    await kv.put("rollout.bad", "{not json");
    await expect(store.getRecord("bad")).rejects.toBeInstanceOf(CorruptEntryError);
    const skipped: unknown[] = [];
    expect(await store.records((e) => skipped.push(e))).toEqual([]);
    expect(skipped).toHaveLength(1);
  });

  it("gives a lease to one owner until it expires, then to another by CAS", async () => {
    const lattice = freshLattice("store");
    const store = await RolloutStore.open(nc, lattice);
    let clock = 1_000;
    const a = new LeaseKeeper(store, "a", 5_000, () => clock);
    const b = new LeaseKeeper(store, "b", 5_000, () => clock);
    const [gotA, gotB] = await Promise.all([a.acquire("r"), b.acquire("r")]);
    expect([gotA, gotB].filter(Boolean)).toHaveLength(1);
    const [holder, other] = gotA ? [a, b] : [b, a];
    clock += 4_000;
    expect(await holder.renew("r")).toBe(true);
    clock += 4_000;
    expect(await other.acquire("r")).toBe(false);
    clock += 6_000;
    expect(await other.acquire("r")).toBe(true);
    // The old holder's renewal now fails: its revision is gone.
    expect(await holder.renew("r")).toBe(false);
    expect(holder.holds("r")).toBe(false);
  });
});
