import { LeadingWindow } from "@/lib/leading-window";
import { checkSequence } from "@/lib/stream-fold";

/**
 * A frame on a quiet stream is written at once; frames arriving within this window after it are
 * folded into the cache with one write when the window ends.
 */
export const BATCH_MS = 16;
/** No frame (heartbeats included) for this long means the stream is dead even if open. */
const SILENCE_MS = 45_000;

/**
 * One EventSource of the console's SSE streams (API.md): every connection starts with a
 * `snapshot` and counts `id:` from 1, then data frames, `heartbeat`s and `resync`. It reconnects
 * itself (rather than relying on EventSource's retry) because a gap, a `resync` frame or an
 * unparseable frame all mean the same thing: start over from a snapshot. Subclasses say where
 * to connect, how to parse a frame and what to do with a batch of them.
 */
export abstract class SequencedStream<F> {
  private source: EventSource | null = null;
  private seq: number | null = null;
  private buffer: F[] = [];
  private readonly batch = new LeadingWindow(() => this.flush(), BATCH_MS);
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  protected failures = 0;
  protected stopped = false;

  protected constructor(
    /** Data frame names besides `snapshot`, e.g. `delta`. */
    private readonly frameNames: readonly string[],
    private readonly backoffMs: readonly number[],
    private readonly label: string,
  ) {}

  protected abstract url(): string;
  /** A parsed frame, or null when it does not match its schema (the stream then restarts). */
  protected abstract parse(kind: string, json: unknown): F | null;
  /** Writes one batch of frames (in arrival order) into the cache. */
  protected abstract write(frames: F[]): void;

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.close();
    this.batch.cancel();
    this.cancelRetry();
  }

  protected connect(): void {
    if (this.stopped) return;
    this.close();
    this.seq = null;
    const source = new EventSource(this.url());
    this.source = source;
    for (const kind of ["snapshot", ...this.frameNames, "heartbeat"]) {
      source.addEventListener(kind, (e) => this.receive(e, kind));
    }
    source.addEventListener("resync", () => this.restart());
    source.addEventListener("error", () => this.fail());
    this.armSilenceTimer();
  }

  protected close(): void {
    this.source?.close();
    this.source = null;
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
  }

  protected cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private receive(event: MessageEvent<string>, kind: string): void {
    if (event.target !== this.source) return;
    this.armSilenceTimer();
    const seq = checkSequence(kind === "snapshot" ? null : this.seq, event.lastEventId);
    if (seq === "gap") return this.restart();
    this.seq = seq;
    if (kind === "heartbeat") return;
    const frame = parseJson(event.data, (json) => this.parse(kind, json));
    if (frame === null) {
      console.warn(`${this.label}: malformed ${kind} frame, resyncing`);
      return this.restart();
    }
    this.buffer.push(frame);
    this.batch.poke();
  }

  private flush(): void {
    const frames = this.buffer;
    this.buffer = [];
    if (frames.length > 0) this.write(frames);
  }

  /** Start over from a fresh snapshot right away (gap, resync, malformed frame). */
  protected restart(): void {
    this.buffer = [];
    if (this.restartTooSoon()) return this.fail();
    this.connect();
  }

  /** Whether restarts come too fast and should back off like failures do. */
  protected restartTooSoon(): boolean {
    return false;
  }

  /**
   * The connection failed or went silent: count it and retry with backoff, unless
   * `onFailure` says not to (e.g. the browser is offline and `online` will reconnect).
   */
  protected fail(): void {
    this.close();
    this.failures += 1;
    if (this.onFailure() === "wait") return;
    const delay = this.backoffMs[Math.min(this.failures - 1, this.backoffMs.length - 1)];
    this.cancelRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.onRetry();
    }, delay);
  }

  protected onFailure(): "retry" | "wait" {
    return "retry";
  }

  protected onRetry(): void {
    this.restart();
  }

  private armSilenceTimer(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => this.fail(), SILENCE_MS);
  }
}

function parseJson<F>(data: string, parse: (json: unknown) => F | null): F | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null; // not JSON: the caller reports it and resyncs
  }
  return parse(json);
}
