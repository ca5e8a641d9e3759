import "server-only";
import { frameBody, hubFor, type StreamSource } from "./stream-hub";

export interface StreamOptions {
  heartbeatMs?: number;
  /**
   * Bytes a client may leave unread beyond its snapshot. Past this it is sent a `resync` frame
   * and closed, so it reconnects from a fresh snapshot instead of holding memory without bound.
   */
  maxQueuedBytes?: number;
}

const encoder = new TextEncoder();
const DEFAULT_MAX_QUEUED_BYTES = 8 * 1024 * 1024;

/**
 * The lattice change stream (API.md "The stream"): `snapshot` first, then `delta`, `heartbeat`
 * and `resync`, each with an `id:` strictly increasing on this connection. Deltas come from
 * the lattice's shared `StreamHub`: serialised once, the same bytes for every connection; only
 * the short `id:` line is per connection. No NATS subscription of its own.
 */
export function latticeEventStream(
  source: StreamSource,
  signal: AbortSignal,
  options: StreamOptions = {},
): Response {
  const maxQueued = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  let close = () => {};
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let seq = 0;
        let isClosed = false;
        let allowance = maxQueued;
        const enqueue = (frame: Uint8Array) => {
          seq += 1;
          controller.enqueue(encoder.encode(`id: ${seq}\n`));
          controller.enqueue(frame);
        };
        const send = (frame: Uint8Array) => {
          if (isClosed) return;
          try {
            // desiredSize is the high-water mark (0) minus the bytes still queued.
            if (-(controller.desiredSize ?? 0) > allowance) {
              enqueue(frameBody("resync", { reason: "slow-client" }));
              return close();
            }
            enqueue(frame);
          } catch {
            close(); // the runtime closed the stream under us
          }
        };
        const joined = hubFor(source).join({ send });
        // The snapshot (and the deltas since it) may be large; the bound is on what piles up
        // after them.
        for (const frame of joined.initial) allowance += frame.byteLength;
        for (const frame of joined.initial) send(frame);
        const heartbeat = setInterval(
          () => send(frameBody("heartbeat", { time: new Date().toISOString() })),
          options.heartbeatMs ?? 15_000,
        );
        close = () => {
          if (isClosed) return;
          isClosed = true;
          clearInterval(heartbeat);
          joined.leave();
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
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
