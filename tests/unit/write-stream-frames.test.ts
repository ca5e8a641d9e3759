import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { writeStreamFrames } from "@/lib/hooks/write-stream-frames";
import { hostQuery, hostsQuery } from "@/lib/queries";
import type { ComponentStatus } from "@/lib/schemas/host";
import type { StreamDelta } from "@/lib/schemas/stream";
import type { StateFrame } from "@/lib/stream-fold";
import { host } from "./host-fixtures";

const web = (maxInstances: number): ComponentStatus => ({
  id: "web",
  imageRef: "ghcr.io/acme/web:1",
  maxInstances,
  annotations: {},
  limits: null,
});
const delta = (d: Partial<StreamDelta>): StateFrame => ({
  kind: "delta",
  frame: { upserts: [], patches: [], removed: [], events: [], ...d },
});

/** A cache with the stream's snapshot folded in and host A's page open. */
function setup() {
  const queryClient = new QueryClient();
  const a = host("A", { components: [web(1)] });
  writeStreamFrames(
    queryClient,
    "l1",
    [
      {
        kind: "snapshot",
        frame: { connection: "connected", ready: true, hosts: [a, host("B")], events: [] },
      },
    ],
    false,
  );
  queryClient.setQueryData(hostQuery("l1", "A").queryKey, a);
  return queryClient;
}

describe("writeStreamFrames", () => {
  it("patches an open host page from the folded host list", () => {
    const queryClient = setup();
    writeStreamFrames(
      queryClient,
      "l1",
      [delta({ patches: [{ id: "A", components: { set: [web(4)], removed: [] } }] })],
      false,
    );
    expect(queryClient.getQueryData(hostQuery("l1", "A").queryKey)?.components).toEqual([web(4)]);
    expect(queryClient.getQueryData(hostsQuery("l1").queryKey)?.hosts[0]?.components).toEqual([
      web(4),
    ]);
  });

  it("leaves an open host page alone when only other hosts change", () => {
    const queryClient = setup();
    const before = queryClient.getQueryData(hostQuery("l1", "A").queryKey);
    writeStreamFrames(queryClient, "l1", [delta({ patches: [{ id: "B", stale: true }] })], false);
    expect(queryClient.getQueryData(hostQuery("l1", "A").queryKey)).toBe(before);
  });

  it("marks an open host page for refetch when its host leaves", () => {
    const queryClient = setup();
    writeStreamFrames(queryClient, "l1", [delta({ removed: ["A"] })], false);
    expect(queryClient.getQueryState(hostQuery("l1", "A").queryKey)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryData(hostsQuery("l1").queryKey)?.hosts.map((h) => h.id)).toEqual([
      "B",
    ]);
  });
});
