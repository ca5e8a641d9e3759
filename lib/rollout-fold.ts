import type { Rollout, RolloutList } from "@/lib/schemas/rollout";

/** A parsed frame of the rollout stream that carries state (heartbeats and resyncs do not). */
export type RolloutFrame =
  { kind: "snapshot"; rollouts: Rollout[] } | { kind: "rollout"; rollout: Rollout };

/**
 * Applies rollout stream frames, in order, to the cached newest-first list: a snapshot
 * replaces it, a rollout frame replaces its rollout in place or, when new, puts it first.
 * Without a list (no snapshot yet) it stays undefined so the caller refetches.
 */
export function foldRollouts(
  current: RolloutList | undefined,
  frames: RolloutFrame[],
): RolloutList | undefined {
  let rollouts = current?.rollouts;
  for (const f of frames) {
    if (f.kind === "snapshot") {
      rollouts = f.rollouts;
      continue;
    }
    if (!rollouts) continue;
    const at = rollouts.findIndex((r) => r.id === f.rollout.id);
    rollouts =
      at < 0
        ? [f.rollout, ...rollouts]
        : rollouts.map((r, i) => (i === at && isNewer(f.rollout, r) ? f.rollout : r));
  }
  if (rollouts === undefined) return undefined;
  return rollouts === current?.rollouts ? current : { rollouts };
}

/** The latest state of each rollout a batch mentions (a snapshot lists them all). */
export function latestRollouts(frames: RolloutFrame[]): Map<string, Rollout> {
  const latest = new Map<string, Rollout>();
  for (const f of frames) {
    for (const r of f.kind === "snapshot" ? f.rollouts : [f.rollout]) {
      const known = latest.get(r.id);
      if (!known || isNewer(r, known)) latest.set(r.id, r);
    }
  }
  return latest;
}

/** Frames may be replayed after a reconnect; an older `updatedAt` never wins. */
export function isNewer(candidate: Rollout, known: Rollout): boolean {
  return Date.parse(candidate.updatedAt) >= Date.parse(known.updatedAt);
}
