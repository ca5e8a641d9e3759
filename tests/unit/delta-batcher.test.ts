import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Host } from "@/lib/schemas/host";
import type { DeltaFrame, FeedEvent } from "@/lib/schemas/stream";
import { DeltaBatcher } from "@/server/lattice/delta-batcher";
import { host } from "./host-fixtures";

const WINDOW_MS = 50;

const feedEvent = (id: string): FeedEvent => ({
  id,
  type: "component_scaled",
  time: "2026-11-29T10:00:00Z",
  hostId: "A",
  summary: id,
});

/** A batcher over a mutable host table, recording every frame it emits. */
function setup() {
  const hosts = new Map<string, Host>();
  const frames: DeltaFrame[] = [];
  const batcher = new DeltaBatcher(
    { host: (id) => hosts.get(id) },
    (f) => frames.push(f),
    WINDOW_MS,
  );
  const change = (h: Host) => {
    hosts.set(h.id, h);
    batcher.hostsChanged([h.id]);
  };
  const remove = (id: string) => {
    hosts.delete(id);
    batcher.hostsRemoved([id]);
  };
  return { batcher, frames, change, remove };
}

describe("DeltaBatcher", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("emits a lone change at once, joined by the rest of the same handler", async () => {
    const { batcher, frames, change } = setup();
    change(host("A"));
    batcher.event(feedEvent("e1"));
    expect(frames).toHaveLength(0);
    await Promise.resolve();
    expect(frames).toEqual([{ upserts: [host("A")], removed: [], events: [feedEvent("e1")] }]);
  });

  it("coalesces a burst within the window into one more frame at its end", async () => {
    const { frames, change, remove } = setup();
    change(host("A"));
    await Promise.resolve();
    expect(frames).toHaveLength(1);
    change(host("B"));
    change(host("A", { version: "2" }));
    remove("B");
    change(host("C"));
    await vi.advanceTimersByTimeAsync(WINDOW_MS - 1);
    expect(frames).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(frames).toHaveLength(2);
    expect(frames[1]?.upserts).toEqual([host("A", { version: "2" }), host("C")]);
    expect(frames[1]?.removed).toEqual(["B"]);
  });

  it("keeps batching while a burst lasts, then goes quiet and leads again", async () => {
    const { frames, change } = setup();
    change(host("A"));
    await Promise.resolve();
    for (let i = 0; i < 3 * WINDOW_MS; i += 5) {
      change(host("A", { uptimeSeconds: i }));
      await vi.advanceTimersByTimeAsync(5);
    }
    // One leading frame, then one per window while changes keep coming.
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect(frames.length).toBeLessThanOrEqual(5);
    await vi.advanceTimersByTimeAsync(3 * WINDOW_MS);
    const settled = frames.length;
    expect(frames.at(-1)?.upserts).toEqual([host("A", { uptimeSeconds: 3 * WINDOW_MS - 5 })]);
    change(host("B"));
    await Promise.resolve();
    expect(frames).toHaveLength(settled + 1);
  });

  it("loses and reorders nothing: every event once, in order, and the last state of each host", async () => {
    const { batcher, frames, change } = setup();
    const sent: string[] = [];
    for (let i = 0; i < 500; i++) {
      const id = `e${i}`;
      sent.push(id);
      batcher.event(feedEvent(id));
      change(host(`H${i % 7}`, { uptimeSeconds: i }));
      if (i % 3 === 0) await Promise.resolve();
      if (i % 11 === 0) await vi.advanceTimersByTimeAsync(7);
    }
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    expect(frames.flatMap((f) => f.events.map((e) => e.id))).toEqual(sent);
    const last = new Map<string, number>();
    for (const f of frames) for (const h of f.upserts) last.set(h.id, h.uptimeSeconds);
    for (let h = 0; h < 7; h++) {
      const lastI = 499 - ((499 - h) % 7);
      expect(last.get(`H${h}`)).toBe(lastI);
    }
  });

  it("emits connection and readiness changes, and nothing when nothing changed", async () => {
    const { batcher, frames } = setup();
    batcher.flush();
    expect(frames).toHaveLength(0);
    batcher.connectionChanged("connecting");
    await Promise.resolve();
    expect(frames).toEqual([{ upserts: [], removed: [], events: [], connection: "connecting" }]);
  });

  it("drops what is pending on cancel", async () => {
    const { batcher, frames, change } = setup();
    change(host("A"));
    batcher.cancel();
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    expect(frames).toHaveLength(0);
  });
});
