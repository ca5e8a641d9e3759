import type { ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import { killConsole, spawnConsole } from "./console-child";
import {
  rolloutSuite,
  startRollout,
  startRolloutScenario,
  waitForRollout,
} from "./rollout-harness";

const NEW_REF = "ghcr.io/acme/http-api:1.5.0";
const LEASE_MS = 1_500;

describe("rollouts across console processes", () => {
  const nats = rolloutSuite();

  it("resumes a rollout whose driving console was killed mid-wave, each update sent once", async () => {
    // This process only reads and acts; the console processes drive.
    const s = await startRolloutScenario(nats.url(), { hosts: 6, drive: false });
    const children: ChildProcess[] = [];
    try {
      const first = await spawnConsole(nats.url(), s.lattice, "console-a", LEASE_MS);
      children.push(first);
      // Without events each host's gate is decided by host.get at its deadline: a window in
      // which the update is in flight (protocol §10 "After every deadline … the inventory decides").
      await s.control({ op: "drop-events", enabled: true });
      const rollout = await startRollout(s.console.service, {
        changes: [{ kind: "component", id: "http-api", imageRef: NEW_REF }],
        strategy: { type: "rolling", maxUnavailable: 2 },
        gates: { progressDeadlineSeconds: 3 },
      });
      await waitForRollout(
        s.console.service,
        rollout.id,
        (r) => r.waves[1]?.hosts.every((h) => h.state === "in-progress") ?? false,
      );
      await s.recorder.waitFor("component.update", 4);
      await killConsole(first);
      // Killed mid-wave: the second wave's updates are out, the third's are not.
      expect(s.recorder.of("component.update")).toHaveLength(4);
      children.push(await spawnConsole(nats.url(), s.lattice, "console-b", LEASE_MS));
      const done = await waitForRollout(
        s.console.service,
        rollout.id,
        (r) => r.state === "succeeded",
        40_000,
      );
      expect(done.waves.every((w) => w.state === "succeeded")).toBe(true);
      const updates = s.recorder.of("component.update");
      expect(updates).toHaveLength(6);
      expect(new Set(updates.map((u) => u.hostId)).size).toBe(6);
    } finally {
      await Promise.all(children.map((c) => killConsole(c, "SIGTERM")));
      await s.close();
    }
  }, 90_000);

  it("lets exactly one of two console processes drive, each host updated once", async () => {
    const s = await startRolloutScenario(nats.url(), { hosts: 6, drive: false });
    const children: ChildProcess[] = [];
    try {
      children.push(
        ...(await Promise.all([
          spawnConsole(nats.url(), s.lattice, "console-a", LEASE_MS),
          spawnConsole(nats.url(), s.lattice, "console-b", LEASE_MS),
        ])),
      );
      const rollout = await startRollout(s.console.service, {
        changes: [{ kind: "component", id: "http-api", imageRef: NEW_REF }],
        strategy: { type: "rolling", maxUnavailable: 1 },
        gates: { progressDeadlineSeconds: 10 },
      });
      await waitForRollout(s.console.service, rollout.id, (r) => r.state === "succeeded", 40_000);
      const updates = s.recorder.of("component.update");
      expect(updates).toHaveLength(6);
      expect(new Set(updates.map((u) => u.hostId)).size).toBe(6);
    } finally {
      await Promise.all(children.map((c) => killConsole(c, "SIGTERM")));
      await s.close();
    }
  }, 90_000);
});
