import "server-only";
import type { Plan } from "@/lib/schemas/rollout";
import type { HostExec, RolloutRecord } from "@/lib/schemas/rollout-record";
import { applyAction } from "./step-actions";
import { inFlight, setState, type Draft } from "./draft";
import { hostOps } from "./host-ops";
import type { RolloutEvent, StepResult } from "./step-types";

/**
 * The executor's pure core (STYLE.md "Pure core, thin edges"): from the persisted record, its
 * plan and one event to the next record plus the effects to run once that record is in KV.
 * No clock (`now` is passed in), no I/O, no randomness.
 */
export function step(
  record: RolloutRecord,
  plan: Plan,
  event: RolloutEvent,
  now: number,
): StepResult {
  const d: Draft = { rec: structuredClone(record), plan, now, effects: [], log: [] };
  d.rec.updatedAt = new Date(now).toISOString();
  switch (event.type) {
    case "advance":
      break;
    case "wave-checked":
      waveChecked(d, event.wave, event.drift);
      break;
    case "lattice-done":
      latticeDone(d, event.phase, event.index, event.error);
      break;
    case "op-done":
      opDone(d, event.hostId, event.phase, event.opIndex, event.error);
      break;
    case "action": {
      const refused = applyAction(d, event.action, event.by, event.planHash);
      if (refused !== undefined) return { ok: false, error: refused };
      break;
    }
  }
  advance(d);
  return { ok: true, next: d.rec, effects: d.effects, log: d.log };
}

function waveChecked(d: Draft, wave: number, drift: string[]): void {
  const x = d.rec.exec;
  if (wave !== x.waveIndex || x.waveCheck !== "running") return;
  // A check that lands after an abort or a rollback began has nothing left to hold back.
  if (d.rec.state !== "running" && d.rec.state !== "paused") {
    x.waveCheck = "idle";
    return;
  }
  if (drift.length > 0 && !x.driftAccepted.includes(wave)) {
    x.waveCheck = "idle";
    x.resumeTo = "running";
    setState(d, "paused", `the lattice drifted before wave ${wave + 1}: ${drift.join("; ")}`);
    return;
  }
  if (drift.length > 0)
    d.log.push({ kind: "info", message: `drift accepted: ${drift.join("; ")}` });
  x.waveCheck = "done";
}

function latticeDone(d: Draft, phase: "forward" | "rollback", index: number, error?: string) {
  const x = d.rec.exec;
  const step = d.plan.lattice[index];
  const name = step ? `${step.kind} ${step.id}` : `lattice step ${index}`;
  if (phase === "forward") {
    if (index !== x.latticeIndex || x.latticeStatus !== "running") return;
    x.latticeStatus = "idle";
    if (error === undefined) {
      x.latticeIndex += 1;
      d.log.push({ kind: "gate", message: `${name} applied` });
      return;
    }
    x.latticeErrors[String(index)] = error;
    // A failed write may still have landed: count it as applied so a rollback restores it.
    x.latticeIndex += 1;
    failForward(d, `${name}: ${error}`);
    return;
  }
  const rb = x.rollback;
  if (!rb || rb.latticeStatus !== "running" || index !== rb.latticeLeft - 1) return;
  rb.latticeStatus = "idle";
  rb.latticeLeft -= 1;
  if (error !== undefined) x.latticeErrors[`restore:${index}`] = error;
  d.log.push({
    kind: error === undefined ? "gate" : "error",
    message: error === undefined ? `${name} restored` : `${name} not restored: ${error}`,
  });
}

function opDone(
  d: Draft,
  hostId: string,
  phase: "forward" | "rollback",
  opIndex: number,
  error?: string,
): void {
  const h = d.rec.exec.hosts[hostId];
  if (!h || h.phase !== phase || h.opIndex !== opIndex || h.opStatus !== "running") return;
  h.opStatus = "idle";
  if (error !== undefined) {
    h.outcome = "failed";
    h.error = error;
    d.log.push({ kind: "error", hostId, message: error });
    if (phase === "forward") failForward(d, `host ${hostId}: ${error}`);
    return;
  }
  h.opIndex += 1;
  if (h.opIndex >= h.ops.length) {
    h.outcome = "succeeded";
    h.deadline = undefined;
    d.log.push({
      kind: "gate",
      hostId,
      message: phase === "forward" ? "host done" : "host restored",
    });
  }
}

/** A forward failure: roll back or pause, as the spec says (API.md states). */
function failForward(d: Draft, message: string): void {
  if (d.rec.state !== "running" && d.rec.state !== "paused") return;
  if (d.rec.spec.onFailure === "rollback") setState(d, "rolling-back", message);
  else {
    d.rec.exec.resumeTo = "running";
    setState(d, "paused", message);
  }
}

/** Ops whose outcome is pending must be watched again by a (re)started shell: never resent. */
function rewatch(d: Draft): void {
  for (const h of inFlight(d)) {
    const op = h.ops[h.opIndex];
    if (op && h.deadline !== undefined) {
      d.effects.push({
        kind: "run-op",
        hostId: h.hostId,
        phase: h.phase,
        opIndex: h.opIndex,
        op,
        deadline: h.deadline,
        resume: true,
      });
    }
  }
  const x = d.rec.exec;
  if (x.waveCheck === "running") {
    d.effects.push({
      kind: "check-wave",
      wave: x.waveIndex,
      hostIds: d.plan.waves[x.waveIndex] ?? [],
    });
  }
  // Lattice writes are idempotent puts: re-running one after a restart is safe.
  if (x.latticeStatus === "running") latticeEffect(d, "forward", x.latticeIndex);
  if (x.rollback?.latticeStatus === "running") {
    latticeEffect(d, "rollback", x.rollback.latticeLeft - 1);
  }
}

function latticeEffect(d: Draft, phase: "forward" | "rollback", index: number): void {
  const step = d.plan.lattice[index];
  if (!step) return;
  d.effects.push({ kind: "lattice-step", phase, index, step });
}

/** Starts the host's next op: the record says `running` before the request goes out. */
export function startOp(d: Draft, h: HostExec): void {
  const op = h.ops[h.opIndex];
  if (!op) return;
  h.opStatus = "running";
  h.touched = true;
  h.deadline ??= d.now + d.rec.spec.gates.progressDeadlineSeconds * 1000;
  d.effects.push({
    kind: "run-op",
    hostId: h.hostId,
    phase: h.phase,
    opIndex: h.opIndex,
    op,
    deadline: h.deadline,
    resume: false,
  });
}

function needsApproval(d: Draft, wave: number): boolean {
  switch (d.rec.spec.strategy.approval) {
    case "none":
      return false;
    case "every-wave":
      return true;
    case "after-canary":
      return wave === 1;
  }
}

function advance(d: Draft): void {
  rewatch(d);
  switch (d.rec.state) {
    case "running":
      return advanceForward(d);
    case "rolling-back":
      return advanceRollback(d);
    case "awaiting-approval":
    case "paused":
    case "succeeded":
    case "failed":
    case "rolled-back":
    case "aborted":
      return;
  }
}

function advanceForward(d: Draft): void {
  const x = d.rec.exec;
  if (x.latticeIndex < d.plan.lattice.length) {
    if (x.latticeStatus === "idle") {
      x.latticeStatus = "running";
      latticeEffect(d, "forward", x.latticeIndex);
    }
    return;
  }
  for (;;) {
    const wave = d.plan.waves[x.waveIndex];
    if (!wave) {
      if (inFlight(d).length === 0) setState(d, "succeeded", "every wave passed its gates");
      return;
    }
    const hosts = wave.flatMap((id) => x.hosts[id] ?? []);
    if (hosts.every((h) => h.outcome === "succeeded")) {
      d.log.push({ kind: "transition", message: `wave ${x.waveIndex + 1} passed` });
      x.waveIndex += 1;
      x.waveCheck = "idle";
      if (x.waveIndex < d.plan.waves.length && needsApproval(d, x.waveIndex)) {
        if (!x.approved.includes(x.waveIndex)) {
          setState(d, "awaiting-approval", `wave ${x.waveIndex + 1} waits for approval`);
          return;
        }
      }
      continue;
    }
    if (hosts.some((h) => h.outcome === "failed")) return;
    if (x.waveCheck === "idle") {
      x.waveCheck = "running";
      d.effects.push({ kind: "check-wave", wave: x.waveIndex, hostIds: wave });
      return;
    }
    if (x.waveCheck !== "done") return;
    for (const h of hosts) if (h.opStatus === "idle" && h.outcome === "none") startOp(d, h);
    return;
  }
}

function advanceRollback(d: Draft): void {
  const x = d.rec.exec;
  // One operation at a time per host and workload (protocol §10): let in-flight ones land,
  // a lattice write too, so that the restore plan counts it if it was applied.
  if (inFlight(d, "forward").length > 0 || x.latticeStatus === "running") return;
  if (!x.rollback) x.rollback = planRollback(d);
  const rb = x.rollback;
  for (;;) {
    const wave = rb.waves[rb.index];
    if (!wave) break;
    const hosts = wave.flatMap((id) => x.hosts[id] ?? []);
    if (hosts.every((h) => h.outcome !== "none")) {
      rb.index += 1;
      continue;
    }
    for (const h of hosts) if (h.opStatus === "idle" && h.outcome === "none") startOp(d, h);
    return;
  }
  if (rb.latticeLeft > 0) {
    if (rb.latticeStatus === "idle") {
      rb.latticeStatus = "running";
      latticeEffect(d, "rollback", rb.latticeLeft - 1);
    }
    return;
  }
  const failed = Object.values(x.hosts).filter(
    (h) => h.phase === "rollback" && h.outcome === "failed",
  );
  const latticeFailed = Object.keys(x.latticeErrors).filter((k) => k.startsWith("restore:"));
  if (failed.length === 0 && latticeFailed.length === 0) {
    setState(d, "rolled-back", "every touched host is back on its recorded before-state");
  } else {
    const names = failed.map((h) => `${h.hostId}: ${h.error ?? "failed"}`);
    setState(d, "failed", `rollback incomplete: ${[...names, ...latticeFailed].join("; ")}`);
  }
}

/** Touched hosts, current wave first and then back through earlier waves (API.md rollback). */
function planRollback(d: Draft): NonNullable<RolloutRecord["exec"]["rollback"]> {
  const x = d.rec.exec;
  const touched: string[] = [];
  for (let w = Math.min(x.waveIndex, d.plan.waves.length - 1); w >= 0; w -= 1) {
    for (const id of d.plan.waves[w] ?? []) if (x.hosts[id]?.touched) touched.push(id);
  }
  const byId = new Map(d.plan.hosts.map((h) => [h.hostId, h]));
  for (const id of touched) {
    const h = x.hosts[id];
    const plan = byId.get(id);
    if (!h || !plan) continue;
    h.phase = "rollback";
    h.ops = hostOps(plan.changes, "rollback", d.rec.spec.gates.bakeSeconds);
    h.opIndex = 0;
    h.opStatus = "idle";
    h.outcome = h.ops.length === 0 ? "succeeded" : "none";
    h.deadline = undefined;
    h.error = undefined;
  }
  const size = Math.max(1, d.rec.spec.strategy.maxUnavailable);
  const waves: string[][] = [];
  for (let i = 0; i < touched.length; i += size) waves.push(touched.slice(i, i + size));
  d.log.push({
    kind: "info",
    message: `rolling back ${touched.length} host(s) in ${waves.length} wave(s)`,
  });
  return { waves, index: 0, latticeLeft: x.latticeIndex, latticeStatus: "idle" };
}
