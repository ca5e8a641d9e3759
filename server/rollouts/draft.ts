import "server-only";
import type { Plan, RolloutState } from "@/lib/schemas/rollout";
import type { HostExec, RolloutRecord } from "@/lib/schemas/rollout-record";
import type { LogLine, RolloutEffect } from "./step-types";

export const TERMINAL: ReadonlySet<RolloutState> = new Set([
  "succeeded",
  "failed",
  "rolled-back",
  "aborted",
]);

/** A mutable working copy of one transition: the record, the effects and the log. */
export interface Draft {
  rec: RolloutRecord;
  plan: Plan;
  now: number;
  effects: RolloutEffect[];
  log: LogLine[];
}

export function setState(d: Draft, state: RolloutState, message?: string): void {
  if (d.rec.state === state && message === undefined) return;
  d.log.push({
    kind: "transition",
    message: `${d.rec.state} → ${state}${message ? `: ${message}` : ""}`,
  });
  d.rec.state = state;
  if (message !== undefined) d.rec.message = message;
}

export function inFlight(d: Draft, phase?: "forward" | "rollback"): HostExec[] {
  return Object.values(d.rec.exec.hosts).filter(
    (h) => h.opStatus === "running" && (phase === undefined || h.phase === phase),
  );
}
