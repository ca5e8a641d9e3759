import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RolloutAction, RolloutState } from "@/lib/schemas/rollout";
import type { RolloutRecord } from "@/lib/schemas/rollout-record";
import { step } from "@/server/rollouts/step";
import {
  effectKey,
  type RolloutEffect,
  type RolloutEvent,
  type StepResult,
} from "@/server/rollouts/step-types";
import { LATTICE_STEPS, PLAN_HASH, rollout, T0, type Rollout } from "./rollout-step-fixtures";

// ── A random small plan ─────────────────────────────────────────────────────────────────────

interface Shape {
  hosts: number;
  type: "rolling" | "canary" | "all-at-once";
  maxUnavailable: number;
  canaryHosts: number;
  approval: "none" | "after-canary" | "every-wave";
  lattice: number;
  bake: boolean;
  onFailure: "rollback" | "pause";
}

const shape: fc.Arbitrary<Shape> = fc.record({
  hosts: fc.integer({ min: 2, max: 4 }),
  type: fc.constantFrom("rolling", "canary", "all-at-once"),
  maxUnavailable: fc.integer({ min: 1, max: 3 }),
  canaryHosts: fc.integer({ min: 1, max: 2 }),
  approval: fc.constantFrom("none", "after-canary", "every-wave"),
  lattice: fc.integer({ min: 0, max: LATTICE_STEPS.length }),
  bake: fc.boolean(),
  onFailure: fc.constantFrom("rollback", "pause"),
});

function chunks(ids: string[], size: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** Waves as the planner makes them (API.md "Waves"). */
function wavesOf(s: Shape): string[][] {
  const ids = Array.from({ length: s.hosts }, (_, i) => `N${i + 1}`);
  switch (s.type) {
    case "rolling":
      return chunks(ids, s.maxUnavailable);
    case "canary":
      return [ids.slice(0, s.canaryHosts), ...chunks(ids.slice(s.canaryHosts), s.maxUnavailable)];
    case "all-at-once":
      return [ids];
  }
}

/** The most hosts a wave may hold: the first canary wave holds `canaryHosts`. */
function waveLimit(s: Shape, wave: number): number {
  if (s.type === "all-at-once") return s.hosts;
  if (s.type === "canary" && wave === 0) return s.canaryHosts;
  return s.maxUnavailable;
}

function build(s: Shape): Rollout {
  return rollout({
    waves: wavesOf(s),
    strategy: {
      type: s.type,
      maxUnavailable: s.maxUnavailable,
      canaryHosts: s.canaryHosts,
      approval: s.approval === "after-canary" && s.type !== "canary" ? "none" : s.approval,
    },
    gates: { progressDeadlineSeconds: 60, bakeSeconds: s.bake ? 30 : 0 },
    onFailure: s.onFailure,
    lattice: LATTICE_STEPS.slice(0, s.lattice),
  });
}

// ── What happens to it ──────────────────────────────────────────────────────────────────────

type Command =
  /** The shell finishes one of the effects it runs; `fail` 0 fails it (or reports drift). */
  | { t: "complete"; pick: number; fail: number }
  | { t: "action"; action: RolloutAction; hash: "right" | "wrong" | "none" }
  | { t: "advance" }
  /** The console restarts: it forgets what it was running and advances. */
  | { t: "restart" }
  /** A result for an op the shell is not running (duplicate, late, from another phase). */
  | { t: "stale"; host: number; opIndex: number; rollback: boolean; fail: boolean };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant("complete"),
      pick: fc.nat(),
      fail: fc.integer({ min: 0, max: 5 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("action"),
      action: fc.constantFrom("approve", "pause", "resume", "abort", "retry", "rollback"),
      hash: fc.constantFrom("right", "wrong", "none"),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("advance") }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("restart") }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("stale"),
      host: fc.integer({ min: 1, max: 4 }),
      opIndex: fc.integer({ min: 0, max: 2 }),
      rollback: fc.boolean(),
      fail: fc.boolean(),
    }),
  },
);

/** The event an effect's completion reports. */
function completion(e: RolloutEffect, fail: boolean): RolloutEvent {
  switch (e.kind) {
    case "check-wave":
      return { type: "wave-checked", wave: e.wave, drift: fail ? ["a host drifted"] : [] };
    case "lattice-step":
      return {
        type: "lattice-done",
        phase: e.phase,
        index: e.index,
        ...(fail ? { error: "x" } : {}),
      };
    case "run-op":
      return {
        type: "op-done",
        hostId: e.hostId,
        phase: e.phase,
        opIndex: e.opIndex,
        ...(fail ? { error: "deadline passed" } : {}),
      };
  }
}

const TERMINAL: readonly RolloutState[] = ["succeeded", "failed", "rolled-back", "aborted"];
const HOLDING: readonly RolloutState[] = ["paused", "awaiting-approval", ...TERMINAL];

/** Runs the commands as the driver would, checking the invariants after every transition. */
function play(s: Shape, commands: readonly Command[]): void {
  const r = build(s);
  /** What the shell is running, by effect key (the driver runs one effect per key). */
  const running = new Map<string, RolloutEffect>();
  let record = r.record;
  let now = T0;

  const apply = (event: RolloutEvent, restart = false): StepResult => {
    now += 1000;
    const before = structuredClone(record);
    const result = step(record, r.plan, event, now);
    expect(record, "step must not change its input").toEqual(before);
    if (!result.ok) {
      expect(event.type, "only an operator action may be refused").toBe("action");
      return result;
    }
    check(s, r, before, event, result.next, result.effects, running, restart);
    for (const e of result.effects) if (!running.has(effectKey(e))) running.set(effectKey(e), e);
    record = result.next;
    return result;
  };

  apply({ type: "advance" });
  for (const c of commands) {
    switch (c.t) {
      case "complete": {
        const keys = [...running.keys()].sort();
        const key = keys[c.pick % Math.max(1, keys.length)];
        const effect = key === undefined ? undefined : running.get(key);
        if (key === undefined || effect === undefined) {
          apply({ type: "advance" });
          break;
        }
        running.delete(key);
        apply(completion(effect, c.fail === 0));
        break;
      }
      case "action":
        apply({
          type: "action",
          action: c.action,
          by: "bob",
          ...(c.hash === "none" ? {} : { planHash: c.hash === "right" ? PLAN_HASH : "plan-0" }),
        });
        break;
      case "advance":
        apply({ type: "advance" });
        break;
      case "restart": {
        running.clear();
        const result = apply({ type: "advance" }, true);
        if (!result.ok) break;
        // Every op whose outcome is pending is watched again with its recorded deadline.
        for (const h of Object.values(record.exec.hosts)) {
          if (h.opStatus !== "running") continue;
          expect(result.effects).toContainEqual(
            expect.objectContaining({
              kind: "run-op",
              hostId: h.hostId,
              phase: h.phase,
              opIndex: h.opIndex,
              deadline: h.deadline,
              resume: true,
            }),
          );
        }
        break;
      }
      case "stale": {
        const hostId = `N${c.host}`;
        const phase = c.rollback ? "rollback" : "forward";
        const key = `op:${phase}:${hostId}:${c.opIndex}`;
        if (running.has(key)) break;
        const prev = record;
        const result = apply({
          type: "op-done",
          hostId,
          phase,
          opIndex: c.opIndex,
          ...(c.fail ? { error: "late" } : {}),
        });
        if (result.ok) expect(result.next.exec.hosts, "a stale result").toEqual(prev.exec.hosts);
        break;
      }
    }
  }
}

function check(
  s: Shape,
  r: Rollout,
  prev: RolloutRecord,
  event: RolloutEvent,
  next: RolloutRecord,
  effects: readonly RolloutEffect[],
  running: ReadonlyMap<string, RolloutEffect>,
  restart: boolean,
): void {
  const hosts = Object.values(next.exec.hosts);
  const x = next.exec;

  // No host has two ops running: a new request goes only to a host the shell runs nothing on.
  const sentTo = new Set<string>();
  for (const e of effects) {
    if (e.kind !== "run-op" || e.resume) continue;
    expect(running.has(effectKey(e)), `${effectKey(e)} sent twice`).toBe(false);
    const busy = [...running.values()].some((o) => o.kind === "run-op" && o.hostId === e.hostId);
    expect(busy || sentTo.has(e.hostId), `two ops at once on ${e.hostId}`).toBe(false);
    sentTo.add(e.hostId);
  }

  // The record and the shell agree on what is in flight.
  const watched = new Map([...running].concat(effects.map((e) => [effectKey(e), e])));
  for (const h of hosts) {
    if (h.opStatus === "running") {
      expect(watched.has(`op:${h.phase}:${h.hostId}:${h.opIndex}`), `${h.hostId} unwatched`).toBe(
        true,
      );
    }
  }
  for (const e of running.values()) {
    if (e.kind !== "run-op") continue;
    const h = x.hosts[e.hostId];
    expect(
      h?.opStatus === "running" && h.phase === e.phase && h.opIndex === e.opIndex,
      `${effectKey(e)} runs but the record has ${e.hostId} elsewhere`,
    ).toBe(true);
  }

  // Forward ops run only in the current wave, never more than the wave holds.
  const forward = hosts.filter((h) => h.phase === "forward" && h.opStatus === "running");
  const wave = r.plan.waves[x.waveIndex] ?? [];
  for (const h of forward) expect(wave, "a host outside the current wave").toContain(h.hostId);
  expect(forward.length).toBeLessThanOrEqual(wave.length);
  r.plan.waves.forEach((w, i) => expect(w.length).toBeLessThanOrEqual(waveLimit(s, i)));
  const back = hosts.filter((h) => h.phase === "rollback" && h.opStatus === "running");
  expect(back.length).toBeLessThanOrEqual(s.maxUnavailable);
  if (back.length > 0) expect(forward).toEqual([]);

  // Lattice steps are restored last, and only those that were applied.
  for (const e of effects) {
    if (e.kind !== "lattice-step" || e.phase !== "rollback" || running.has(effectKey(e))) continue;
    expect(e.index).toBeLessThan(x.latticeIndex);
    const pending = (x.rollback?.waves ?? []).flat().filter((id) => {
      const h = x.hosts[id];
      return h !== undefined && (h.outcome === "none" || h.opStatus === "running");
    });
    expect(pending, "a lattice restore before the hosts").toEqual([]);
  }

  // A host's op index only goes back by a retry or by re-planning it for the rollback.
  const replanning = event.type === "action" && ["retry", "rollback"].includes(event.action);
  for (const h of hosts) {
    const p = prev.exec.hosts[h.hostId];
    if (!p) continue;
    expect(p.phase === "rollback" && h.phase === "forward", "rollback → forward").toBe(false);
    if (p.phase === h.phase && !replanning) expect(h.opIndex).toBeGreaterThanOrEqual(p.opIndex);
  }

  // While holding (paused, awaiting approval, finished), nothing new starts.
  if (TERMINAL.includes(next.state)) {
    expect(effects.filter((e) => e.kind === "run-op" && !e.resume)).toEqual([]);
  }
  if (HOLDING.includes(next.state) && !restart) {
    for (const e of effects) expect(running.has(effectKey(e)), effectKey(e)).toBe(true);
  }

  // Succeeded and rolled back are final, and mean what they say.
  if (prev.state === "succeeded" || prev.state === "rolled-back") {
    expect(next.state).toBe(prev.state);
  }
  if (next.state === "succeeded") {
    expect(hosts.every((h) => h.phase === "forward" && h.outcome === "succeeded")).toBe(true);
    expect(x.latticeIndex).toBe(r.plan.lattice.length);
  }
  if (next.state === "rolled-back") {
    for (const h of hosts.filter((h) => h.touched)) {
      expect(`${h.hostId} ${h.phase} ${h.outcome}`).toBe(`${h.hostId} rollback succeeded`);
    }
    expect(x.rollback?.latticeLeft ?? 0).toBe(0);
    expect(x.latticeStatus).toBe("idle");
    expect(hosts.filter((h) => h.opStatus === "running")).toEqual([]);
  }
}

describe("step: invariants over random operator and shell histories", () => {
  it("hold after every transition", () => {
    fc.assert(
      fc.property(shape, fc.array(command, { maxLength: 60 }), (s, commands) => {
        play(s, commands);
      }),
      { numRuns: 300 },
    );
  });
});
