import "server-only";
import type { DeltaFrame, SnapshotFrame } from "@/lib/schemas/stream";

/** What the stream needs of an observer (`LatticeObserver` is one). */
export interface StreamSource {
  subscribe(listener: (delta: DeltaFrame) => void): () => void;
  onResync(listener: (reason: string) => void): () => void;
  snapshot(): SnapshotFrame;
}

/**
 * One open stream as the hub sees it. `body` is an encoded `event:`/`data:` block shared by
 * every client; the client prefixes its own `id:` line.
 */
export interface StreamClient {
  send(body: Uint8Array): void;
}

const encoder = new TextEncoder();

/** Encodes the part of an SSE frame that is the same on every connection. */
export function frameBody(event: string, data: object): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** A snapshot's bytes may be reused by clients joining within this long of each other. */
const SNAPSHOT_REUSE_MS = 1_000;

/**
 * Fans one observer's deltas out to every open stream of its lattice: one observer listener,
 * one `JSON.stringify` and one encoding per delta, the same bytes handed to every client
 * (issue 8: per-client serialisation grew with the number of browsers). The hub unsubscribes
 * when its last client leaves.
 */
export class StreamHub {
  private readonly clients = new Set<StreamClient>();
  private unsubscribe: (() => void) | null = null;
  /** The last snapshot's bytes, valid until the next delta or resync (or after a second). */
  private snapshotBytes: { body: Uint8Array; at: number } | null = null;

  constructor(
    private readonly source: StreamSource,
    private readonly now: () => number = Date.now,
  ) {}

  get clientCount(): number {
    return this.clients.size;
  }

  /**
   * Adds a client and returns the snapshot body for it to send first. Joining and reading the
   * snapshot happen in the same tick, so no delta falls in between.
   */
  join(client: StreamClient): { snapshot: Uint8Array; leave: () => void } {
    if (!this.unsubscribe) {
      const offDelta = this.source.subscribe((delta) => this.broadcast(frameBody("delta", delta)));
      const offResync = this.source.onResync((reason) =>
        this.broadcast(frameBody("resync", { reason })),
      );
      this.unsubscribe = () => {
        offDelta();
        offResync();
      };
    }
    this.clients.add(client);
    return { snapshot: this.snapshot(), leave: () => this.leave(client) };
  }

  private snapshot(): Uint8Array {
    const cached = this.snapshotBytes;
    if (cached && this.now() - cached.at < SNAPSHOT_REUSE_MS) return cached.body;
    const body = frameBody("snapshot", this.source.snapshot());
    this.snapshotBytes = { body, at: this.now() };
    return body;
  }

  private leave(client: StreamClient): void {
    if (!this.clients.delete(client) || this.clients.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.snapshotBytes = null;
  }

  private broadcast(body: Uint8Array): void {
    this.snapshotBytes = null;
    // A client may leave while being sent to (its queue overflowed): iterate over a copy.
    for (const client of [...this.clients]) client.send(body);
  }
}

const hubs = new WeakMap<StreamSource, StreamHub>();

/** The hub of one observer, shared by every stream of its lattice in this process. */
export function hubFor(source: StreamSource): StreamHub {
  let hub = hubs.get(source);
  if (!hub) {
    hub = new StreamHub(source);
    hubs.set(source, hub);
  }
  return hub;
}
