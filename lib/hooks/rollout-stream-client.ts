import type { QueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { rolloutStreamUrl } from "@/lib/api-client";
import { rolloutKeys, rolloutQuery, rolloutsQuery } from "@/lib/queries";
import { foldRollouts, isNewer, latestRollouts, type RolloutFrame } from "@/lib/rollout-fold";
import { Rollout } from "@/lib/schemas/rollout";
import { SequencedStream } from "./sequenced-stream";

const SnapshotData = z.object({ rollouts: z.array(Rollout) });
const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000];

/**
 * Owns the EventSource of a lattice's rollout stream (`…/rollouts/stream`) and writes its
 * frames into the rollout list and each rollout's own query with `setQueryData`. A restart
 * invalidates what the stream feeds: the cache may have missed changes meanwhile.
 */
export class RolloutStreamClient extends SequencedStream<RolloutFrame> {
  constructor(
    private readonly queryClient: QueryClient,
    private readonly lattice: string,
  ) {
    super(["rollout"], BACKOFF_MS, "rollout stream");
  }

  protected url(): string {
    return rolloutStreamUrl(this.lattice);
  }

  protected parse(kind: string, json: unknown): RolloutFrame | null {
    if (kind === "snapshot") {
      const result = SnapshotData.safeParse(json);
      return result.success ? { kind: "snapshot", rollouts: result.data.rollouts } : null;
    }
    const result = Rollout.safeParse(json);
    return result.success ? { kind: "rollout", rollout: result.data } : null;
  }

  protected write(frames: RolloutFrame[]): void {
    if (frames.some((f) => f.kind === "snapshot")) this.failures = 0;
    writeRolloutFrames(this.queryClient, this.lattice, frames);
  }

  protected override restart(): void {
    void this.queryClient.invalidateQueries({ queryKey: rolloutKeys.all(this.lattice) });
    super.restart();
  }
}

/**
 * One batch into the cache: the list (one write), each mentioned rollout's own query, and a
 * refetch of the event logs of rollouts that changed (the log has no stream of its own).
 */
export function writeRolloutFrames(
  queryClient: QueryClient,
  lattice: string,
  frames: RolloutFrame[],
): void {
  const listKey = rolloutsQuery(lattice).queryKey;
  if (frames.some((f) => f.kind === "snapshot"))
    void queryClient.cancelQueries({ queryKey: listKey });
  queryClient.setQueryData(listKey, (old) => foldRollouts(old, frames));
  for (const [id, rollout] of latestRollouts(frames)) {
    const key = rolloutQuery(lattice, id).queryKey;
    const known = queryClient.getQueryData(key);
    if (known && !isNewer(rollout, known)) continue;
    queryClient.setQueryData(key, rollout);
    if (!known || known.updatedAt !== rollout.updatedAt) {
      void queryClient.invalidateQueries({ queryKey: rolloutKeys.log(lattice, id) });
    }
  }
}
