import { expect } from "vitest";
import {
  RolloutSpec,
  type HostPlan,
  type LatticeStep,
  type Plan,
  type RolloutAction,
  type RolloutSpecInput,
} from "@/lib/schemas/rollout";
import type { RolloutRecord } from "@/lib/schemas/rollout-record";
import { newRecord } from "@/server/rollouts/record";
import { step } from "@/server/rollouts/step";
import {
  effectKey,
  type Phase,
  type RolloutEffect,
  type RolloutEvent,
  type StepResult,
} from "@/server/rollouts/step-types";

export const HELLO_1 = "ghcr.io/acme/hello:0.1.0";
export const HELLO_2 = "ghcr.io/acme/hello:0.2.0";
/** The instant every rollout of these tests is created; events follow a second apart. */
export const T0 = Date.UTC(2026, 10, 29, 10, 0, 0);
export const PLAN_HASH = "plan-1";

/** A host moving hello from 0.1.0 to 0.2.0 (one `component-update`, plus the bake if any). */
export function helloHost(hostId: string): HostPlan {
  return {
    hostId,
    changes: [
      {
        kind: "component",
        id: "hello",
        method: "update",
        before: { imageRef: HELLO_1, maxInstances: 1, config: null, annotations: {} },
        after: { imageRef: HELLO_2, maxInstances: 1, config: null, annotations: {} },
      },
    ],
  };
}

/** A staged config put and a link, both lattice-wide steps. */
export const LATTICE_STEPS: LatticeStep[] = [
  {
    kind: "config",
    id: "hello-cfg-v2",
    before: null,
    after: { greeting: "hi" },
    mode: "staged",
  },
  {
    kind: "link",
    id: "hello/wasi:keyvalue/default",
    before: null,
    after: {
      sourceId: "hello",
      target: "kv",
      name: "default",
      witNamespace: "wasi",
      witPackage: "keyvalue",
      interfaces: ["store"],
      sourceConfig: [],
      targetConfig: [],
    },
  },
];

export interface Setup {
  /** Host ids per wave, e.g. `[["N1"], ["N2", "N3"]]`. */
  waves: string[][];
  strategy?: RolloutSpecInput["strategy"];
  gates?: RolloutSpecInput["gates"];
  onFailure?: "rollback" | "pause";
  lattice?: LatticeStep[];
}

export interface Rollout {
  plan: Plan;
  record: RolloutRecord;
}

/** A hand-made plan and the record `newRecord` writes for it. */
export function rollout(s: Setup): Rollout {
  const spec = RolloutSpec.parse({
    changes: [{ kind: "component", id: "hello", imageRef: HELLO_2 }],
    strategy: s.strategy ?? { type: "rolling", maxUnavailable: 1 },
    gates: s.gates ?? { progressDeadlineSeconds: 60, bakeSeconds: 0 },
    onFailure: s.onFailure ?? "rollback",
    reason: "hello 0.2.0",
  });
  const hostIds = s.waves.flat();
  const plan: Plan = {
    hash: PLAN_HASH,
    lattice: s.lattice ?? [],
    hosts: hostIds.map(helloHost),
    skipped: [],
    waves: s.waves,
    warnings: [],
    errors: [],
    blastRadius: [],
    summary: { hosts: hostIds.length, waves: s.waves.length, skipped: 0 },
  };
  const record = newRecord({
    id: "r1",
    lattice: "default",
    spec,
    plan,
    createdBy: "alice",
    revision: 1,
    now: T0,
  });
  return { plan, record };
}

// ── Events, in operator words ───────────────────────────────────────────────────────────────

export const advance: RolloutEvent = { type: "advance" };
export const checked = (wave: number, drift: string[] = []): RolloutEvent => ({
  type: "wave-checked",
  wave,
  drift,
});
export const latticeDone = (
  index: number,
  error?: string,
  phase: Phase = "forward",
): RolloutEvent => ({
  type: "lattice-done",
  phase,
  index,
  ...(error !== undefined ? { error } : {}),
});
export const restored = (index: number, error?: string) => latticeDone(index, error, "rollback");
export const done = (
  hostId: string,
  opIndex = 0,
  error?: string,
  phase: Phase = "forward",
): RolloutEvent => ({
  type: "op-done",
  hostId,
  phase,
  opIndex,
  ...(error !== undefined ? { error } : {}),
});
export const failed = (hostId: string, error: string, opIndex = 0) => done(hostId, opIndex, error);
export const rbDone = (hostId: string, opIndex = 0, error?: string) =>
  done(hostId, opIndex, error, "rollback");
export const act = (action: RolloutAction, planHash?: string): RolloutEvent => ({
  type: "action",
  action,
  by: "bob",
  ...(planHash !== undefined ? { planHash } : {}),
});

// ── Running events ──────────────────────────────────────────────────────────────────────────

/** `step` that must accept the event. */
export function accept(record: RolloutRecord, plan: Plan, event: RolloutEvent, now: number) {
  const result = step(record, plan, event, now);
  if (!result.ok) throw new Error(`refused ${JSON.stringify(event)}: ${result.error}`);
  return result;
}

/** The record after `events`, each accepted, one second apart from T0. */
export function after(r: Rollout, events: readonly RolloutEvent[]): RolloutRecord {
  let record = r.record;
  events.forEach((event, i) => {
    record = accept(record, r.plan, event, T0 + (i + 1) * 1000).next;
  });
  return record;
}

/**
 * An effect in one line: its shell key (`op:forward:N1:0`), with `watch` in front when it
 * only waits for a request already sent (`resume: true`).
 */
export function effectLine(e: RolloutEffect): string {
  return e.kind === "run-op" && e.resume ? `watch ${effectKey(e)}` : effectKey(e);
}

export function effectLines(result: StepResult): string[] {
  return result.ok ? result.effects.map(effectLine) : [];
}

/** Each host as `phase opIndex/ops status outcome`, e.g. `forward 1/1 idle succeeded`. */
export function hostLines(record: RolloutRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of Object.values(record.exec.hosts)) {
    out[h.hostId] =
      `${h.phase} ${h.opIndex}/${h.ops.length} ${h.opStatus} ${h.outcome}` +
      (h.error !== undefined ? ` (${h.error})` : "");
  }
  return out;
}

export function expectOk(result: StepResult): asserts result is Extract<StepResult, { ok: true }> {
  expect(result).toMatchObject({ ok: true });
}
