import "server-only";
import type { RolloutAction } from "@/lib/schemas/rollout";
import { inFlight, setState, type Draft } from "./draft";

/**
 * Operator actions (API.md "Rollouts"). They only change the record; the driver starts what
 * follows on its next advance. Returns an error naming the state when the action does not
 * apply to it.
 */
export function applyAction(
  d: Draft,
  action: RolloutAction,
  by: string,
  planHash: string | undefined,
): string | undefined {
  const state = d.rec.state;
  const x = d.rec.exec;
  const refuse = (why?: string) => why ?? `cannot ${action} a rollout that is ${state}`;
  d.log.push({ kind: "action", message: `${action} by ${by}` });
  switch (action) {
    case "approve": {
      if (state !== "awaiting-approval") return refuse();
      // An approval is bound to the plan that was reviewed (API.md).
      if (planHash !== undefined && planHash !== d.rec.planHash) {
        return `this approval is for plan ${planHash}, but the rollout runs plan ${d.rec.planHash}`;
      }
      x.approved.push(x.waveIndex);
      setState(d, "running", `wave ${x.waveIndex + 1} approved by ${by}`);
      return undefined;
    }
    case "pause":
      if (state !== "running" && state !== "awaiting-approval") return refuse();
      x.resumeTo = state;
      setState(d, "paused", `paused by ${by}`);
      return undefined;
    case "resume": {
      if (state !== "paused") return refuse();
      const failed = Object.values(x.hosts).filter((h) => h.outcome === "failed");
      if (failed.length > 0) {
        return `cannot resume: ${failed.length} host(s) failed; retry them or roll back`;
      }
      const latticeFailed = failedLatticeSteps(d);
      if (latticeFailed.length > 0) {
        const names = latticeFailed.map((i) => latticeStepName(d, i)).join(", ");
        return `cannot resume: lattice step ${names} failed; retry it or roll back`;
      }
      // Resuming after a drift pause accepts the drift of the wave it stopped before.
      if (pausedByDrift(d) && !x.driftAccepted.includes(x.waveIndex)) {
        x.driftAccepted.push(x.waveIndex);
      }
      setState(d, x.resumeTo ?? "running", `resumed by ${by}`);
      x.resumeTo = undefined;
      return undefined;
    }
    case "abort":
      if (state !== "running" && state !== "paused" && state !== "awaiting-approval") {
        return refuse();
      }
      setState(
        d,
        "aborted",
        `aborted by ${by}${inFlight(d).length > 0 ? "; in-flight steps finish" : ""}`,
      );
      return undefined;
    case "retry":
      return retry(d, by) ?? undefined;
    case "rollback":
      if (state === "failed") return retry(d, by);
      if (
        state !== "running" &&
        state !== "paused" &&
        state !== "awaiting-approval" &&
        state !== "aborted"
      ) {
        return refuse(
          state === "succeeded"
            ? "a succeeded rollout is rolled back by a new rollout from its restore-spec"
            : undefined,
        );
      }
      setState(d, "rolling-back", `rollback requested by ${by}`);
      return undefined;
  }
}

/**
 * A drift pause is the only one that leaves a running rollout with its lattice steps done and
 * the current wave's check not started: a pause while awaiting approval, or before the lattice
 * steps are through, has seen no drift to accept.
 */
function pausedByDrift(d: Draft): boolean {
  const x = d.rec.exec;
  return (
    x.resumeTo === "running" &&
    x.waveCheck === "idle" &&
    x.latticeIndex >= d.plan.lattice.length &&
    x.waveIndex < d.plan.waves.length
  );
}

/** Forward lattice steps whose write failed (their keys are their indexes). */
function failedLatticeSteps(d: Draft): number[] {
  return Object.keys(d.rec.exec.latticeErrors)
    .filter((k) => !k.startsWith("restore:"))
    .map(Number)
    .sort((a, b) => a - b);
}

function latticeStepName(d: Draft, index: number): string {
  const step = d.plan.lattice[index];
  return step ? `${step.kind} ${step.id}` : `${index + 1}`;
}

/** Re-runs the failed hosts' steps: forward ones when paused, rollback ones when failed. */
function retry(d: Draft, by: string): string | undefined {
  const state = d.rec.state;
  const phase = state === "paused" ? "forward" : state === "failed" ? "rollback" : null;
  if (phase === null) return `cannot retry a rollout that is ${state}`;
  const failed = Object.values(d.rec.exec.hosts).filter(
    (h) => h.outcome === "failed" && h.phase === phase,
  );
  const x = d.rec.exec;
  const restoreFailed = Object.keys(x.latticeErrors)
    .filter((k) => k.startsWith("restore:"))
    .map((k) => Number(k.slice("restore:".length)));
  const latticeFailed = phase === "forward" ? failedLatticeSteps(d) : restoreFailed;
  if (failed.length === 0 && latticeFailed.length === 0) {
    return `cannot retry: no host failed in this ${state} rollout`;
  }
  for (const h of failed) {
    // Ops whose target already holds are skipped by the shell, so a retry never repeats
    // a step that took effect.
    h.opIndex = 0;
    h.opStatus = "idle";
    h.outcome = "none";
    h.deadline = undefined;
    h.error = undefined;
  }
  if (phase === "forward" && latticeFailed.length > 0) {
    // The failed write was counted as applied; run the lattice steps again from it.
    for (const i of latticeFailed) delete x.latticeErrors[String(i)];
    x.latticeIndex = Math.min(x.latticeIndex, ...latticeFailed);
    x.latticeStatus = "idle";
  }
  if (phase === "rollback") {
    const rb = x.rollback;
    if (rb) {
      rb.index = 0;
      // Restores run last step first: go back up to the highest one that failed.
      if (restoreFailed.length > 0) {
        rb.latticeLeft = Math.max(rb.latticeLeft, ...restoreFailed.map((i) => i + 1));
        rb.latticeStatus = "idle";
      }
    }
    for (const i of restoreFailed) delete x.latticeErrors[`restore:${i}`];
  }
  setState(d, phase === "forward" ? "running" : "rolling-back", `retry by ${by}`);
  return undefined;
}
