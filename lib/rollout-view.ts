import type { StatusTone } from "@/lib/host-view";
import { imageVersion } from "@/lib/image-ref";
import type {
  HostStepState,
  Rollout,
  RolloutState,
  RolloutWave,
  WaveState,
} from "@/lib/schemas/rollout";

/** The rollout's own state as the page says it (issue: exact words scripts look for). */
export function rolloutStateLabel(state: RolloutState): string {
  switch (state) {
    case "awaiting-approval":
      return "Awaiting approval";
    case "running":
      return "Running";
    case "paused":
      return "Paused";
    case "succeeded":
      return "Succeeded";
    case "failed":
      return "Failed";
    case "rolling-back":
      return "Rolling back";
    case "rolled-back":
      return "Rolled back";
    case "aborted":
      return "Aborted";
  }
}

export function rolloutStateTone(state: RolloutState): StatusTone {
  switch (state) {
    case "awaiting-approval":
    case "paused":
      return "warning";
    case "running":
    case "rolling-back":
      return "progressing";
    case "succeeded":
      return "ok";
    case "failed":
      return "failed";
    case "rolled-back":
    case "aborted":
      return "unknown";
  }
}

/** Whether the rollout can still change hosts (the lattice banner shows these). */
export function isActive(state: RolloutState): boolean {
  switch (state) {
    case "awaiting-approval":
    case "running":
    case "paused":
    case "rolling-back":
      return true;
    case "succeeded":
    case "failed":
    case "rolled-back":
    case "aborted":
      return false;
  }
}

export function waveStateLabel(state: WaveState): string {
  switch (state) {
    case "pending":
      return "wave pending";
    case "awaiting-approval":
      return "wave awaiting approval";
    case "running":
      return "wave running";
    case "succeeded":
      return "wave done";
    case "failed":
      return "wave failed";
    case "rolling-back":
      return "wave rolling back";
    case "rolled-back":
      return "wave rolled back";
  }
}

export function waveStateTone(state: WaveState): StatusTone {
  switch (state) {
    case "pending":
      return "unknown";
    case "awaiting-approval":
      return "warning";
    case "running":
    case "rolling-back":
      return "progressing";
    case "succeeded":
      return "ok";
    case "failed":
      return "failed";
    case "rolled-back":
      return "unknown";
  }
}

/** Where a host stands between the two versions: the colours of the host × version grid. */
export type GridCell = "before" | "in-progress" | "after" | "failed";

export const GRID_CELLS: readonly GridCell[] = ["before", "in-progress", "after", "failed"];

export function gridCell(state: HostStepState): GridCell {
  switch (state) {
    case "pending":
    case "rolled-back":
      return "before";
    case "in-progress":
    case "rolling-back":
      return "in-progress";
    case "succeeded":
      return "after";
    case "failed":
      return "failed";
  }
}

export const GRID_CELL_TONE: Record<GridCell, StatusTone> = {
  before: "unknown",
  "in-progress": "progressing",
  after: "ok",
  failed: "failed",
};

export const GRID_CELL_LABEL: Record<GridCell, string> = {
  before: "Before",
  "in-progress": "In progress",
  after: "After",
  failed: "Failed",
};

export function hostStepLabel(state: HostStepState): string {
  switch (state) {
    case "pending":
      return "pending";
    case "in-progress":
      return "in progress";
    case "succeeded":
      return "done";
    case "failed":
      return "failed";
    case "rolling-back":
      return "rolling back";
    case "rolled-back":
      return "rolled back";
  }
}

/** How many hosts sit in each grid colour: the skew at a glance. */
export function gridCounts(rollout: Rollout): Record<GridCell, number> {
  const counts: Record<GridCell, number> = { before: 0, "in-progress": 0, after: 0, failed: 0 };
  for (const wave of rollout.waves) for (const h of wave.hosts) counts[gridCell(h.state)] += 1;
  return counts;
}

/**
 * Expected finish of each wave not yet done, in epoch ms: the mean duration of the waves that
 * finished, laid end to end from now (or from a running wave's start). `null` until one wave
 * has finished, since there is nothing to go by.
 */
export function waveEtas(waves: RolloutWave[], nowMs: number): Array<number | null> {
  const durations = waves.flatMap((w) => {
    if (!w.startedAt || !w.finishedAt || w.state !== "succeeded") return [];
    const d = Date.parse(w.finishedAt) - Date.parse(w.startedAt);
    return Number.isFinite(d) && d >= 0 ? [d] : [];
  });
  if (durations.length === 0) return waves.map(() => null);
  const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
  let cursor = nowMs;
  return waves.map((w) => {
    if (w.state === "succeeded" || w.state === "failed" || w.state === "rolled-back") return null;
    if (w.state === "running" && w.startedAt) {
      cursor = Math.max(nowMs, Date.parse(w.startedAt) + mean);
      return cursor;
    }
    cursor += mean;
    return cursor;
  });
}

/** The host step with the nearest deadline: the gate the rollout is waiting on now. */
export function currentGate(
  rollout: Rollout,
): { hostId: string; step: string; deadline: number } | null {
  let best: { hostId: string; step: string; deadline: number } | null = null;
  for (const wave of rollout.waves) {
    for (const h of wave.hosts) {
      if (h.deadline === undefined || (h.state !== "in-progress" && h.state !== "rolling-back"))
        continue;
      if (!best || h.deadline < best.deadline) {
        best = { hostId: h.hostId, step: h.step ?? "waiting", deadline: h.deadline };
      }
    }
  }
  return best;
}

/** `1m 05s`, `42s`; negative durations read as `0s`. */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m ${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** What a rollout changes, in one line: `http-api → 1.5.0`, `config greeter-config`. */
export function rolloutTarget(rollout: Pick<Rollout, "spec">): string {
  return rollout.spec.changes
    .map((c) => {
      switch (c.kind) {
        case "component":
        case "provider":
          return `${c.id} → ${imageVersion(c.imageRef)}`;
        case "config":
          return `config ${c.name}`;
        case "link":
          return `link ${c.sourceId} → ${c.target}`;
      }
    })
    .join(", ");
}
