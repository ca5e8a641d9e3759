import { afterEach, describe, expect, it, vi } from "vitest";
import {
  SnapshotWire,
  StreamDelta,
  type DeltaFrame,
  type SnapshotFrame,
} from "@/lib/schemas/stream";
import { decodeSnapshot } from "@/lib/stream-snapshot";
import { latticeEventStream, type StreamSource } from "@/server/http";
import type { Host } from "@/lib/schemas/host";
import { component, host } from "./host-fixtures";

/** An observer stand-in: the test emits deltas and resyncs by hand. */
class FakeSource implements StreamSource {
  readonly deltaListeners = new Set<(d: DeltaFrame) => void>();
  readonly resyncListeners = new Set<(r: string) => void>();
  snapshots = 0;
  /** A delta the source still holds: emitted when a snapshot is taken, as the observer does. */
  pending: DeltaFrame | null = null;
  constructor(private hosts: Host[] = [host("A")]) {}
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
    if (this.pending) {
      const delta = this.pending;
      this.pending = null;
      this.hosts = delta.upserts;
      this.emit(delta);
    }
    return { connection: "connected", ready: true, hosts: this.hosts, events: [] };
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
      // C is new to the streams, so it goes whole.
      expect(JSON.parse(frames[2]?.data ?? "")).toEqual({ ...delta("C"), patches: [] });
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

  it("sends a host the streams have as a patch of what changed", async () => {
    const web = component("web", 1);
    const api = component("api", 1);
    const source = new FakeSource([host("A", { components: [api, web] })]);
    const ac = new AbortController();
    const stream = reader(latticeEventStream(source, ac.signal));
    await stream.frames(1);
    const rescaled = component("web", 4);
    source.emit({
      upserts: [host("A", { components: [api, rescaled], lastSeen: "2026-11-29T10:00:09Z" })],
      removed: [],
      events: [],
    });
    source.emit({ upserts: [host("A", { components: [rescaled] })], removed: [], events: [] });
    const frames = await stream.frames(3);
    expect(StreamDelta.parse(JSON.parse(frames[1]?.data ?? "")).patches).toEqual([
      { id: "A", lastSeen: "2026-11-29T10:00:09Z", components: { set: [rescaled], removed: [] } },
    ]);
    expect(StreamDelta.parse(JSON.parse(frames[2]?.data ?? "")).patches).toEqual([
      {
        id: "A",
        lastSeen: "2026-11-29T10:00:00Z",
        components: { set: [], removed: ["api"] },
      },
    ]);
    ac.abort();
  });

  it("sends nothing for a change no client can see, and a host that left and came back whole", async () => {
    const source = new FakeSource([host("A")]);
    const ac = new AbortController();
    const stream = reader(latticeEventStream(source, ac.signal));
    await stream.frames(1);
    source.emit({ upserts: [host("A")], removed: [], events: [] });
    source.emit({ upserts: [], removed: ["A"], events: [] });
    source.emit({ upserts: [host("A")], removed: [], events: [] });
    const frames = await stream.frames(3);
    expect(frames.map((f) => [f.id, f.event])).toEqual([
      [1, "snapshot"],
      [2, "delta"],
      [3, "delta"],
    ]);
    expect(StreamDelta.parse(JSON.parse(frames[1]?.data ?? "")).removed).toEqual(["A"]);
    expect(StreamDelta.parse(JSON.parse(frames[2]?.data ?? "")).upserts).toEqual([host("A")]);
    ac.abort();
  });

  it("reuses one snapshot, plus the deltas since, for clients joining later", async () => {
    const source = new FakeSource();
    const ac = new AbortController();
    const a = reader(latticeEventStream(source, ac.signal));
    const b = reader(latticeEventStream(source, ac.signal));
    expect(source.snapshots).toBe(1);
    source.emit({ upserts: [], removed: [], events: [], ready: false });
    const c = reader(latticeEventStream(source, ac.signal));
    expect(source.snapshots).toBe(1);
    for (const s of [a, b]) expect((await s.frames(1))[0]?.event).toBe("snapshot");
    const joinedLate = await c.frames(2);
    expect(joinedLate.map((f) => [f.id, f.event])).toEqual([
      [1, "snapshot"],
      [2, "delta"],
    ]);
    expect(JSON.parse(joinedLate[1]?.data ?? "")).toMatchObject({ ready: false });
    // Once the deltas outweigh half a snapshot, the next client gets a fresh one.
    source.emit(delta("B", 2_000));
    const d = reader(latticeEventStream(source, ac.signal));
    expect(source.snapshots).toBe(2);
    expect((await d.frames(1)).map((f) => f.event)).toEqual(["snapshot"]);
    ac.abort();
  });

  it("takes a joining client's snapshot before it receives any delta", async () => {
    const source = new FakeSource([host("A")]);
    const ac = new AbortController();
    const first = reader(latticeEventStream(source, ac.signal));
    await first.frames(1);
    // Outweighs the snapshot, so the next client's snapshot is taken afresh.
    source.emit(delta("A", 2_000));
    await first.frames(2);
    // The source emits its pending delta while the second client's snapshot is taken.
    source.pending = { upserts: [host("A", { version: "2" })], removed: [], events: [] };
    const second = reader(latticeEventStream(source, ac.signal));
    expect(source.snapshots).toBe(2);
    const firstFrames = await first.frames(3);
    expect(firstFrames.map((f) => f.event)).toEqual(["snapshot", "delta", "delta"]);
    const secondFrames = await second.frames(1);
    expect(secondFrames.map((f) => [f.id, f.event])).toEqual([[1, "snapshot"]]);
    expect(
      decodeSnapshot(SnapshotWire.parse(JSON.parse(secondFrames[0]?.data ?? "")))?.hosts,
    ).toEqual([host("A", { version: "2" })]);
    source.emit({ upserts: [host("A", { version: "3" })], removed: [], events: [] });
    const next = (await second.frames(2))[1];
    expect(next).toMatchObject({ id: 2, event: "delta" });
    expect(StreamDelta.parse(JSON.parse(next?.data ?? "")).patches).toEqual([
      { id: "A", version: "3" },
    ]);
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
