import type { StatusTone } from "@/lib/host-view";
import { imageVersion } from "@/lib/image-ref";
import type {
  HostStepState,
  Rollout,
  RolloutState,
  RolloutWave,
  WaveState,
} from "@/lib/schemas/rollout";

/**
 * Each rollout state as the page says it (issue: exact words scripts look for), its badge tone,
 * and whether the rollout can still change hosts (the lattice banner shows those). A table keyed
 * by the whole union, so a state added to the schema does not compile until it is named here.
 */
const ROLLOUT_STATES: Record<RolloutState, { label: string; tone: StatusTone; active: boolean }> = {
  "awaiting-approval": { label: "Awaiting approval", tone: "warning", active: true },
  running: { label: "Running", tone: "progressing", active: true },
  paused: { label: "Paused", tone: "warning", active: true },
  succeeded: { label: "Succeeded", tone: "ok", active: false },
  failed: { label: "Failed", tone: "failed", active: false },
  "rolling-back": { label: "Rolling back", tone: "progressing", active: true },
  "rolled-back": { label: "Rolled back", tone: "unknown", active: false },
  aborted: { label: "Aborted", tone: "unknown", active: false },
};

/** The rollout's own state as the page says it (issue: exact words scripts look for). */
export function rolloutStateLabel(state: RolloutState): string {
  return ROLLOUT_STATES[state].label;
}

export function rolloutStateTone(state: RolloutState): StatusTone {
  return ROLLOUT_STATES[state].tone;
}

/** Whether the rollout can still change hosts (the lattice banner shows these). */
export function isActive(state: RolloutState): boolean {
  return ROLLOUT_STATES[state].active;
}

const WAVE_STATES: Record<WaveState, { label: string; tone: StatusTone }> = {
  pending: { label: "wave pending", tone: "unknown" },
  "awaiting-approval": { label: "wave awaiting approval", tone: "warning" },
  running: { label: "wave running", tone: "progressing" },
  succeeded: { label: "wave done", tone: "ok" },
  failed: { label: "wave failed", tone: "failed" },
  "rolling-back": { label: "wave rolling back", tone: "progressing" },
  "rolled-back": { label: "wave rolled back", tone: "unknown" },
};

export function waveStateLabel(state: WaveState): string {
  return WAVE_STATES[state].label;
}

export function waveStateTone(state: WaveState): StatusTone {
  return WAVE_STATES[state].tone;
}

/** Where a host stands between the two versions: the colours of the host × version grid. */
export type GridCell = "before" | "in-progress" | "after" | "failed";

export const GRID_CELLS: readonly GridCell[] = ["before", "in-progress", "after", "failed"];

/**
 * Each host step in words and its grid colour: a rolled-back host is back on the old version, a
 * host rolling back is still moving.
 */
const HOST_STEPS: Record<HostStepState, { label: string; cell: GridCell }> = {
  pending: { label: "pending", cell: "before" },
  "in-progress": { label: "in progress", cell: "in-progress" },
  succeeded: { label: "done", cell: "after" },
  failed: { label: "failed", cell: "failed" },
  "rolling-back": { label: "rolling back", cell: "in-progress" },
  "rolled-back": { label: "rolled back", cell: "before" },
};

export function gridCell(state: HostStepState): GridCell {
  return HOST_STEPS[state].cell;
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
  return HOST_STEPS[state].label;
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
