import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  emptyLatticeState,
  HEARTBEAT_LAG_MS,
  reduceLattice,
  toApiHost,
  type LatticeInput,
} from "@/server/lattice";
import {
  event,
  HOST_A,
  HOST_B,
  health,
  heartbeat,
  providerStarted,
  scaled,
} from "./reducer-fixtures";

const hostId = fc.constantFrom(HOST_A, HOST_B);
const workloadId = fc.constantFrom("hello", "world");
const ref = fc.constantFrom("img:1", "img:2");

const anyEvent: fc.Arbitrary<LatticeInput> = fc.oneof(
  fc.tuple(hostId, workloadId, ref, fc.nat(4)).map(([h, id, r, n]) => scaled(h, id, r, n)),
  fc.tuple(hostId, workloadId, ref).map(([h, id, r]) => providerStarted(h, id, r)),
  fc.tuple(hostId, workloadId).map(([h, id]) =>
    event("provider_stopped", h, {
      host_id: "",
      provider_id: id,
      annotations: {},
      reason: "stop",
    }),
  ),
  fc
    .tuple(hostId, fc.constantFrom("passed", "failed", "status" as const), workloadId)
    .map(([h, k, id]) => health(h, k, id)),
  fc
    .tuple(hostId, fc.dictionary(fc.constantFrom("zone", "rack"), fc.constantFrom("a", "b")))
    .map(([h, labels]) => event("labels_changed", h, { host_id: h, labels })),
  hostId.map((h) => event("host_stopped", h, { labels: {} })),
  hostId.map((h) =>
    event("host_started", h, {
      friendly_name: "x-y-1",
      labels: {},
      uptime_seconds: 0,
      version: "1.9.2",
    }),
  ),
);

const truth = fc.record({
  components: fc.uniqueArray(
    fc.record({ id: workloadId, ref, count: fc.integer({ min: 1, max: 9 }) }),
    { selector: (c) => c.id },
  ),
  providers: fc.uniqueArray(fc.record({ id: workloadId, ref }), { selector: (p) => p.id }),
  labels: fc.dictionary(fc.constantFrom("zone", "rack"), fc.constantFrom("a", "b")),
});

describe("lattice reducer properties", () => {
  it("a heartbeat after any sequence of events leaves the host equal to its inventory", () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 30 }), hostId, truth, (events, host, inv) => {
        let state = emptyLatticeState;
        const t0 = 1_000_000;
        for (const e of events) state = reduceLattice(state, e, t0).state;
        const at = t0 + HEARTBEAT_LAG_MS + 1;
        state = reduceLattice(state, heartbeat(host, { ...inv, uptime: 10_000 }), at).state;
        const model = state.hosts.get(host);
        expect(model).toBeDefined();
        if (!model) return;
        const api = toApiHost(model, at, 30_000);
        expect(api.labels).toEqual(inv.labels);
        expect(api.components.map((c) => [c.id, c.imageRef, c.maxInstances])).toEqual(
          [...inv.components]
            .sort((a, b) => a.id.localeCompare(b.id))
            .map((c) => [c.id, c.ref, c.count]),
        );
        expect(api.providers.map((p) => [p.id, p.imageRef])).toEqual(
          [...inv.providers].sort((a, b) => a.id.localeCompare(b.id)).map((p) => [p.id, p.ref]),
        );
      }),
    );
  });

  it("events never crash the reducer and only touch the host they came from", () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), (events) => {
        let state = emptyLatticeState;
        for (const e of events) {
          const result = reduceLattice(state, e, 1_000);
          const source = e.kind === "event" ? e.event.source : "";
          expect(
            [...result.changedHostIds, ...result.removedHostIds].every((id) => id === source),
          ).toBe(true);
          state = result.state;
        }
      }),
    );
  });
});
