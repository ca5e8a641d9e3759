import { describe, expect, it } from "vitest";
import { DEMO_COMPONENTS } from "@/server/simulator";
import {
  rolloutSuite,
  startRollout,
  startRolloutScenario,
  waitForRollout,
} from "./rollout-harness";

const NEW_REF = "ghcr.io/acme/http-api:1.5.0";
const httpApi = DEMO_COMPONENTS.find((c) => c.id === "http-api");

describe("rollout executor against the simulated lattice", () => {
  const nats = rolloutSuite();

  it("upgrades 12 hosts with never more than 2 mid-step", async () => {
    const s = await startRolloutScenario(nats.url(), { hosts: 12 });
    try {
      // Track hosts between their update request and the success event they then publish.
      const midStep = new Set<string>();
      let maxMidStep = 0;
      const sub = s.nc.subscribe(`wasmbus.evt.${s.lattice}.component_scaled`, {
        callback: (_e, msg) => {
          const ev: { source: string; data: { image_ref: string; max_instances: number } } =
            msg.json();
          if (ev.data.image_ref === NEW_REF && ev.data.max_instances > 0) midStep.delete(ev.source);
        },
      });
      const updates = s.nc.subscribe(`wasmbus.ctl.v1.${s.lattice}.component.update.*`, {
        callback: (_e, msg) => {
          midStep.add(msg.subject.split(".").at(-1) ?? "");
          maxMidStep = Math.max(maxMidStep, midStep.size);
        },
      });
      await s.nc.flush();
      const rollout = await startRollout(s.console.service, {
        changes: [{ kind: "component", id: "http-api", imageRef: NEW_REF }],
        strategy: { type: "rolling", maxUnavailable: 2 },
        gates: { progressDeadlineSeconds: 10 },
      });
      expect(rollout.waves).toHaveLength(6);
      const done = await waitForRollout(
        s.console.service,
        rollout.id,
        (r) => r.state === "succeeded",
      );
      sub.unsubscribe();
      updates.unsubscribe();
      expect(done.waves.every((w) => w.state === "succeeded")).toBe(true);
      const sent = s.recorder.of("component.update");
      expect(sent).toHaveLength(12);
      expect(new Set(sent.map((r) => r.hostId)).size).toBe(12);
      expect(maxMidStep).toBeLessThanOrEqual(2);
      // Every update resent the component's annotations (protocol §7.2).
      for (const r of sent) expect(r.body.annotations).toEqual(httpApi?.annotations);
      for (const id of s.sim.hostIds()) {
        expect(s.sim.inventory(id)?.components?.find((c) => c.id === "http-api")?.image_ref).toBe(
          NEW_REF,
        );
      }
      const log = await s.console.service.logOf(rollout.id);
      expect(log.some((l) => l.kind === "request")).toBe(true);
      expect(log.at(-1)?.message).toMatch(/succeeded/);
    } finally {
      await s.close();
    }
  }, 60_000);
});
