import { describe, expect, it } from "vitest";
import type { HostInventoryWire } from "@/lib/protocol";
import {
  rolloutSuite,
  startRollout,
  startRolloutScenario,
  waitForRollout,
} from "./rollout-harness";

const GOOD_REF = "ghcr.io/acme/http-api:1.5.0";

/** What a rollback must restore on a host: images, counts and annotations. */
function workloads(inv: HostInventoryWire | undefined) {
  return {
    components: (inv?.components ?? [])
      .map((c) => ({
        id: c.id,
        ref: c.image_ref,
        count: c.max_instances,
        annotations: c.annotations,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    providers: (inv?.providers ?? [])
      .map((p) => ({ id: p.id, ref: p.image_ref, annotations: p.annotations }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe("automatic rollback", () => {
  const nats = rolloutSuite();

  it("returns every host, config and link to its before-state when an update never completes", async () => {
    const s = await startRolloutScenario(nats.url(), { hosts: 4 });
    try {
      const { service, data } = s.console;
      const before = new Map(s.sim.hostIds().map((id) => [id, workloads(s.sim.inventory(id))]));
      const configBefore = data.configValues("http-api-config");
      const linksBefore = await data.readSourceLinks("http-api");
      const rollout = await startRollout(service, {
        changes: [
          {
            kind: "component",
            id: "http-api",
            imageRef: GOOD_REF,
            maxInstances: 20,
            config: ["http-api-config"],
          },
          {
            kind: "component",
            id: "inventory-worker",
            imageRef: "ghcr.io/acme/inventory-worker:0.4.0",
          },
          { kind: "config", name: "http-api-config", values: { port: "8080", log_level: "debug" } },
          {
            kind: "link",
            sourceId: "http-api",
            target: "counter",
            name: "extra",
            witNamespace: "acme",
            witPackage: "counter",
            interfaces: ["count"],
          },
        ],
        strategy: { type: "canary", canaryHosts: 1, maxUnavailable: 3, approval: "after-canary" },
        gates: { progressDeadlineSeconds: 2 },
      });
      await waitForRollout(service, rollout.id, (r) => r.state === "awaiting-approval");
      expect(data.configValues("http-api-config")).toMatchObject({ log_level: "debug" });
      // The next waves' update is acked and then never completes (protocol §7.2: silent).
      await s.control({ op: "hang-update", imageRef: GOOD_REF });
      await service.act(rollout.id, "approve", "op");
      const done = await waitForRollout(
        service,
        rollout.id,
        (r) => r.state === "rolled-back",
        30_000,
      );
      expect(done.message).toMatch(/rolled|back/);
      for (const id of s.sim.hostIds()) {
        expect(workloads(s.sim.inventory(id)), id).toEqual(before.get(id));
      }
      await s.console.data.ready;
      const configAfter = await s.console.observer.ctl.getConfig("http-api-config");
      expect(configAfter).toEqual(configBefore);
      expect(await data.readSourceLinks("http-api")).toEqual(linksBefore);
      // The hung hosts were never sent a second update: the gate waited, then rolled back.
      const updates = s.recorder
        .of("component.update")
        .filter((r) => r.body.new_component_ref === GOOD_REF);
      expect(new Set(updates.map((r) => r.hostId)).size).toBe(updates.length);
      const log = await service.logOf(rollout.id);
      expect(log.some((l) => l.kind === "error" && /deadline/.test(l.message))).toBe(true);
    } finally {
      await s.close();
    }
  }, 90_000);

  it("rolls back a provider that turns unhealthy while baking", async () => {
    const s = await startRolloutScenario(nats.url(), { hosts: 2 });
    try {
      const { service } = s.console;
      const before = new Map(s.sim.hostIds().map((id) => [id, workloads(s.sim.inventory(id))]));
      const rollout = await startRollout(service, {
        changes: [
          {
            kind: "provider",
            id: "kv-redis",
            imageRef: "ghcr.io/wasmcloud/keyvalue-redis:0.29.0",
            config: ["kv-redis-url"],
          },
        ],
        strategy: { type: "rolling", maxUnavailable: 1 },
        gates: { progressDeadlineSeconds: 20, bakeSeconds: 5 },
      });
      const baking = await waitForRollout(service, rollout.id, (r) =>
        r.waves.some((w) => w.hosts.some((h) => h.step?.startsWith("bake"))),
      );
      const hostId = baking.waves
        .flatMap((w) => w.hosts)
        .find((h) => h.step?.startsWith("bake"))?.hostId;
      await s.control({
        op: "set-provider-health",
        hostId,
        providerId: "kv-redis",
        healthy: false,
      });
      await waitForRollout(service, rollout.id, (r) => r.state === "rolling-back");
      await s.control({ op: "set-provider-health", providerId: "kv-redis", healthy: true });
      const done = await waitForRollout(
        service,
        rollout.id,
        (r) => r.state === "rolled-back",
        30_000,
      );
      expect(done.message).toBeDefined();
      for (const id of s.sim.hostIds()) {
        expect(workloads(s.sim.inventory(id)), id).toEqual(before.get(id));
      }
      const starts = s.recorder.of("provider.start");
      // Forward on the one host that failed, then back: never a blind second start.
      expect(starts.filter((r) => r.hostId === hostId)).toHaveLength(2);
      expect(
        starts.every((r) => Array.isArray(r.body.config) && r.body.config.includes("kv-redis-url")),
      ).toBe(true);
    } finally {
      await s.close();
    }
  }, 90_000);
});
