/**
 * Leading-edge batching: the first change after a quiet spell is flushed at once (on a
 * microtask, so the rest of the same synchronous handler joins it), then a window of `windowMs`
 * opens; changes inside it are flushed together when it ends, and a further window opens only
 * if that flush had something. A lone change therefore waits for nothing, and a burst costs one
 * flush per window. Used by the server's delta batcher and the browser's stream client.
 */
export class LeadingWindow {
  private phase: "idle" | "leading" | "window" = "idle";
  private isDirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by `cancel`, so a leading microtask queued before it does nothing. */
  private generation = 0;

  constructor(
    private readonly flush: () => void,
    private readonly windowMs: number,
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
          this.flush();
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
    this.flush();
  }
}
