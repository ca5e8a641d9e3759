import "server-only";
import type { ConnectionState } from "@/lib/schemas/lattice";
import type { DeltaFrame, FeedEvent } from "@/lib/schemas/stream";
import type { Host } from "@/lib/schemas/host";
import { LeadingWindow } from "@/lib/leading-window";

export interface DeltaSource {
  /** The host's current API view, or undefined when it is no longer in the state. */
  host(id: string): Host | undefined;
}

/**
 * Turns changes into `DeltaFrame`s: a change on a quiet lattice goes out at once (leading
 * edge), and changes that follow within `windowMs` are collected and emitted as one frame when
 * the window ends, so a burst of thousands of events becomes a few writes per stream while a
 * lone change waits for nothing (DESIGN.md "Data flow: live status").
 */
export class DeltaBatcher {
  private changed = new Set<string>();
  private removed = new Set<string>();
  private events: FeedEvent[] = [];
  private connection: ConnectionState | undefined;
  private ready: boolean | undefined;
  private readonly window: LeadingWindow;

  constructor(
    private readonly source: DeltaSource,
    private readonly emit: (frame: DeltaFrame) => void,
    windowMs: number,
    /**
     * Most feed events one frame carries, the newest. Feeds keep no more than this, and in a
     * burst of 100,000 events/s the older ones would only be bytes for every stream to skip.
     */
    private readonly maxEvents = Number.POSITIVE_INFINITY,
  ) {
    this.window = new LeadingWindow(() => this.flush(), windowMs);
  }

  hostsChanged(ids: readonly string[]): void {
    for (const id of ids) {
      this.changed.add(id);
      this.removed.delete(id);
    }
    if (ids.length > 0) this.schedule();
  }

  hostsRemoved(ids: readonly string[]): void {
    for (const id of ids) {
      this.removed.add(id);
      this.changed.delete(id);
    }
    if (ids.length > 0) this.schedule();
  }

  event(event: FeedEvent): void {
    this.events.push(event);
    if (this.events.length >= 2 * this.maxEvents) this.events = this.events.slice(-this.maxEvents);
    this.schedule();
  }

  connectionChanged(state: ConnectionState): void {
    this.connection = state;
    this.schedule();
  }

  readyChanged(ready: boolean): void {
    this.ready = ready;
    this.schedule();
  }

  /** Emits what is pending now (also used on stop). Host views are read at emit time. */
  flush(): void {
    const upserts: Host[] = [];
    for (const id of this.changed) {
      const host = this.source.host(id);
      if (host) upserts.push(host);
    }
    const events =
      this.events.length > this.maxEvents ? this.events.slice(-this.maxEvents) : this.events;
    const frame: DeltaFrame = { upserts, removed: [...this.removed], events };
    if (this.connection !== undefined) frame.connection = this.connection;
    if (this.ready !== undefined) frame.ready = this.ready;
    this.changed = new Set();
    this.removed = new Set();
    this.events = [];
    this.connection = undefined;
    this.ready = undefined;
    const isEmpty = upserts.length + frame.removed.length + frame.events.length === 0;
    if (!isEmpty || frame.connection !== undefined || frame.ready !== undefined) this.emit(frame);
  }

  cancel(): void {
    this.window.cancel();
  }

  private schedule(): void {
    this.window.poke();
  }
}
