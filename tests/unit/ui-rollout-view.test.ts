import { describe, expect, it } from "vitest";
import { groupHostChanges, hostNamer, planDrift } from "@/lib/plan-view";
import { actionsFor, rollbackNeedsPreview, ROLLOUT_ACTIONS } from "@/lib/rollout-actions";
import { foldRollouts } from "@/lib/rollout-fold";
import {
  gridCell,
  gridCounts,
  hostStepLabel,
  isActive,
  rolloutStateLabel,
  rolloutStateTone,
  waveEtas,
  waveStateLabel,
  waveStateTone,
} from "@/lib/rollout-view";
import type { HostPlan, Plan, Rollout, RolloutState } from "@/lib/schemas/rollout";
import { fieldOfIssue, formToSpec, emptyForm } from "@/lib/spec-form";

const state = (imageRef: string, maxInstances = 4) => ({ imageRef, maxInstances });
const hostPlan = (hostId: string, from: string, to: string, count = 4): HostPlan => ({
  hostId,
  friendlyName: `host-${hostId}`,
  changes: [
    {
      kind: "component",
      id: "http-api",
      method: "update",
      before: state(from, count),
      after: state(to, count),
    },
  ],
});
const plan = (hosts: HostPlan[], waves: string[][] = [hosts.map((h) => h.hostId)]): Plan => ({
  hash: "h",
  lattice: [],
  hosts,
  skipped: [],
  waves,
  warnings: [],
  errors: [],
  blastRadius: [],
  summary: { hosts: hosts.length, waves: waves.length, skipped: 0 },
});

describe("the preview groups hosts by what changes on them", () => {
  it("reads 200 identical hosts as one line with a count", () => {
    const hosts = Array.from({ length: 200 }, (_, i) => hostPlan(`H${i}`, "a:1.4.0", "a:1.5.0"));
    const groups = groupHostChanges(plan(hosts));
    expect(groups).toHaveLength(1);
    expect(groups[0].hostIds).toHaveLength(200);
    expect(groups[0].lines[0].fields).toEqual([
      { field: "image", before: "a:1.4.0", after: "a:1.5.0" },
    ]);
  });

  it("splits hosts that start from another version, largest group first", () => {
    const groups = groupHostChanges(
      plan([
        hostPlan("A", "a:1.3.2", "a:1.5.0"),
        hostPlan("B", "a:1.4.0", "a:1.5.0"),
        hostPlan("C", "a:1.4.0", "a:1.5.0"),
      ]),
    );
    expect(groups.map((g) => g.hostIds)).toEqual([["B", "C"], ["A"]]);
  });

  it("shows the instance count only when it changes", () => {
    const [group] = groupHostChanges(
      plan([
        {
          ...hostPlan("A", "a:1", "a:2"),
          changes: [
            {
              kind: "component",
              id: "x",
              method: "replace",
              before: state("a:1", 2),
              after: state("a:2", 8),
            },
          ],
        },
      ]),
    );
    expect(group.lines[0]).toMatchObject({
      method: "replace",
      fields: [{ field: "image" }, { field: "instances", before: "2", after: "8" }],
    });
  });

  it("marks what a drifted plan changed: a host that moved to another wave or another start", () => {
    const before = plan(
      [hostPlan("A", "a:1.4.0", "a:1.5.0"), hostPlan("B", "a:1.4.0", "a:1.5.0")],
      [["A"], ["B"]],
    );
    const after = plan(
      [hostPlan("A", "a:1.4.0", "a:1.5.0"), hostPlan("B", "a:1.3.2", "a:1.5.0")],
      [["A"], ["B"]],
    );
    const drift = planDrift(before, after);
    expect([...drift.hosts]).toEqual(["B"]);
    expect(drift.groups.size).toBe(2); // both groups of the new plan differ from the old one
    expect(drift.wavesChanged).toBe(false);
    expect(planDrift(before, before).hosts.size).toBe(0);
  });
});

describe("the state → buttons table", () => {
  it.each<[RolloutState, string[]]>([
    ["awaiting-approval", ["Approve", "Pause", "Abort", "Roll back"]],
    ["running", ["Pause", "Abort", "Roll back"]],
    ["paused", ["Resume", "Retry", "Abort", "Roll back"]],
    ["failed", ["Retry", "Roll back"]],
    ["aborted", ["Roll back"]],
    ["succeeded", ["Roll back"]],
    ["rolling-back", []],
    ["rolled-back", []],
  ])("%s offers %j", (s, labels) => {
    expect(actionsFor(s).map((a) => a.label)).toEqual(labels);
  });

  it("confirms destructive actions as such", () => {
    const destructive = ROLLOUT_ACTIONS.filter((a) => a.isDestructive).map((a) => a.action);
    expect(destructive).toEqual(["abort", "rollback"]);
  });

  it("previews the restoring plan before rolling back a succeeded rollout only", () => {
    expect(rollbackNeedsPreview("succeeded")).toBe(true);
    expect(rollbackNeedsPreview("running")).toBe(false);
  });
});

const rollout = (patch: Partial<Rollout> = {}): Rollout => ({
  id: "R1",
  lattice: "default",
  state: "running",
  planHash: "h",
  spec: {
    changes: [{ kind: "component", id: "http-api", imageRef: "a:1.5.0", method: "update" }],
    strategy: { type: "rolling", maxUnavailable: 1, canaryHosts: 1, approval: "none" },
    gates: { progressDeadlineSeconds: 60, bakeSeconds: 0 },
    onFailure: "rollback",
  },
  createdAt: "2026-12-01T10:00:00Z",
  createdBy: "ops",
  updatedAt: "2026-12-01T10:00:00Z",
  waves: [],
  latticeSteps: [],
  revision: 1,
  ...patch,
});

describe("the host × version grid", () => {
  it("colours a host by where it stands between the versions", () => {
    expect(gridCell("pending")).toBe("before");
    expect(gridCell("rolled-back")).toBe("before");
    expect(gridCell("in-progress")).toBe("in-progress");
    expect(gridCell("rolling-back")).toBe("in-progress");
    expect(gridCell("succeeded")).toBe("after");
    expect(gridCell("failed")).toBe("failed");
  });

  it("counts the skew across waves", () => {
    const r = rollout({
      waves: [
        { state: "succeeded", hosts: [{ hostId: "A", state: "succeeded" }] },
        {
          state: "running",
          hosts: [
            { hostId: "B", state: "in-progress" },
            { hostId: "C", state: "failed", error: "boom" },
          ],
        },
        { state: "pending", hosts: [{ hostId: "D", state: "pending" }] },
      ],
    });
    expect(gridCounts(r)).toEqual({ before: 1, "in-progress": 1, after: 1, failed: 1 });
  });

  it("estimates each wave from the mean of the waves done, none before one finished", () => {
    const now = Date.parse("2026-12-01T10:01:00Z");
    const done = {
      state: "succeeded" as const,
      hosts: [],
      startedAt: "2026-12-01T10:00:00Z",
      finishedAt: "2026-12-01T10:00:10Z",
    };
    const pending = { state: "pending" as const, hosts: [] };
    expect(waveEtas([done, pending, pending], now)).toEqual([null, now + 10_000, now + 20_000]);
    expect(waveEtas([pending], now)).toEqual([null]);
  });

  it("names the rollout's own state in the words scripts look for", () => {
    expect(rolloutStateLabel("awaiting-approval")).toBe("Awaiting approval");
    expect(rolloutStateLabel("rolled-back")).toBe("Rolled back");
  });

  it("warns while a rollout waits on someone, shows motion while it changes hosts", () => {
    const rows: Array<[RolloutState, string, boolean]> = [
      ["awaiting-approval", "warning", true],
      ["running", "progressing", true],
      ["paused", "warning", true],
      ["succeeded", "ok", false],
      ["failed", "failed", false],
      ["rolling-back", "progressing", true],
      ["rolled-back", "unknown", false],
      ["aborted", "unknown", false],
    ];
    for (const [s, tone, active] of rows) {
      expect([s, rolloutStateTone(s), isActive(s)]).toEqual([s, tone, active]);
    }
  });

  it("says a wave's and a host's state in lower case, as the wave list reads", () => {
    expect(waveStateLabel("succeeded")).toBe("wave done");
    expect(waveStateTone("awaiting-approval")).toBe("warning");
    expect(waveStateTone("rolled-back")).toBe("unknown");
    expect(hostStepLabel("in-progress")).toBe("in progress");
    expect(hostStepLabel("succeeded")).toBe("done");
  });
});

describe("the rollout stream fold", () => {
  it("puts a new rollout first and replaces a known one in place, never with an older copy", () => {
    const a = rollout({ id: "A" });
    const b = rollout({ id: "B" });
    const list = foldRollouts(undefined, [{ kind: "snapshot", rollouts: [a] }]);
    const withB = foldRollouts(list, [{ kind: "rollout", rollout: b }]);
    expect(withB?.rollouts.map((r) => r.id)).toEqual(["B", "A"]);
    const newerA = rollout({ id: "A", state: "succeeded", updatedAt: "2026-12-01T10:05:00Z" });
    const stale = rollout({ id: "A", state: "running", updatedAt: "2026-12-01T10:01:00Z" });
    const folded = foldRollouts(withB, [
      { kind: "rollout", rollout: newerA },
      { kind: "rollout", rollout: stale },
    ]);
    expect(folded?.rollouts.find((r) => r.id === "A")?.state).toBe("succeeded");
  });

  it("waits for a snapshot before it has a list", () => {
    expect(foldRollouts(undefined, [{ kind: "rollout", rollout: rollout() }])).toBeUndefined();
  });
});

describe("the New rollout form", () => {
  it("sends the workload change first, so the server's issue paths land on their fields", () => {
    const spec = formToSpec({
      ...emptyForm("component:http-api"),
      image: " ghcr.io/acme/http-api:1.5.0 ",
      strategy: "canary",
      approval: "after-canary",
      hostLabels: "zone=a",
    });
    expect(spec.changes[0]).toMatchObject({
      kind: "component",
      imageRef: "ghcr.io/acme/http-api:1.5.0",
    });
    expect(spec.selector).toEqual({ labels: { zone: "a" } });
    expect(fieldOfIssue("changes.0.imageRef")).toBe("image");
    expect(fieldOfIssue("strategy.maxUnavailable")).toBe("maxUnavailable");
    expect(fieldOfIssue("gates.bakeSeconds")).toBe("bake");
    expect(fieldOfIssue("selector.labels")).toBe("hostLabels");
  });
});

describe("hostNamer", () => {
  it("names a skipped host from the lattice when the plan does not, else by a short id", () => {
    const name = hostNamer(
      { hosts: [{ hostId: "NPLANNED", friendlyName: "planned-host", changes: [] }] },
      new Map([["NSKIPPED", "skipped-host"]]),
    );
    expect(name("NPLANNED")).toBe("planned-host");
    expect(name("NSKIPPED")).toBe("skipped-host");
    expect(name("NABCDEFGHIJKLMNOPQRSTUVWXYZ")).toBe("NABCDE…WXYZ");
  });
});
