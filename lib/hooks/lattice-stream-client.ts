import type { QueryClient } from "@tanstack/react-query";
import { streamUrl } from "@/lib/api-client";
import { SnapshotFrame, StreamDelta } from "@/lib/schemas/stream";
import { LeadingWindow } from "@/lib/leading-window";
import { checkSequence, type StateFrame } from "@/lib/stream-fold";
import type { LatticeStreamState } from "./stream-status";
import { writeStreamFrames } from "./write-stream-frames";

/**
 * A frame on a quiet stream is written at once; frames arriving within this window after it are
 * folded into the cache with one write when the window ends.
 */
export const BATCH_MS = 16;
/** No frame (heartbeats included) for this long means the stream is dead even if open. */
const SILENCE_MS = 45_000;
const BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000, 10_000];
/** Failed attempts in a row after which the indicator says disconnected (retries go on). */
const DISCONNECTED_AFTER = 3;

/**
 * Owns one EventSource for one lattice and folds its frames into the TanStack cache. It
 * reconnects itself (rather than relying on EventSource's retry) because every connection
 * restarts its sequence with a fresh snapshot, and a gap, a `resync` frame or an unparseable
 * frame all mean the same thing: start over from a snapshot.
 */
export class LatticeStreamClient {
  private source: EventSource | null = null;
  private seq: number | null = null;
  private buffer: StateFrame[] = [];
  private readonly batch = new LeadingWindow(() => this.flush(), BATCH_MS);
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private snapshots = 0;
  private restartsWithoutSnapshot = 0;
  private state: LatticeStreamState;
  private stopped = false;

  constructor(
    private readonly queryClient: QueryClient,
    private readonly lattice: string,
    initial: LatticeStreamState,
    private readonly onState: (state: LatticeStreamState) => void,
  ) {
    this.state = initial;
  }

  start(): void {
    window.addEventListener("online", this.handleOnline);
    window.addEventListener("offline", this.handleOffline);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener("online", this.handleOnline);
    window.removeEventListener("offline", this.handleOffline);
    this.close();
    this.batch.cancel();
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private connect(): void {
    if (this.stopped) return;
    this.close();
    this.seq = null;
    const source = new EventSource(streamUrl(this.lattice));
    this.source = source;
    source.addEventListener("snapshot", (e) => this.receive(e, "snapshot"));
    source.addEventListener("delta", (e) => this.receive(e, "delta"));
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

  private receive(event: MessageEvent<string>, kind: "snapshot" | "delta" | "heartbeat"): void {
    if (event.target !== this.source) return;
    this.armSilenceTimer();
    const seq = checkSequence(kind === "snapshot" ? null : this.seq, event.lastEventId);
    if (seq === "gap") return this.restart();
    this.seq = seq;
    if (kind === "heartbeat") return;
    const frame = parseFrame(kind, event.data);
    if (frame === null) {
      console.warn(`lattice stream: malformed ${kind} frame, resyncing`);
      return this.restart();
    }
    this.buffer.push(frame);
    this.batch.poke();
  }

  private flush(): void {
    const frames = this.buffer;
    this.buffer = [];
    if (frames.length === 0) return;
    const hasSnapshot = frames.some((f) => f.kind === "snapshot");
    const isReconnect = hasSnapshot && ++this.snapshots > 1;
    writeStreamFrames(this.queryClient, this.lattice, frames, isReconnect);
    let { serverConnection, ready } = this.state;
    for (const { frame } of frames) {
      serverConnection = frame.connection ?? serverConnection;
      ready = frame.ready ?? ready;
    }
    if (hasSnapshot) {
      this.failures = 0;
      this.restartsWithoutSnapshot = 0;
    }
    const live = hasSnapshot || this.state.status === "live";
    this.setState({ status: live ? "live" : this.state.status, serverConnection, ready });
  }

  /** Start over from a fresh snapshot right away (gap, resync, malformed frame). */
  private restart(): void {
    this.buffer = [];
    // Repeated restarts without a snapshot in between back off like failures do.
    if (++this.restartsWithoutSnapshot > 2) return this.fail();
    this.connect();
  }

  private fail(): void {
    this.close();
    this.failures += 1;
    this.setState({
      ...this.state,
      status:
        this.failures >= DISCONNECTED_AFTER || !navigator.onLine ? "disconnected" : "reconnecting",
    });
    if (!navigator.onLine) return; // `online` reconnects
    const delay = BACKOFF_MS[Math.min(this.failures - 1, BACKOFF_MS.length - 1)];
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.setState({
        ...this.state,
        status: this.failures >= DISCONNECTED_AFTER ? "disconnected" : "reconnecting",
      });
      this.connect();
    }, delay);
  }

  private armSilenceTimer(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => this.fail(), SILENCE_MS);
  }

  private readonly handleOnline = () => {
    this.failures = 0;
    this.setState({ ...this.state, status: "reconnecting" });
    this.connect();
  };

  private readonly handleOffline = () => {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.close();
    this.setState({ ...this.state, status: "disconnected" });
  };

  private setState(next: LatticeStreamState): void {
    if (
      next.status === this.state.status &&
      next.serverConnection === this.state.serverConnection &&
      next.ready === this.state.ready
    ) {
      return;
    }
    this.state = next;
    this.onState(next);
  }
}

function parseFrame(kind: "snapshot" | "delta", data: string): StateFrame | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null; // not JSON: the caller reports it and resyncs
  }
  if (kind === "snapshot") {
    const result = SnapshotFrame.safeParse(json);
    return result.success ? { kind, frame: result.data } : null;
  }
  const result = StreamDelta.safeParse(json);
  return result.success ? { kind, frame: result.data } : null;
}
