import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ComponentStatus, Host, ProviderStatus } from "@/lib/schemas/host";
import { SnapshotWire, type SnapshotFrame } from "@/lib/schemas/stream";
import { decodeSnapshot, encodeSnapshot } from "@/lib/stream-snapshot";
import { host } from "./host-fixtures";

const component = (id: string, maxInstances: number): ComponentStatus => ({
  id,
  imageRef: `ghcr.io/acme/${id}:1`,
  maxInstances,
  annotations: { owner: "acme" },
  limits: null,
});
const provider = (id: string, health: ProviderStatus["health"]): ProviderStatus => ({
  id,
  imageRef: `ghcr.io/acme/${id}:1`,
  health,
  annotations: {},
});
const frame = (hosts: Host[]): SnapshotFrame => ({
  connection: "connected",
  ready: true,
  hosts,
  events: [],
});

/** Hosts drawing their workloads from a small shared pool, as interned server views are. */
const pools = {
  components: [component("api", 1), component("api", 4), component("web", 2)],
  providers: [provider("http", "healthy"), provider("http", "unknown"), provider("kv", "healthy")],
};
const hostsArb = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 30 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc
          .record({
            components: fc.subarray(pools.components),
            providers: fc.subarray(pools.providers),
            stale: fc.boolean(),
          })
          .map((w) => host(id, w)),
      ),
    ),
  );

describe("the snapshot's wire form", () => {
  it("decodes to the frame it encodes, each distinct workload sent once", () => {
    fc.assert(
      fc.property(hostsArb, (hosts) => {
        const wire = encodeSnapshot(frame(hosts));
        // What the browser parses is the JSON text, not the object.
        const parsed = SnapshotWire.parse(JSON.parse(JSON.stringify(wire)));
        expect(decodeSnapshot(parsed)).toEqual(frame(hosts));
        const used = new Set(hosts.flatMap((h) => h.components));
        expect(wire.components).toHaveLength(used.size);
      }),
    );
  });

  it("decodes hosts running the same workload to one shared object", () => {
    const wire = encodeSnapshot(
      frame([host("A", { components: [pools.components[0]!] }), host("B", pools)]),
    );
    const decoded = decodeSnapshot(SnapshotWire.parse(JSON.parse(JSON.stringify(wire))));
    expect(decoded?.hosts[0]?.components[0]).toBe(decoded?.hosts[1]?.components[0]);
  });

  it("refuses a host naming a workload the tables do not have", () => {
    const wire = encodeSnapshot(frame([host("A", { components: [component("api", 1)] })]));
    expect(decodeSnapshot({ ...wire, components: [] })).toBeNull();
    expect(decodeSnapshot({ ...wire, hosts: [{ ...wire.hosts[0]!, providers: [3] }] })).toBeNull();
    for (const index of [-1, 0.5, "0", null])
      expect(
        decodeSnapshot(
          SnapshotWire.parse({ ...wire, hosts: [{ ...wire.hosts[0]!, components: [index] }] }),
        ),
      ).toBeNull();
    expect(
      SnapshotWire.safeParse({ ...wire, hosts: [{ ...wire.hosts[0]!, components: "0" }] }).success,
    ).toBe(false);
  });
});
