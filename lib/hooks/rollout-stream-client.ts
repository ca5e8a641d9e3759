import type { QueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { rolloutStreamUrl } from "@/lib/api-client";
import { LeadingWindow } from "@/lib/leading-window";
import { rolloutKeys, rolloutQuery, rolloutsQuery } from "@/lib/queries";
import { foldRollouts, isNewer, latestRollouts, type RolloutFrame } from "@/lib/rollout-fold";
import { Rollout } from "@/lib/schemas/rollout";
import { checkSequence } from "@/lib/stream-fold";
import { BATCH_MS } from "./lattice-stream-client";

const SnapshotData = z.object({ rollouts: z.array(Rollout) });
/** No frame (heartbeats included, every 15 s) for this long means the stream is dead. */
const SILENCE_MS = 45_000;
const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000];

/**
 * Owns the EventSource of a lattice's rollout stream (`…/rollouts/stream`) and writes its
 * frames into the rollout list and each rollout's own query with `setQueryData`. Every
 * connection starts with a snapshot and counts `id:` from 1, so a gap, a `resync` or a frame
 * that does not parse reconnects, and the reconnect invalidates what the stream feeds.
 */
export class RolloutStreamClient {
  private source: EventSource | null = null;
  private seq: number | null = null;
  private buffer: RolloutFrame[] = [];
  private readonly batch = new LeadingWindow(() => this.flush(), BATCH_MS);
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly queryClient: QueryClient,
    private readonly lattice: string,
  ) {}

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.close();
    this.batch.cancel();
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private connect(): void {
    if (this.stopped) return;
    this.close();
    this.seq = null;
    const source = new EventSource(rolloutStreamUrl(this.lattice));
    this.source = source;
    source.addEventListener("snapshot", (e) => this.receive(e, "snapshot"));
    source.addEventListener("rollout", (e) => this.receive(e, "rollout"));
    source.addEventListener("heartbeat", (e) => this.receive(e, "heartbeat"));
    source.addEventListener("resync", () => this.restart());
    source.addEventListener("error", () => this.fail());
    this.armSilenceTimer();
  }

  private close(): void {
    this.source?.close();
    this.source = null;
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
  }

  private receive(event: MessageEvent<string>, kind: "snapshot" | "rollout" | "heartbeat"): void {
    if (event.target !== this.source) return;
    this.armSilenceTimer();
    const seq = checkSequence(kind === "snapshot" ? null : this.seq, event.lastEventId);
    if (seq === "gap") return this.restart();
    this.seq = seq;
    if (kind === "heartbeat") return;
    const frame = parseFrame(kind, event.data);
    if (frame === null) {
      console.warn(`rollout stream: malformed ${kind} frame, resyncing`);
      return this.restart();
    }
    if (frame.kind === "snapshot") this.failures = 0;
    this.buffer.push(frame);
    this.batch.poke();
  }

  private flush(): void {
    const frames = this.buffer;
    this.buffer = [];
    if (frames.length > 0) writeRolloutFrames(this.queryClient, this.lattice, frames);
  }

  /** Start over from a fresh snapshot; what was cached may have missed changes meanwhile. */
  private restart(): void {
    this.buffer = [];
    void this.queryClient.invalidateQueries({ queryKey: rolloutKeys.all(this.lattice) });
    this.connect();
  }

  private fail(): void {
    this.close();
    this.failures += 1;
    const delay = BACKOFF_MS[Math.min(this.failures - 1, BACKOFF_MS.length - 1)];
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.restart();
    }, delay);
  }

  private armSilenceTimer(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => this.fail(), SILENCE_MS);
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

function parseFrame(kind: "snapshot" | "rollout", data: string): RolloutFrame | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null; // not JSON: the caller reports it and resyncs
  }
  if (kind === "snapshot") {
    const result = SnapshotData.safeParse(json);
    return result.success ? { kind, rollouts: result.data.rollouts } : null;
  }
  const result = Rollout.safeParse(json);
  return result.success ? { kind, rollout: result.data } : null;
}
