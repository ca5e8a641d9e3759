/**
 * Concurrent SSE stream clients, as many browsers would hold: each reads the lattice stream,
 * notes when a probe's stamp first reaches it, and reconnects after a `resync` or an end, as
 * the browser's stream client does.
 */
import { PROBE_COMPONENT } from "./lattice";
import { epochNow } from "./load";

export interface StreamClients {
  /** Per client: stamp → when it arrived. */
  seen: Map<number, number>[];
  resyncs: () => number;
  stop: () => Promise<void>;
}

export function openStreamClients(
  base: string,
  lattice: string,
  probeHostId: string,
  count: number,
): StreamClients {
  const ac = new AbortController();
  const seen = Array.from({ length: count }, () => new Map<number, number>());
  let resyncs = 0;
  const stamp = new RegExp(`"id":"${PROBE_COMPONENT}","imageRef":"[^"]*","maxInstances":(\\d+)`);
  const readOne = async (mine: Map<number, number>) => {
    while (!ac.signal.aborted) {
      const res = await fetch(`${base}/api/lattices/${lattice}/stream`, { signal: ac.signal });
      const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
      if (!reader) throw new Error(`stream answered ${res.status}`);
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          if (frame.includes("\nevent: resync")) resyncs += 1;
          const at = frame.indexOf(probeHostId);
          if (at < 0) continue;
          const match = stamp.exec(frame.slice(at));
          const n = match ? Number(match[1]) : NaN;
          if (Number.isFinite(n) && !mine.has(n)) mine.set(n, epochNow());
        }
      }
    }
  };
  const running = seen.map((mine) =>
    readOne(mine).catch((e: unknown) => {
      if (!ac.signal.aborted) throw e;
    }),
  );
  return {
    seen,
    resyncs: () => resyncs,
    stop: async () => {
      ac.abort();
      await Promise.all(running);
    },
  };
}
