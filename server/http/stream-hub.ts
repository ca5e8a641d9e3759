import "server-only";
import type { Host } from "@/lib/schemas/host";
import type { DeltaFrame, SnapshotFrame } from "@/lib/schemas/stream";
import { encodeSnapshot } from "@/lib/stream-snapshot";
import { toStreamDelta } from "./stream-delta";

/** What the stream needs of an observer (`LatticeObserver` is one). */
export interface StreamSource {
  subscribe(listener: (delta: DeltaFrame) => void): () => void;
  onResync(listener: (reason: string) => void): () => void;
  /**
   * The current state. Must first emit any pending delta, so the snapshot is exactly what
   * the deltas so far built: later deltas are patches against it.
   */
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

/** A snapshot's bytes (plus the deltas since) are reused by clients joining within this long. */
const SNAPSHOT_REUSE_MS = 10_000;

/**
 * Fans one observer's deltas out to every open stream of its lattice: one observer listener,
 * one `JSON.stringify` and one encoding per delta, the same bytes handed to every client
 * (issue 8: per-client serialisation grew with the number of browsers). Hosts the streams
 * already have go as patches of what changed (`toStreamDelta`). The hub unsubscribes when its
 * last client leaves.
 */
export class StreamHub {
  private readonly clients = new Set<StreamClient>();
  private unsubscribe: (() => void) | null = null;
  /**
   * The last snapshot's bytes and every delta broadcast since: together the current state, so
   * a joining client is sent these shared bytes instead of a fresh serialisation. At 10,000
   * hosts a snapshot is ~27 MB; built per join under load, they had piled up into gigabytes.
   * Rebuilt once the deltas outweigh half a snapshot, after a resync, or when old.
   */
  private snapshotBytes: {
    body: Uint8Array;
    tail: Uint8Array[];
    tailBytes: number;
    at: number;
  } | null = null;
  /** Every host as the streams have it: the last snapshot plus the deltas after it. */
  private readonly sent = new Map<string, Host>();
  private isSeeded = false;

  constructor(
    private readonly source: StreamSource,
    private readonly now: () => number = Date.now,
  ) {}

  get clientCount(): number {
    return this.clients.size;
  }

  /**
   * Adds a client and returns what it sends first: a snapshot body, then the delta bodies
   * since that snapshot. Joining and reading them happen in the same tick, so no delta falls
   * in between.
   */
  join(client: StreamClient): { initial: Uint8Array[]; leave: () => void } {
    if (!this.unsubscribe) {
      const offDelta = this.source.subscribe((delta) => this.onDelta(delta));
      const offResync = this.source.onResync((reason) => {
        this.broadcast(frameBody("resync", { reason }));
        this.snapshotBytes = null;
      });
      this.unsubscribe = () => {
        offDelta();
        offResync();
      };
    }
    // Snapshot first: taking it may emit a pending delta, which this client must not get.
    const initial = this.snapshot();
    this.clients.add(client);
    return { initial, leave: () => this.leave(client) };
  }

  private snapshot(): Uint8Array[] {
    const cached = this.snapshotBytes;
    if (
      cached &&
      this.now() - cached.at < SNAPSHOT_REUSE_MS &&
      cached.tailBytes <= cached.body.byteLength / 2
    )
      return [cached.body, ...cached.tail];
    this.snapshotBytes = null;
    const frame = this.source.snapshot();
    // Only the first snapshot seeds `sent`: later ones equal it (the source flushed first)
    // except for staleness read at a later instant, which a delta will carry to everyone.
    if (!this.isSeeded) for (const host of frame.hosts) this.sent.set(host.id, host);
    this.isSeeded = true;
    // Each distinct workload once: ~3 MB instead of ~27 MB at 10,000 hosts (SnapshotWire).
    const body = frameBody("snapshot", encodeSnapshot(frame));
    this.snapshotBytes = { body, tail: [], tailBytes: 0, at: this.now() };
    return [body];
  }

  private onDelta(frame: DeltaFrame): void {
    const delta = toStreamDelta(this.sent, frame);
    const isEmpty =
      delta.upserts.length + delta.patches.length + delta.removed.length + delta.events.length ===
        0 &&
      delta.connection === undefined &&
      delta.ready === undefined;
    if (!isEmpty) this.broadcast(frameBody("delta", delta));
  }

  private leave(client: StreamClient): void {
    if (!this.clients.delete(client) || this.clients.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.snapshotBytes = null;
    this.sent.clear();
    this.isSeeded = false;
  }

  private broadcast(body: Uint8Array): void {
    const cached = this.snapshotBytes;
    if (cached) {
      cached.tail.push(body);
      cached.tailBytes += body.byteLength;
    }
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
