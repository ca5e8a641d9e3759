import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byWorkloadId } from "@/lib/workload-order";
import { WorkloadMap } from "@/server/lattice/workload-map";

type Entry = { id: string; n: number };
const ids = fc.constantFrom("a", "api", "B", "b", "web", "Web", "z", "kv");

describe("WorkloadMap", () => {
  it("behaves like a Map under any sequence of sets and deletes, in id order, old versions kept", () => {
    const op = fc.tuple(fc.boolean(), ids, fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(ids), fc.array(op, { maxLength: 60 }), (initial, ops) => {
        let map = WorkloadMap.of(initial.map((id, n): Entry => ({ id, n })));
        const reference = new Map(initial.map((id, n) => [id, n]));
        for (const [isSet, id, n] of ops) {
          const before = map;
          const listBefore = [...before.list];
          map = isSet ? map.with({ id, n }) : map.without(id);
          if (isSet) reference.set(id, n);
          else reference.delete(id);
          expect(before.list).toEqual(listBefore);
        }
        expect(map.size).toBe(reference.size);
        expect(map.list).toEqual([...map.list].sort(byWorkloadId));
        expect(new Map(map.list.map((e) => [e.id, e.n]))).toEqual(reference);
        for (const [id, n] of reference) expect(map.get(id)?.n).toBe(n);
        expect([...map.keys()]).toEqual(map.list.map((e) => e.id));
      }),
    );
  });

  it("returns itself when nothing changes", () => {
    const entry = { id: "api", n: 1 };
    const map = WorkloadMap.of([entry]);
    expect(map.with(entry)).toBe(map);
    expect(map.without("web")).toBe(map);
    expect(map.with({ id: "api", n: 1 })).not.toBe(map);
  });
});
