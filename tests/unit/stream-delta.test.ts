import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ComponentStatus, Host } from "@/lib/schemas/host";
import { applyPatch } from "@/lib/stream-fold";
import { byWorkloadId } from "@/lib/workload-order";
import { hostPatch } from "@/server/http/stream-delta";
import { component, host } from "./host-fixtures";

/** A host's components: distinct ids, each at one of two counts, sorted or as drawn. */
const componentsArb = (sorted: boolean) =>
  fc
    .uniqueArray(fc.constantFrom("a", "api", "b", "Web", "web", "kv", "z"), { maxLength: 7 })
    .chain((ids) =>
      fc.tuple(...ids.map((id) => fc.integer({ min: 1, max: 2 }).map((n) => component(id, n)))),
    )
    .map((list) => (sorted ? [...list].sort(byWorkloadId) : list));

const byId = (list: readonly ComponentStatus[]) => [...list].sort(byWorkloadId);

describe("stream patches", () => {
  it("rebuild the new host from the old one, whatever changed", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.boolean().chain((s) => componentsArb(s)),
        fc.boolean().chain((s) => componentsArb(s)),
        (staleBefore, staleAfter, before, after) => {
          const old: Host = host("A", { stale: staleBefore, components: before });
          const next: Host = host("A", { stale: staleAfter, components: after });
          const patch = hostPatch(old, next);
          const rebuilt = patch ? applyPatch(old, patch) : old;
          expect(rebuilt.stale).toBe(staleAfter);
          expect(byId(rebuilt.components)).toEqual(byId(after));
          if (patch === null) expect(byId(before)).toEqual(byId(after));
          // Nothing more than what changed: new or different entries, and ids that went.
          const was = new Map(before.map((w) => [w.id, JSON.stringify(w)]));
          const kept = new Set(after.map((w) => w.id));
          const ids = (list: readonly { id: string }[] = []) => list.map((w) => w.id).sort();
          expect(ids(patch?.components?.set)).toEqual(
            ids(after.filter((w) => was.get(w.id) !== JSON.stringify(w))),
          );
          expect([...(patch?.components?.removed ?? [])].sort()).toEqual(
            ids(before.filter((w) => !kept.has(w.id))),
          );
        },
      ),
    );
  });

  it("send only what changed: one rescaled component of sorted lists", () => {
    const before = ["a", "b", "c"].map((id) => component(id, 1));
    const after = [before[0]!, component("b", 3), before[2]!];
    expect(hostPatch(host("A", { components: before }), host("A", { components: after }))).toEqual({
      id: "A",
      components: { set: [component("b", 3)], removed: [] },
    });
  });
});
