import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Plan,
  RevisionList,
  Rollout,
  RolloutList,
  RolloutLog,
  RolloutSpec,
} from "@/lib/schemas/rollout";
import { startSimulatedLattice, type SimulatedLattice } from "@/server/simulator";
import { NatsServer } from "../helpers/nats-server";
import { freshLattice } from "./observer-harness";
import { CtlRecorder, waitForRollout } from "./rollout-harness";

// The routes read their configuration from the environment, as under `next start`.
const lattice = freshLattice("apiro");
const OLD_REF = "ghcr.io/acme/counter:0.8.1";
const NEW_REF = "ghcr.io/acme/counter:0.9.0";
let server: NatsServer;
let nc: NatsConnection;
let sim: SimulatedLattice;
let recorder: CtlRecorder;

const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request("http://console.test/", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const get = (path = "/") => new Request(`http://console.test${path}`);
const upgrade = { changes: [{ kind: "component", id: "counter", imageRef: NEW_REF }] };

async function routes() {
  return {
    plans: await import("@/app/api/lattices/[lattice]/plans/route"),
    rollouts: await import("@/app/api/lattices/[lattice]/rollouts/route"),
    one: await import("@/app/api/lattices/[lattice]/rollouts/[id]/route"),
    action: await import("@/app/api/lattices/[lattice]/rollouts/[id]/[action]/route"),
    restore: await import("@/app/api/lattices/[lattice]/rollouts/[id]/restore-spec/route"),
    log: await import("@/app/api/lattices/[lattice]/rollouts/[id]/log/route"),
    revisions: await import("@/app/api/lattices/[lattice]/revisions/route"),
  };
}

async function service() {
  const { rolloutService } = await import("@/server/rollouts");
  return rolloutService(lattice);
}

describe("rollout routes", () => {
  beforeAll(async () => {
    server = await NatsServer.start();
    nc = await connect({ servers: server.url });
    recorder = new CtlRecorder(nc, lattice);
    sim = await startSimulatedLattice({
      natsUrl: server.url,
      lattice,
      hosts: 3,
      fast: true,
      heartbeatSeconds: 60,
      deployApp: true,
    });
    Object.assign(process.env, {
      NATS_URL: server.url,
      LATTICES: lattice,
      PING_WINDOW_MS: "800",
      PING_STALL_MS: "100",
      ROLLOUT_LEASE_SECONDS: "2",
    });
    await service();
    // The demo deployment's requests are not the rollouts'.
    recorder.requests.length = 0;
  });
  afterAll(async () => {
    const { disposeRolloutServices } = await import("@/server/rollouts");
    const { disposeLatticeRegistry } = await import("@/server/lattice");
    await disposeRolloutServices();
    await disposeLatticeRegistry();
    recorder.close();
    await sim.stop();
    await nc.close();
    await server.dispose();
  });

  it.each([
    ["a body that is not JSON", "{nope", ""],
    ["an empty body", "", ""],
    ["no changes", { changes: [] }, "changes"],
    [
      "an id that is not one token",
      { changes: [{ kind: "component", id: "a.b", imageRef: NEW_REF }] },
      "changes.0.id",
    ],
    ["an unknown kind", { changes: [{ kind: "actor", id: "a" }] }, "changes.0.kind"],
    [
      "maxUnavailable 0",
      { ...upgrade, strategy: { maxUnavailable: 0 } },
      "strategy.maxUnavailable",
    ],
    ["an unknown field", { ...upgrade, colour: "red" }, ""],
  ])("answers 400 naming the field for %s", async (_name, body, path) => {
    const { plans } = await routes();
    const res = await plans.POST(post(body), params({ lattice }));
    expect(res.status).toBe(400);
    const answer: { error: string; issues: { path: string; message: string }[] } = await res.json();
    expect(answer.issues.map((i) => i.path)).toContain(path);
    expect(answer.error).toMatch(/invalid/);
  });

  it("plans, refuses a stale hash, starts, refuses a wrong action, and rolls a finished rollout back", async () => {
    const r = await routes();
    const planned = await r.plans.POST(post(upgrade), params({ lattice }));
    expect(planned.status).toBe(200);
    const plan = Plan.parse(await planned.json());
    expect(plan.hosts).toHaveLength(3);
    expect(recorder.requests).toHaveLength(0);

    const stale = await r.rollouts.POST(
      post({ spec: upgrade, planHash: "0".repeat(64) }),
      params({ lattice }),
    );
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: "plan changed", plan: { hash: plan.hash } });

    const created = await r.rollouts.POST(
      post({ spec: upgrade, planHash: plan.hash }, { "x-console-user": "ada" }),
      params({ lattice }),
    );
    expect(created.status).toBe(201);
    const rollout = Rollout.parse(await created.json());
    expect(rollout.createdBy).toBe("ada");

    const wrong = await r.action.POST(
      post({}),
      params({ lattice, id: rollout.id, action: "approve" }),
    );
    expect(wrong.status).toBe(409);
    expect((await wrong.json()).error).toMatch(/running|succeeded/);
    const unknownAction = await r.action.POST(
      post({}),
      params({ lattice, id: rollout.id, action: "explode" }),
    );
    expect(unknownAction.status).toBe(404);
    const unknownRollout = await r.one.GET(get(), params({ lattice, id: "nope" }));
    expect(unknownRollout.status).toBe(404);

    await waitForRollout(await service(), rollout.id, (x) => x.state === "succeeded");
    const listed = RolloutList.parse(
      await (await r.rollouts.GET(get(), params({ lattice }))).json(),
    );
    expect(listed.rollouts.map((x) => x.id)).toContain(rollout.id);

    const restoreSpec = await r.restore.GET(get(), params({ lattice, id: rollout.id }));
    const spec = RolloutSpec.parse(await restoreSpec.json());
    expect(spec.changes).toEqual([
      expect.objectContaining({ kind: "component", id: "counter", imageRef: OLD_REF }),
    ]);

    const rolledBack = await r.action.POST(
      post({}),
      params({ lattice, id: rollout.id, action: "rollback" }),
    );
    expect(rolledBack.status).toBe(201);
    const restoring = Rollout.parse(await rolledBack.json());
    expect(restoring.restores).toBe(rollout.id);
    await waitForRollout(await service(), restoring.id, (x) => x.state === "succeeded");
    for (const id of sim.hostIds()) {
      expect(sim.inventory(id)?.components?.find((c) => c.id === "counter")?.image_ref).toBe(
        OLD_REF,
      );
    }

    const revisions = await r.revisions.GET(
      get(`/?kind=component&id=counter`),
      params({ lattice }),
    );
    const history = RevisionList.parse(await revisions.json()).revisions;
    expect(history.map((h) => h.rolloutId)).toEqual([restoring.id, rollout.id]);
    expect(history[1], JSON.stringify(history)).toMatchObject({
      state: "succeeded",
      createdBy: "ada",
    });
    const badQuery = await r.revisions.GET(get(`/?kind=actor&id=counter`), params({ lattice }));
    expect(badQuery.status).toBe(400);

    const log = RolloutLog.parse(
      await (await r.log.GET(get(), params({ lattice, id: rollout.id }))).json(),
    );
    expect(log.entries.some((e) => e.kind === "request" && /update counter/.test(e.message))).toBe(
      true,
    );
  }, 60_000);
});
