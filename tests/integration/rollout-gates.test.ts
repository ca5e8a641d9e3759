import { describe, expect, it } from "vitest";
import {
  rolloutSuite,
  spec,
  startRollout,
  startRolloutScenario,
  waitForRollout,
  type RolloutScenario,
} from "./rollout-harness";

const NEW_REF = "ghcr.io/acme/http-api:1.5.0";
const upgrade = { kind: "component" as const, id: "http-api", imageRef: NEW_REF };
const httpApiRef = (s: RolloutScenario, hostId: string) =>
  s.sim.inventory(hostId)?.components?.find((c) => c.id === "http-api")?.image_ref;

describe("rollout gates, approvals and operator actions", () => {
  const nats = rolloutSuite();

  it("stops after the canary for approval, then finishes once approved", async () => {
    const s = await startRolloutScenario(nats.url(), { hosts: 4 });
    try {
      const { service } = s.console;
      const rollout = await startRollout(service, {
        changes: [upgrade],
        strategy: { type: "canary", canaryHosts: 1, maxUnavailable: 2, approval: "after-canary" },
        gates: { progressDeadlineSeconds: 10 },
      });
      const waiting = await waitForRollout(
        service,
        rollout.id,
        (r) => r.state === "awaiting-approval",
      );
      expect(waiting.waves[0]?.state).toBe("succeeded");
      expect(waiting.waves[1]?.state).toBe("awaiting-approval");
      expect(s.recorder.of("component.update")).toHaveLength(1);
      // An approval is bound to the reviewed plan.
      const wrong = await service.act(rollout.id, "approve", "approver", "not-the-plan");
      expect(wrong.kind).toBe("refused");
      const approved = await service.act(rollout.id, "approve", "approver", rollout.planHash);
      expect(approved.kind).toBe("ok");
      await waitForRollout(service, rollout.id, (r) => r.state === "succeeded");
      expect(s.recorder.of("component.update")).toHaveLength(4);
      const again = await service.act(rollout.id, "approve", "approver");
      expect(again).toMatchObject({ kind: "refused", error: expect.stringContaining("succeeded") });
    } finally {
      await s.close();
    }
  }, 60_000);

  it("holds while paused, completes on resume, and abort leaves hosts as they are", async () => {
    const s = await startRolloutScenario(nats.url(), { hosts: 4 });
    try {
      const { service } = s.console;
      const every = {
        type: "rolling" as const,
        maxUnavailable: 1,
        approval: "every-wave" as const,
      };
      const first = await startRollout(service, { changes: [upgrade], strategy: every });
      expect(first.state).toBe("awaiting-approval");
      await service.act(first.id, "approve", "op");
      await waitForRollout(service, first.id, (r) => r.state === "awaiting-approval");
      expect(s.recorder.of("component.update")).toHaveLength(1);
      const paused = await service.act(first.id, "pause", "op");
      expect(paused).toMatchObject({ kind: "ok", rollout: { state: "paused" } });
      expect((await service.act(first.id, "approve", "op")).kind).toBe("refused");
      const resumed = await service.act(first.id, "resume", "op");
      expect(resumed).toMatchObject({ kind: "ok", rollout: { state: "awaiting-approval" } });
      for (let wave = 1; wave < 4; wave += 1) {
        await service.act(first.id, "approve", "op");
        await waitForRollout(service, first.id, (r) =>
          wave === 3 ? r.state === "succeeded" : r.state === "awaiting-approval",
        );
      }
      const updates = s.recorder.of("component.update");
      const log = await service.logOf(first.id);
      expect(new Set(updates.map((r) => r.hostId)).size, JSON.stringify(log, null, 1)).toBe(4);
      expect(updates).toHaveLength(4);

      // Abort a second rollout after its first wave: the rest stay where they were.
      const back = "ghcr.io/acme/http-api:1.6.0";
      const second = await startRollout(service, {
        changes: [{ ...upgrade, imageRef: back }],
        strategy: every,
      });
      await service.act(second.id, "approve", "op");
      await waitForRollout(service, second.id, (r) => r.state === "awaiting-approval");
      const aborted = await service.act(second.id, "abort", "op");
      expect(aborted).toMatchObject({ kind: "ok", rollout: { state: "aborted" } });
      const refs = s.sim.hostIds().map((id) => httpApiRef(s, id));
      expect(refs.filter((r) => r === back)).toHaveLength(1);
      expect(refs.filter((r) => r === NEW_REF)).toHaveLength(3);
      expect((await service.act(second.id, "resume", "op")).kind).toBe("refused");
    } finally {
      await s.close();
    }
  }, 60_000);

  it("pauses with the reason when the lattice drifts before a wave", async () => {
    const s = await startRolloutScenario(nats.url(), { hosts: 2 });
    try {
      const { service, observer } = s.console;
      const rollout = await startRollout(service, {
        changes: [upgrade],
        strategy: { type: "rolling", maxUnavailable: 1, approval: "every-wave" },
      });
      await service.act(rollout.id, "approve", "op");
      const waiting = await waitForRollout(
        service,
        rollout.id,
        (r) => r.state === "awaiting-approval",
      );
      const next = waiting.waves[1]?.hosts[0]?.hostId ?? "";
      const current = observer.observer.host(next)?.components.find((c) => c.id === "http-api");
      if (!current) throw new Error("demo app missing");
      // Someone else moves the next wave's host while the rollout waits.
      await observer.ctl.updateComponent({
        hostId: next,
        componentId: "http-api",
        newComponentRef: "ghcr.io/acme/http-api:1.4.9-hotfix",
        annotations: current.annotations,
      });
      await observer.observer.waitForHost({
        hostId: next,
        until: (h) => h?.components.some((c) => c.imageRef.endsWith("1.4.9-hotfix")) ?? false,
        deadline: Date.now() + 5_000,
      });
      await service.act(rollout.id, "approve", "op");
      const paused = await waitForRollout(service, rollout.id, (r) => r.state === "paused");
      expect(paused.message).toMatch(/drifted before wave 2.*1\.4\.9-hotfix/);
      expect(s.recorder.of("component.update").filter((r) => r.hostId === next)).toHaveLength(1);
      // Resuming accepts the drift the operator has now seen, and the wave runs.
      await service.act(rollout.id, "resume", "op");
      await waitForRollout(service, rollout.id, (r) => r.state === "succeeded");
      expect(s.recorder.of("component.update").filter((r) => r.hostId === next)).toHaveLength(2);
    } finally {
      await s.close();
    }
  }, 60_000);

  it("answers a plan whose lattice drifted with the new plan", async () => {
    const s = await startRolloutScenario(nats.url(), { hosts: 3 });
    try {
      const { service } = s.console;
      const reviewed = await service.plan(spec({ changes: [upgrade] }));
      const hostId = s.sim.hostIds()[0] ?? "";
      const before = s.console.observer.observer.host(hostId);
      const current = before?.components.find((c) => c.id === "http-api");
      if (!current) throw new Error("demo app missing");
      await s.console.observer.ctl.scaleComponent({
        hostId,
        componentId: "http-api",
        componentRef: current.imageRef,
        count: current.maxInstances + 1,
        annotations: current.annotations,
        config: ["http-api-config"],
      });
      await s.console.observer.observer.waitForHost({
        hostId,
        until: (h) =>
          h?.components.find((c) => c.id === "http-api")?.maxInstances === current.maxInstances + 1,
        deadline: Date.now() + 5_000,
      });
      const outcome = await service.create(spec({ changes: [upgrade] }), reviewed.hash, "op");
      expect(outcome.kind).toBe("drift");
      if (outcome.kind !== "drift") return;
      expect(outcome.plan.hash).not.toBe(reviewed.hash);
      expect(outcome.plan.hosts.find((h) => h.hostId === hostId)?.changes[0]?.before).toMatchObject(
        {
          maxInstances: current.maxInstances + 1,
        },
      );
      expect(s.recorder.of("component.update")).toHaveLength(0);
    } finally {
      await s.close();
    }
  }, 60_000);
});
