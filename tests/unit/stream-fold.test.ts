import { describe, expect, it } from "vitest";
import type { Host } from "@/lib/schemas/host";
import type { FeedEvent, SnapshotFrame, StreamDelta } from "@/lib/schemas/stream";
import {
  checkSequence,
  foldHosts,
  hostChanges,
  mergeEvents,
  newestFirstFeed,
  type StateFrame,
} from "@/lib/stream-fold";
import { component, host } from "./host-fixtures";

const snapshot = (hosts: Host[], events: FeedEvent[] = []): StateFrame => ({
  kind: "snapshot",
  frame: { connection: "connected", ready: true, hosts, events } satisfies SnapshotFrame,
});
const delta = (d: Partial<StreamDelta>): StateFrame => ({
  kind: "delta",
  frame: { upserts: [], patches: [], removed: [], events: [], ...d },
});
const event = (id: string, time: string, hostId = "A", type = "host_heartbeat"): FeedEvent => ({
  id,
  type,
  hostId,
  time,
  summary: id,
});

describe("foldHosts", () => {
  it("replaces the list with a snapshot", () => {
    const before = { hosts: [host("A")] };
    expect(foldHosts(before, [snapshot([host("B")])])?.hosts.map((h) => h.id)).toEqual(["B"]);
  });

  it("replaces a changed host in place and keeps untouched hosts identical", () => {
    const a = host("A");
    const b = host("B");
    const after = foldHosts({ hosts: [a, b] }, [delta({ upserts: [host("A", { stale: true })] })]);
    expect(after?.hosts.map((h) => [h.id, h.stale])).toEqual([
      ["A", true],
      ["B", false],
    ]);
    expect(after?.hosts[1]).toBe(b);
  });

  it("appends hosts that joined and drops hosts that left", () => {
    const after = foldHosts({ hosts: [host("A"), host("B")] }, [
      delta({ upserts: [host("C")], removed: ["A"] }),
    ]);
    expect(after?.hosts.map((h) => h.id)).toEqual(["B", "C"]);
  });

  it("applies a batch in order: a host added then removed is gone", () => {
    const after = foldHosts({ hosts: [] }, [
      delta({ upserts: [host("X")] }),
      delta({ removed: ["X"] }),
    ]);
    expect(after?.hosts).toEqual([]);
  });

  it("applies deltas after a snapshot in the same batch", () => {
    const after = foldHosts(undefined, [
      snapshot([host("A")]),
      delta({ upserts: [host("A", { version: "1.9.3" })] }),
    ]);
    expect(after?.hosts[0].version).toBe("1.9.3");
  });

  it("returns the same object when a delta changes no host", () => {
    const before = { hosts: [host("A")] };
    expect(foldHosts(before, [delta({ events: [event("e1", "2026-11-29T10:00:00Z")] })])).toBe(
      before,
    );
  });

  it("leaves the cache empty when a delta arrives with nothing to apply it to", () => {
    expect(foldHosts(undefined, [delta({ upserts: [host("A")] })])).toBeUndefined();
  });
});

describe("foldHosts with patches", () => {
  const web = component("web");
  const api = component("api");
  const a = host("A", { components: [api, web] });

  it("rescales one component and keeps the host's other workloads identical", () => {
    const after = foldHosts({ hosts: [a, host("B")] }, [
      delta({
        patches: [
          {
            id: "A",
            lastSeen: "2026-11-29T10:00:05Z",
            components: { set: [component("web", 3)], removed: [] },
          },
        ],
      }),
    ]);
    const patched = after?.hosts[0];
    expect(patched?.components.map((c) => [c.id, c.maxInstances])).toEqual([
      ["api", 1],
      ["web", 3],
    ]);
    expect(patched?.components[0]).toBe(api);
    expect(patched?.lastSeen).toBe("2026-11-29T10:00:05Z");
    expect(patched?.friendlyName).toBe("host-A");
    expect(patched?.providers).toBe(a.providers);
  });

  it("adds a new component in id order and drops a removed one", () => {
    const after = foldHosts({ hosts: [a] }, [
      delta({
        patches: [{ id: "A", components: { set: [component("cache")], removed: ["web"] } }],
      }),
    ]);
    expect(after?.hosts[0]?.components.map((c) => c.id)).toEqual(["api", "cache"]);
  });

  it("changes only the fields a patch names", () => {
    const after = foldHosts({ hosts: [a] }, [
      delta({ patches: [{ id: "A", stale: true, labels: { zone: "b" } }] }),
    ]);
    expect(after?.hosts[0]).toEqual({ ...a, stale: true, labels: { zone: "b" } });
    expect(after?.hosts[0]?.components).toBe(a.components);
  });

  it("applies patches of a batch in order, after a snapshot", () => {
    const after = foldHosts(undefined, [
      snapshot([a]),
      delta({ patches: [{ id: "A", components: { set: [component("web", 2)], removed: [] } }] }),
      delta({ patches: [{ id: "A", components: { set: [], removed: ["api"] } }] }),
    ]);
    expect(after?.hosts[0]?.components).toEqual([component("web", 2)]);
  });

  it("ignores a patch for a host the list does not have", () => {
    const before = { hosts: [a] };
    const after = foldHosts(before, [delta({ patches: [{ id: "Z", stale: true }] })]);
    expect(after?.hosts).toEqual([a]);
  });
});

describe("hostChanges", () => {
  it("reports the net change per host across a batch", () => {
    const changes = hostChanges([
      delta({ upserts: [host("A"), host("B")], patches: [{ id: "C", stale: true }] }),
      delta({ removed: ["A"] }),
    ]);
    expect([...changes.changed]).toEqual(["B", "C"]);
    expect([...changes.removed]).toEqual(["A"]);
    expect(changes.hasSnapshot).toBe(false);
  });

  it("starts over at a snapshot", () => {
    const changes = hostChanges([delta({ removed: ["A"] }), snapshot([host("A")])]);
    expect(changes.removed.size).toBe(0);
    expect(changes.hasSnapshot).toBe(true);
  });
});

describe("mergeEvents", () => {
  const all = { host: "", type: "" };
  it("puts new events first, newest first, without duplicates", () => {
    const feed = [event("e1", "2026-11-29T10:00:00Z")];
    const merged = mergeEvents(
      feed,
      [
        event("e1", "2026-11-29T10:00:00Z"),
        event("e2", "2026-11-29T10:00:01Z"),
        event("e3", "2026-11-29T10:00:02Z"),
      ],
      all,
    );
    expect(merged.map((e) => e.id)).toEqual(["e3", "e2", "e1"]);
  });

  it("orders events of the same instant by arrival, latest first", () => {
    const t = "2026-11-29T10:00:00Z";
    const merged = mergeEvents([event("e1", t)], [event("e2", t), event("e3", t)], all);
    expect(merged.map((e) => e.id)).toEqual(["e3", "e2", "e1"]);
  });

  it("turns the server's oldest-first history into a newest-first feed", () => {
    const t = "2026-11-29T10:00:00Z";
    const history = [event("a", "2026-11-29T09:59:59Z"), event("b", t), event("c", t)];
    expect(newestFirstFeed(history).map((e) => e.id)).toEqual(["c", "b", "a"]);
  });

  it("keeps only events matching the feed's filter", () => {
    const merged = mergeEvents(
      [],
      [
        event("e1", "2026-11-29T10:00:00Z", "A", "component_scaled"),
        event("e2", "2026-11-29T10:00:01Z", "B", "component_scaled"),
        event("e3", "2026-11-29T10:00:02Z", "A", "host_heartbeat"),
      ],
      { host: "A", type: "component_scaled" },
    );
    expect(merged.map((e) => e.id)).toEqual(["e1"]);
  });

  it("caps the feed and returns the same array when nothing is new", () => {
    const feed = [event("e2", "2026-11-29T10:00:01Z"), event("e1", "2026-11-29T10:00:00Z")];
    expect(mergeEvents(feed, [event("e1", "2026-11-29T10:00:00Z")], all)).toBe(feed);
    expect(
      mergeEvents(feed, [event("e3", "2026-11-29T10:00:02Z")], all, 2).map((e) => e.id),
    ).toEqual(["e3", "e2"]);
  });
});

describe("checkSequence", () => {
  it.each([
    ["accepts the first id of a connection", null, "7", 7],
    ["accepts the next id", 7, "8", 8],
    ["reports a skipped id as a gap", 7, "9", "gap"],
    ["reports a repeated id as a gap", 7, "7", "gap"],
    ["reports a missing id as a gap", 7, "", "gap"],
    ["reports a non-numeric id as a gap", null, "abc", "gap"],
  ] as const)("%s", (_name, previous, id, expected) => {
    expect(checkSequence(previous, id)).toBe(expected);
  });
});
