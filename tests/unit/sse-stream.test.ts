import { afterEach, describe, expect, it, vi } from "vitest";
import type { DeltaFrame, SnapshotFrame } from "@/lib/schemas/stream";
import { latticeEventStream, type StreamSource } from "@/server/http";
import { host } from "./host-fixtures";

/** An observer stand-in: the test emits deltas and resyncs by hand. */
class FakeSource implements StreamSource {
  readonly deltaListeners = new Set<(d: DeltaFrame) => void>();
  readonly resyncListeners = new Set<(r: string) => void>();
  snapshots = 0;
  subscribe(listener: (d: DeltaFrame) => void) {
    this.deltaListeners.add(listener);
    return () => this.deltaListeners.delete(listener);
  }
  onResync(listener: (r: string) => void) {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }
  snapshot(): SnapshotFrame {
    this.snapshots += 1;
    return { connection: "connected", ready: true, hosts: [host("A")], events: [] };
  }
  emit(delta: DeltaFrame) {
    for (const l of this.deltaListeners) l(delta);
  }
}

const delta = (id: string, pad = 0): DeltaFrame => ({
  upserts: [host(id, { labels: { pad: "x".repeat(pad) } })],
  removed: [],
  events: [],
});

/** Reads a stream's raw chunks and parses whole frames out of them. */
function reader(res: Response) {
  const r = res.body?.getReader();
  if (!r) throw new Error("no body");
  const chunks: Uint8Array[] = [];
  let text = "";
  const decoder = new TextDecoder();
  return {
    chunks,
    /** Reads until `count` frames are complete (or the stream ends); returns all frames so far. */
    async frames(count: number) {
      for (;;) {
        const parsed = parse(text);
        if (parsed.length >= count) return parsed;
        const { value, done } = await r.read();
        if (done) return parsed;
        chunks.push(value);
        text += decoder.decode(value, { stream: true });
      }
    },
    async isDone() {
      const { done } = await r.read();
      return done;
    },
    cancel: () => r.cancel(),
  };
}

function parse(text: string) {
  return text
    .split("\n\n")
    .slice(0, -1)
    .map((block) => {
      const field = (name: string) =>
        block
          .split("\n")
          .find((l) => l.startsWith(`${name}: `))
          ?.slice(name.length + 2);
      return { id: Number(field("id")), event: field("event"), data: field("data") ?? "" };
    });
}

describe("lattice event stream fan-out", () => {
  afterEach(() => vi.restoreAllMocks());

  it("serialises each delta once and hands every stream the same bytes", async () => {
    const source = new FakeSource();
    const ac = new AbortController();
    const streams = [1, 2, 3].map(() => reader(latticeEventStream(source, ac.signal)));
    expect(source.deltaListeners.size).toBe(1);
    for (const s of streams) await s.frames(1);
    const stringify = vi.spyOn(JSON, "stringify");
    source.emit(delta("B"));
    source.emit(delta("C"));
    expect(stringify).toHaveBeenCalledTimes(2);
    for (const s of streams) {
      const frames = await s.frames(3);
      expect(frames.map((f) => [f.id, f.event])).toEqual([
        [1, "snapshot"],
        [2, "delta"],
        [3, "delta"],
      ]);
      expect(JSON.parse(frames[2]?.data ?? "")).toEqual(delta("C"));
    }
    // The delta's body chunk is one shared object, not a copy per stream.
    const last = streams.map((s) => s.chunks.at(-1));
    expect(last[0]).toBe(last[1]);
    expect(last[1]).toBe(last[2]);
    ac.abort();
    expect(source.deltaListeners.size).toBe(0);
  });

  it("resyncs a client that stops reading, while the others get every frame", async () => {
    const source = new FakeSource();
    const fast = reader(latticeEventStream(source, new AbortController().signal));
    const slow = reader(
      latticeEventStream(source, new AbortController().signal, { maxQueuedBytes: 10_000 }),
    );
    await fast.frames(1);
    await slow.frames(1);
    for (let i = 0; i < 20; i++) {
      source.emit(delta(`H${i}`, 1_000));
      await fast.frames(2 + i);
    }
    const fastFrames = await fast.frames(21);
    expect(fastFrames.map((f) => f.id)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    // The slow stream holds a bounded backlog, then a resync, then the end.
    const slowFrames = await slow.frames(100);
    expect(slowFrames.at(-1)?.event).toBe("resync");
    expect(slowFrames.length).toBeLessThan(21);
    expect(slowFrames.map((f) => f.id)).toEqual(slowFrames.map((_, i) => i + 1));
    expect(await slow.isDone()).toBe(true);
    expect(source.deltaListeners.size).toBe(1);
    await fast.cancel();
    expect(source.deltaListeners.size).toBe(0);
  });

  it("reuses one snapshot for clients joining together, and a fresh one after a delta", async () => {
    const source = new FakeSource();
    const ac = new AbortController();
    const a = reader(latticeEventStream(source, ac.signal));
    const b = reader(latticeEventStream(source, ac.signal));
    expect(source.snapshots).toBe(1);
    source.emit(delta("B"));
    const c = reader(latticeEventStream(source, ac.signal));
    expect(source.snapshots).toBe(2);
    for (const s of [a, b, c]) expect((await s.frames(1))[0]?.event).toBe("snapshot");
    ac.abort();
  });

  it("passes the observer's resync on to every stream", async () => {
    const source = new FakeSource();
    const ac = new AbortController();
    const a = reader(latticeEventStream(source, ac.signal));
    for (const l of source.resyncListeners) l("reconnected");
    const frames = await a.frames(2);
    expect(frames[1]).toMatchObject({ id: 2, event: "resync" });
    ac.abort();
  });
});
