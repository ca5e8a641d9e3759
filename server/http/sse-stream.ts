import "server-only";
import type { LatticeObserver } from "@/server/lattice";
import type { StreamEventName } from "@/lib/schemas/stream";

// Every open stream receives the same DeltaFrame object: serialise it once for all of them.
const serialized = new WeakMap<object, string>();

function toJson(data: object): string {
  let text = serialized.get(data);
  if (text === undefined) {
    text = JSON.stringify(data);
    serialized.set(data, text);
  }
  return text;
}

export interface StreamOptions {
  heartbeatMs?: number;
  /** Frames queued for a client that does not read; past this the stream is closed. */
  maxQueuedFrames?: number;
}

/**
 * The lattice change stream (API.md "The stream"): `snapshot` first, then `delta`, `heartbeat`
 * and `resync`, each with an `id:` strictly increasing on this connection. One observer
 * listener per connection; no NATS subscription of its own.
 */
export function latticeEventStream(
  observer: LatticeObserver,
  signal: AbortSignal,
  options: StreamOptions = {},
): Response {
  const encoder = new TextEncoder();
  const maxQueued = options.maxQueuedFrames ?? 1_000;
  let close = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let seq = 0;
      let isClosed = false;
      const send = (event: StreamEventName, data: object) => {
        if (isClosed) return;
        // A client that stopped reading gets closed; it reconnects and starts from a snapshot.
        if ((controller.desiredSize ?? 0) < -maxQueued) return close();
        seq += 1;
        try {
          controller.enqueue(
            encoder.encode(`id: ${seq}\nevent: ${event}\ndata: ${toJson(data)}\n\n`),
          );
        } catch {
          close();
        }
      };
      // Listen before taking the snapshot, in the same tick, so no change falls in between.
      const unsubscribe = observer.subscribe((delta) => send("delta", delta));
      const unResync = observer.onResync((reason) => send("resync", { reason }));
      send("snapshot", observer.snapshot());
      const heartbeat = setInterval(
        () => send("heartbeat", { time: new Date().toISOString() }),
        options.heartbeatMs ?? 15_000,
      );
      close = () => {
        if (isClosed) return;
        isClosed = true;
        clearInterval(heartbeat);
        unsubscribe();
        unResync();
        signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      if (signal.aborted) close();
      else signal.addEventListener("abort", close);
    },
    cancel() {
      close();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
