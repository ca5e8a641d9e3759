/**
 * Leading-edge batching: the first change after a quiet spell is flushed at once (on a
 * microtask, so the rest of the same synchronous handler joins it), then a window of `windowMs`
 * opens; changes inside it are flushed together when it ends, and a further window opens only
 * if that flush had something. A lone change therefore waits for nothing, and a burst costs one
 * flush per window. Used by the server's delta batcher and the browser's stream client.
 *
 * The window stretches with the work: when a flush takes long (a burst touching thousands of
 * hosts), the next window lasts `LOAD_FACTOR` times that flush, up to `maxWindowMs`, so
 * flushing takes at most about a quarter of the time however heavy the burst, instead of
 * re-doing the work for every host changed in each short window. Flushes of a few milliseconds
 * keep the short window.
 */
const LOAD_FACTOR = 4;

export class LeadingWindow {
  private phase: "idle" | "leading" | "window" = "idle";
  private isDirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by `cancel`, so a leading microtask queued before it does nothing. */
  private generation = 0;

  constructor(
    private readonly flush: () => void,
    private readonly windowMs: number,
    private readonly maxWindowMs = windowMs * 10,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Something changed: flush now if quiet, otherwise at the end of the open window. */
  poke(): void {
    switch (this.phase) {
      case "idle": {
        this.phase = "leading";
        const generation = this.generation;
        queueMicrotask(() => {
          if (generation !== this.generation) return;
          this.openWindow();
          this.timedFlush();
        });
        return;
      }
      case "leading":
        return;
      case "window":
        this.isDirty = true;
        return;
    }
  }

  /** Forget any pending flush; the next `poke` is a leading edge again. */
  cancel(): void {
    this.generation += 1;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.phase = "idle";
    this.isDirty = false;
  }

  private openWindow(): void {
    this.phase = "window";
    this.isDirty = false;
    this.timer = setTimeout(() => this.closeWindow(), this.windowMs);
  }

  private closeWindow(): void {
    this.timer = undefined;
    if (!this.isDirty) {
      this.phase = "idle";
      return;
    }
    // Keep batching while the burst lasts: the flush opens the next window first, so a
    // change made by the flush's own listeners lands in that window rather than re-entering.
    this.openWindow();
    this.timedFlush();
  }

  /** Flushes; a long flush stretches the window just opened (see the class comment). */
  private timedFlush(): void {
    const started = this.now();
    this.flush();
    const spent = this.now() - started;
    const wanted = Math.min(this.maxWindowMs, spent * LOAD_FACTOR);
    if (wanted <= this.windowMs || this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.closeWindow(), Math.max(0, wanted - spent));
  }
}
