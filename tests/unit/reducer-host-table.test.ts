import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyLatticeState, HostTable, reduceLattice, type HostModel } from "@/server/lattice";
import { heartbeat, inventory } from "./reducer-fixtures";

const model = (id: string, friendlyName = ""): HostModel => {
  const state = reduceLattice(emptyLatticeState, inventory(id), 0).state;
  const host = state.hosts.get(id);
  if (!host) throw new Error("fixture");
  return { ...host, friendlyName };
};

describe("host table", () => {
  it("behaves like a Map under any sequence of sets and deletes, without mutating old versions", () => {
    const op = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 40 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        let table = HostTable.empty;
        const reference = new Map<string, string>();
        for (const [isSet, n] of ops) {
          const id = `N${n}`;
          const before = table;
          const sizeBefore = before.size;
          if (isSet) {
            table = table.set(model(id, `v${reference.size}`));
            reference.set(id, `v${reference.size}`);
          } else {
            table = table.delete(id);
            reference.delete(id);
          }
          expect(before.size).toBe(sizeBefore);
        }
        expect(table.size).toBe(reference.size);
        expect([...table.keys()].sort()).toEqual([...reference.keys()].sort());
        for (const [id, name] of reference) expect(table.get(id)?.friendlyName).toBe(name);
      }),
    );
  });

  it("keeps up with 10,000 hosts: discovery plus a full round of heartbeats", () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `N${String(i).padStart(55, "0")}`);
    const inventories = ids.map((id) => inventory(id));
    const heartbeats = ids.map((id) => heartbeat(id, { uptime: 90 }));
    const started = performance.now();
    let state = emptyLatticeState;
    for (const input of inventories) state = reduceLattice(state, input, 1_000).state;
    for (const input of heartbeats) state = reduceLattice(state, input, 31_000).state;
    const elapsed = performance.now() - started;
    expect(state.hosts.size).toBe(10_000);
    // A whole-Map copy per input took ~20 s here; sharing makes it well under a second.
    expect(elapsed).toBeLessThan(5_000);
  });
});
