/**
 * Concurrent SSE stream clients, as many browsers would hold: each reads the lattice stream,
 * notes when a probe's stamp first reaches it, and reconnects after a `resync` or an end, as
 * the browser's stream client does.
 */
import { z } from "zod";
import { PROBE_COMPONENT } from "./lattice";
import { spawnLineChild } from "./line-child";
import { epochNow } from "./load";

export interface StreamClients {
  /** Per client: stamp → when it arrived. */
  seen: Map<number, number>[];
  resyncs: () => number;
  /** Connections that ended in an error rather than a resync frame. */
  drops: () => number;
  /** Clients that have received at least one snapshot. */
  withSnapshot: () => number;
  /** Bytes read by all clients so far. */
  bytes: () => number;
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
  let drops = 0;
  let bytes = 0;
  const hasSnapshot = new Set<Map<number, number>>();
  const stamp = new RegExp(`"id":"${PROBE_COMPONENT}","imageRef":"[^"]*","maxInstances":(\\d+)`);
  const readOnce = async (mine: Map<number, number>) => {
    const res = await fetch(`${base}/api/lattices/${lattice}/stream`, { signal: ac.signal });
    const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
    if (!reader) throw new Error(`stream answered ${res.status}`);
    // A 10,000-host snapshot is ~27 MB in ~64 KiB chunks: chunks without a frame end are only
    // collected, so the text is joined and scanned once per frame rather than once per chunk.
    let parts: string[] = [];
    let previousEndsWithNewline = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      bytes += value.length;
      const hasFrameEnd =
        value.includes("\n\n") || (previousEndsWithNewline && value.startsWith("\n"));
      previousEndsWithNewline = value.endsWith("\n");
      parts.push(value);
      if (!hasFrameEnd) continue;
      let buffer = parts.join("");
      parts = [];
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
        if (frame.includes("\nevent: resync")) resyncs += 1;
        if (frame.includes("\nevent: snapshot")) hasSnapshot.add(mine);
        const at = frame.indexOf(probeHostId);
        if (at < 0) continue;
        const match = stamp.exec(frame.slice(at));
        const n = match ? Number(match[1]) : NaN;
        if (Number.isFinite(n) && !mine.has(n)) mine.set(n, epochNow());
      }
      if (buffer !== "") parts.push(buffer);
    }
  };
  const readOne = async (mine: Map<number, number>) => {
    while (!ac.signal.aborted) {
      // A dropped connection is what a browser's EventSource would see: count it, reconnect.
      const dropped = await readOnce(mine).then(
        () => false,
        () => !ac.signal.aborted,
      );
      if (dropped) {
        drops += 1;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  const running = seen.map(readOne);
  return {
    seen,
    resyncs: () => resyncs,
    drops: () => drops,
    withSnapshot: () => hasSnapshot.size,
    bytes: () => bytes,
    stop: async () => {
      ac.abort();
      await Promise.all(running);
    },
  };
}

const ClientsResult = z.object({
  seen: z.array(z.array(z.tuple([z.number(), z.number()]))),
  resyncs: z.number(),
  drops: z.number(),
  bytes: z.number(),
});

/** The same clients in a child process (see stream-clients-process.ts). */
export async function spawnStreamClients(
  base: string,
  lattice: string,
  probeHostId: string,
  count: number,
): Promise<{
  stop: () => Promise<{
    seen: Map<number, number>[];
    resyncs: number;
    drops: number;
    /** Characters read per client, on average, since the clients were ready. */
    bytesPerClient: number;
  }>;
}> {
  const clients = spawnLineChild(
    "scripts/bench/stream-clients-process.ts",
    [base, lattice, probeHostId, String(count)],
    "stream clients",
  );
  if ((await clients.next()) !== "ready") throw new Error("stream clients did not start");
  return {
    stop: async () => {
      clients.send("stop");
      const result = ClientsResult.parse(JSON.parse(await clients.next()));
      return {
        seen: result.seen.map((entries) => new Map(entries)),
        resyncs: result.resyncs,
        drops: result.drops,
        bytesPerClient: result.bytes / Math.max(1, result.seen.length),
      };
    },
  };
}
