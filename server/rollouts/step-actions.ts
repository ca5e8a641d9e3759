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

/** Re-runs the failed hosts' steps: forward ones when paused, rollback ones when failed. */
function retry(d: Draft, by: string): string | undefined {
  const state = d.rec.state;
  const phase = state === "paused" ? "forward" : state === "failed" ? "rollback" : null;
  if (phase === null) return `cannot retry a rollout that is ${state}`;
  const failed = Object.values(d.rec.exec.hosts).filter(
    (h) => h.outcome === "failed" && h.phase === phase,
  );
  const latticeRestoreFailed = Object.keys(d.rec.exec.latticeErrors).some((k) =>
    k.startsWith("restore:"),
  );
  if (failed.length === 0 && !latticeRestoreFailed) {
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
  if (phase === "rollback") {
    const rb = d.rec.exec.rollback;
    if (rb) rb.index = 0;
    for (const key of Object.keys(d.rec.exec.latticeErrors)) {
      if (key.startsWith("restore:")) delete d.rec.exec.latticeErrors[key];
    }
  }
  setState(d, phase === "forward" ? "running" : "rolling-back", `retry by ${by}`);
  return undefined;
}
