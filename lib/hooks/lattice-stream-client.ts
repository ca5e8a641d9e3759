import type { QueryClient } from "@tanstack/react-query";
import { streamUrl } from "@/lib/api-client";
import { SnapshotWire, StreamDelta } from "@/lib/schemas/stream";
import { decodeSnapshot } from "@/lib/stream-snapshot";
import type { StateFrame } from "@/lib/stream-fold";
import { SequencedStream } from "./sequenced-stream";
import type { LatticeStreamState } from "./stream-status";
import { writeStreamFrames } from "./write-stream-frames";

export { BATCH_MS } from "./sequenced-stream";

const BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000, 10_000];
/** Failed attempts in a row after which the indicator says disconnected (retries go on). */
const DISCONNECTED_AFTER = 3;

/**
 * Owns one EventSource for one lattice's stream and folds its frames (`snapshot`, `delta`)
 * into the TanStack cache; reports live / reconnecting / disconnected, follows the browser's
 * online state, and backs off when restarts come without a snapshot in between.
 */
export class LatticeStreamClient extends SequencedStream<StateFrame> {
  private snapshots = 0;
  private restartsWithoutSnapshot = 0;
  private state: LatticeStreamState;

  constructor(
    private readonly queryClient: QueryClient,
    private readonly lattice: string,
    initial: LatticeStreamState,
    private readonly onState: (state: LatticeStreamState) => void,
  ) {
    super(["delta"], BACKOFF_MS, "lattice stream");
    this.state = initial;
  }

  override start(): void {
    window.addEventListener("online", this.handleOnline);
    window.addEventListener("offline", this.handleOffline);
    super.start();
  }

  override stop(): void {
    window.removeEventListener("online", this.handleOnline);
    window.removeEventListener("offline", this.handleOffline);
    super.stop();
  }

  protected url(): string {
    return streamUrl(this.lattice);
  }

  protected parse(kind: string, json: unknown): StateFrame | null {
    if (kind === "snapshot") {
      const result = SnapshotWire.safeParse(json);
      const frame = result.success ? decodeSnapshot(result.data) : null;
      return frame ? { kind: "snapshot", frame } : null;
    }
    const result = StreamDelta.safeParse(json);
    return result.success ? { kind: "delta", frame: result.data } : null;
  }

  protected write(frames: StateFrame[]): void {
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

  /** Repeated restarts without a snapshot in between back off like failures do. */
  protected override restartTooSoon(): boolean {
    return ++this.restartsWithoutSnapshot > 2;
  }

  protected override onFailure(): "retry" | "wait" {
    this.setState({
      ...this.state,
      status:
        this.failures >= DISCONNECTED_AFTER || !navigator.onLine ? "disconnected" : "reconnecting",
    });
    return navigator.onLine ? "retry" : "wait"; // offline: `online` reconnects
  }

  protected override onRetry(): void {
    this.setState({
      ...this.state,
      status: this.failures >= DISCONNECTED_AFTER ? "disconnected" : "reconnecting",
    });
    this.connect();
  }

  private readonly handleOnline = () => {
    this.failures = 0;
    this.setState({ ...this.state, status: "reconnecting" });
    this.connect();
  };

  private readonly handleOffline = () => {
    this.cancelRetry();
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
