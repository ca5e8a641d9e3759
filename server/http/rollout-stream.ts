import "server-only";
import type { Rollout } from "@/lib/schemas/rollout";
import type { RolloutService } from "@/server/rollouts";

const encoder = new TextEncoder();

/** Frames buffered for one client before it is told to resync and closed (a slow client). */
const MAX_QUEUED_FRAMES = 1_000;

/**
 * Rollout changes, live (API.md "Rollout changes reach the browser live"): standard SSE with an
 * `id:` strictly increasing per connection; `snapshot` (`{rollouts}`, newest first) first, then
 * one `rollout` frame per change, `heartbeat`s, and `resync` when the client fell behind.
 */
export async function rolloutEventStream(
  service: RolloutService,
  signal: AbortSignal,
  heartbeatMs = 15_000,
): Promise<Response> {
  let stop = () => {};
  const pending: Rollout[] = [];
  // Subscribe before the snapshot is read, so no change falls between the two.
  const unsubscribe = service.onChange((r) => pending.push(r));
  const rollouts = await service.list();
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let seq = 0;
        let closed = false;
        const send = (event: string, data: unknown) => {
          if (closed) return;
          seq += 1;
          try {
            if (-(controller.desiredSize ?? 0) > MAX_QUEUED_FRAMES) {
              controller.enqueue(
                encoder.encode(`id: ${seq}\nevent: resync\ndata: {"reason":"slow-client"}\n\n`),
              );
              return stop();
            }
            controller.enqueue(
              encoder.encode(`id: ${seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
            );
          } catch {
            stop();
          }
        };
        send("snapshot", { rollouts });
        for (const r of pending.splice(0)) send("rollout", r);
        unsubscribe();
        const off = service.onChange((r) => send("rollout", r));
        const heartbeat = setInterval(
          () => send("heartbeat", { time: new Date().toISOString() }),
          heartbeatMs,
        );
        stop = () => {
          if (closed) return;
          closed = true;
          off();
          clearInterval(heartbeat);
          try {
            controller.close();
          } catch {
            // already closed by the runtime
          }
        };
        signal.addEventListener("abort", () => stop(), { once: true });
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 0, size: () => 1 },
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
