import "server-only";
import type { HostOp, RolloutRecord } from "@/lib/schemas/rollout-record";
import type { LatticeStep, RolloutAction, RolloutLogEntry } from "@/lib/schemas/rollout";

export type Phase = "forward" | "rollback";

/** What happened, as the executor's shell reports it (or the operator asks for). */
export type RolloutEvent =
  /** Look at the record and start whatever may start now. */
  | { type: "advance" }
  /** Drift check before a wave: `drift` lists what no longer matches the plan. */
  | { type: "wave-checked"; wave: number; drift: string[] }
  | { type: "lattice-done"; phase: Phase; index: number; error?: string }
  | { type: "op-done"; hostId: string; phase: Phase; opIndex: number; error?: string }
  | { type: "action"; action: RolloutAction; by: string; planHash?: string };

/** What the shell must do once the next record is safely in KV. */
export type RolloutEffect =
  | { kind: "check-wave"; wave: number; hostIds: string[] }
  | {
      kind: "lattice-step";
      phase: Phase;
      index: number;
      /** Puts `after` going forward, `before` when restoring. */
      step: LatticeStep;
    }
  | {
      kind: "run-op";
      hostId: string;
      phase: Phase;
      opIndex: number;
      op: HostOp;
      deadline: number;
      /** The request may already have gone out before a restart: wait for it, never resend. */
      resume: boolean;
    };

export type LogLine = Omit<RolloutLogEntry, "seq" | "time">;

export type StepResult =
  | { ok: true; next: RolloutRecord; effects: RolloutEffect[]; log: LogLine[] }
  /** An action that does not apply to the current state (→ 409 naming it). */
  | { ok: false; error: string };

/** The key that makes an effect idempotent in the shell (one runner per op at a time). */
export function effectKey(effect: RolloutEffect): string {
  switch (effect.kind) {
    case "check-wave":
      return `check:${effect.wave}`;
    case "lattice-step":
      return `lattice:${effect.phase}:${effect.index}`;
    case "run-op":
      return `op:${effect.phase}:${effect.hostId}:${effect.opIndex}`;
  }
}
