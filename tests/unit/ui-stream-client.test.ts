import { QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BATCH_MS, LatticeStreamClient } from "@/lib/hooks/lattice-stream-client";
import { initialStreamState, type LatticeStreamState } from "@/lib/hooks/stream-status";
import { hostQuery, hostsQuery } from "@/lib/queries";
import type { Host } from "@/lib/schemas/host";
import { encodeSnapshot } from "@/lib/stream-snapshot";
import { component, host } from "./host-fixtures";

/** An EventSource the test drives: frames are dispatched with the SSE `id` as lastEventId. */
class FakeEventSource extends EventTarget {
  static instances: FakeEventSource[] = [];
  isClosed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.instances.push(this);
  }
  frame(event: string, id: number, data: unknown): void {
    this.dispatchEvent(
      new MessageEvent(event, { data: JSON.stringify(data), lastEventId: String(id) }),
    );
  }
  fail(): void {
    this.dispatchEvent(new Event("error"));
  }
  close(): void {
    this.isClosed = true;
  }
}

const latest = () => FakeEventSource.instances[FakeEventSource.instances.length - 1];

const snapshot = (hosts: Host[]) =>
  encodeSnapshot({ connection: "connected", ready: true, hosts, events: [] });
const delta = (d: { upserts?: Host[]; removed?: string[] }) => ({
  upserts: [],
  patches: [],
  removed: [],
  events: [],
  ...d,
});

describe("LatticeStreamClient", () => {
  let queryClient: QueryClient;
  let states: LatticeStreamState[];
  let client: LatticeStreamClient;
  const hostsKey = hostsQuery("l1").queryKey;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.instances = [];
    vi.stubGlobal("EventSource", FakeEventSource);
    vi.stubGlobal("window", new EventTarget());
    vi.stubGlobal("navigator", { onLine: true });
    queryClient = new QueryClient();
    states = [];
    client = new LatticeStreamClient(queryClient, "l1", initialStreamState, (s) => states.push(s));
    client.start();
  });

  afterEach(() => {
    client.stop();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("folds frames arriving within the batch window into one cache write", async () => {
    const write = vi.spyOn(queryClient, "setQueryData");
    latest().frame("snapshot", 1, snapshot([host("A")]));
    latest().frame("delta", 2, delta({ upserts: [host("B")] }));
    expect(queryClient.getQueryData(hostsKey)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(BATCH_MS);
    expect(queryClient.getQueryData(hostsKey)?.hosts.map((h) => h.id)).toEqual(["A", "B"]);
    const hostWrites = write.mock.calls.filter(
      ([key]) => JSON.stringify(key) === JSON.stringify(hostsKey),
    );
    expect(hostWrites).toHaveLength(1);
    expect(states.at(-1)?.status).toBe("live");
  });

  it("reconnects for a fresh snapshot when an id is skipped, ignoring the rest", async () => {
    latest().frame("snapshot", 1, snapshot([host("A")]));
    const first = latest();
    first.frame("delta", 3, delta({ upserts: [host("B")] }));
    expect(first.isClosed).toBe(true);
    expect(FakeEventSource.instances).toHaveLength(2);
    first.frame("delta", 4, delta({ upserts: [host("C")] }));
    latest().frame("snapshot", 1, snapshot([host("A"), host("B")]));
    await vi.advanceTimersByTimeAsync(BATCH_MS);
    expect(queryClient.getQueryData(hostsKey)?.hosts.map((h) => h.id)).toEqual(["A", "B"]);
  });

  it("reconnects on a resync frame and on a malformed frame", () => {
    latest().frame("snapshot", 1, snapshot([]));
    latest().frame("resync", 2, { reason: "lagging" });
    expect(FakeEventSource.instances).toHaveLength(2);
    latest().frame("snapshot", 1, { hosts: "not a list" });
    expect(FakeEventSource.instances).toHaveLength(3);
  });

  it("reconnects on a snapshot whose host names a workload its table lacks", () => {
    const broken = snapshot([host("A", { components: [component("api")] })]);
    latest().frame("snapshot", 1, { ...broken, components: [] });
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(queryClient.getQueryData(hostsKey)).toBeUndefined();
  });

  it("backs off after errors: reconnecting first, disconnected after repeated failures", async () => {
    latest().fail();
    expect(states.at(-1)?.status).toBe("reconnecting");
    for (let i = 0; i < 2; i += 1) {
      vi.advanceTimersByTime(10_000);
      latest().fail();
    }
    expect(states.at(-1)?.status).toBe("disconnected");
    vi.advanceTimersByTime(10_000);
    latest().frame("snapshot", 1, snapshot([host("A")]));
    await vi.advanceTimersByTimeAsync(BATCH_MS);
    expect(states.at(-1)?.status).toBe("live");
  });

  it("keeps an open host page current and refetches it when the host leaves", async () => {
    queryClient.setQueryData(hostQuery("l1", "A").queryKey, host("A"));
    latest().frame("snapshot", 1, snapshot([host("A")]));
    latest().frame("delta", 2, delta({ upserts: [host("A", { stale: true })] }));
    await vi.advanceTimersByTimeAsync(BATCH_MS);
    expect(queryClient.getQueryData(hostQuery("l1", "A").queryKey)?.stale).toBe(true);
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");
    latest().frame("delta", 3, delta({ removed: ["A"] }));
    await vi.advanceTimersByTimeAsync(BATCH_MS);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: hostQuery("l1", "A").queryKey });
  });

  it("writes a lone frame at once, without waiting for the window", async () => {
    latest().frame("snapshot", 1, snapshot([host("A")]));
    await vi.advanceTimersByTimeAsync(BATCH_MS * 2);
    latest().frame("delta", 2, delta({ upserts: [host("B")] }));
    await Promise.resolve();
    expect(queryClient.getQueryData(hostsKey)?.hosts.map((h) => h.id)).toEqual(["A", "B"]);
  });

  it("coalesces a burst into one more write at the end of the window, in order", async () => {
    latest().frame("snapshot", 1, snapshot([host("A")]));
    await vi.advanceTimersByTimeAsync(BATCH_MS * 2);
    const write = vi.spyOn(queryClient, "setQueryData");
    const hostWrites = () =>
      write.mock.calls.filter(([key]) => JSON.stringify(key) === JSON.stringify(hostsKey));
    latest().frame("delta", 2, delta({ upserts: [host("B")] }));
    await Promise.resolve();
    expect(hostWrites()).toHaveLength(1);
    // The rest of the burst: B changes, leaves, comes back changed; C joins.
    latest().frame("delta", 3, delta({ upserts: [host("B", { version: "2" })] }));
    latest().frame("delta", 4, delta({ removed: ["B"] }));
    latest().frame("delta", 5, delta({ upserts: [host("C")] }));
    latest().frame("delta", 6, delta({ upserts: [host("B", { version: "3" })] }));
    await vi.advanceTimersByTimeAsync(BATCH_MS - 1);
    expect(hostWrites()).toHaveLength(1);
    expect(queryClient.getQueryData(hostsKey)?.hosts.map((h) => h.id)).toEqual(["A", "B"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(hostWrites()).toHaveLength(2);
    const hosts = queryClient.getQueryData(hostsKey)?.hosts ?? [];
    expect(hosts.map((h) => [h.id, h.version])).toEqual([
      ["A", "1.9.2"],
      ["C", "1.9.2"],
      ["B", "3"],
    ]);
    // Quiet again after an empty window: the next lone frame is written at once.
    await vi.advanceTimersByTimeAsync(BATCH_MS * 2);
    latest().frame("delta", 7, delta({ removed: ["C"] }));
    await Promise.resolve();
    expect(hostWrites()).toHaveLength(3);
  });
});
