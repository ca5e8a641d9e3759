import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Host } from "@/lib/schemas/host";
import {
  RolloutSpec,
  type ApiLinkShape,
  type HostChange,
  type LinkChange,
  type RolloutChange,
  type RolloutSpecInput,
} from "@/lib/schemas/rollout";
import { planRollout, restoreSpec, type KnownConfig } from "@/server/planner";
import { helloChange, hosts, PROVIDER_REFS, specWith } from "./planner-arbitraries";
import { HELLO_1, helloHost, link, planInput, updateHello, type Lattice } from "./planner-fixtures";

interface Row {
  name: string;
  spec: RolloutSpecInput;
  lattice: Lattice;
  touched?: string[];
  changes?: RolloutChange[];
  noteErrors?: string[];
}

const OLD = "ghcr.io/acme/hello:0.0.9";
const kvLink = (patch: Partial<ApiLinkShape> = {}): LinkChange => ({
  kind: "link",
  ...link(patch),
  delete: false,
});

const rows: Row[] = [
  {
    name: "returns mixed versions to what each host ran before",
    spec: { changes: [updateHello({ method: "replace" })] },
    lattice: {
      hosts: [helloHost(1, OLD), helloHost(2, HELLO_1), helloHost(3, HELLO_1)],
      configs: { "hello-v1": {} },
      knownConfig: { component: { hello: ["hello-v1"] }, provider: {} },
    },
    changes: [
      {
        kind: "component",
        id: "hello",
        imageRef: OLD,
        method: "replace",
        hosts: ["N1"],
        maxInstances: 1,
        config: ["hello-v1"],
        annotations: {},
      },
      {
        kind: "component",
        id: "hello",
        imageRef: HELLO_1,
        method: "replace",
        hosts: ["N2", "N3"],
        maxInstances: 1,
        config: ["hello-v1"],
        annotations: {},
      },
    ],
    noteErrors: [],
  },
  {
    name: "restores only the hosts the rollout touched",
    spec: { changes: [updateHello()] },
    lattice: { hosts: [helloHost(1, HELLO_1), helloHost(2, HELLO_1)] },
    touched: ["N2"],
    changes: [
      {
        kind: "component",
        id: "hello",
        imageRef: HELLO_1,
        method: "update",
        hosts: ["N2"],
        maxInstances: 1,
        annotations: {},
      },
    ],
  },
  {
    name: "puts configs back, deletes staged ones and reverses link puts, replaces and deletes",
    spec: {
      changes: [
        { kind: "config", name: "hello-v2", values: { greeting: "hi" } },
        { kind: "config", name: "misc", values: { a: "2" } },
        updateHello({ config: ["hello-v2"] }),
        kvLink({ name: "fresh" }),
        kvLink({ interfaces: ["store", "atomics"] }),
        { ...kvLink({ name: "gone" }), delete: true },
      ],
    },
    lattice: {
      hosts: [helloHost(1, HELLO_1)],
      configs: { misc: { a: "1" }, "hello-v1": {} },
      knownConfig: { component: { hello: ["hello-v1"] } },
      links: [link(), link({ name: "gone" })],
    },
    changes: [
      { kind: "config", name: "hello-v2", values: null },
      { kind: "config", name: "misc", values: { a: "1" } },
      { ...kvLink({ name: "fresh" }), delete: true },
      kvLink(),
      kvLink({ name: "gone" }),
      {
        kind: "component",
        id: "hello",
        imageRef: HELLO_1,
        method: "update",
        hosts: ["N1"],
        maxInstances: 1,
        config: ["hello-v1"],
        annotations: {},
      },
    ],
    noteErrors: [],
  },
  {
    name: "says so when the rollback needs a config list the console never recorded",
    spec: {
      changes: [
        { kind: "config", name: "hello-v2", values: { greeting: "hi" } },
        updateHello({ config: ["hello-v2"] }),
      ],
    },
    lattice: { hosts: [helloHost(1, HELLO_1)] },
    noteErrors: [
      "restoring component hello on N1 needs the config-name list it used before, which the console never recorded",
    ],
  },
];

describe("restoreSpec", () => {
  it.each(rows)("$name", (row) => {
    const input = planInput(row.spec, row.lattice);
    const plan = planRollout(input);
    expect(plan.errors).toEqual([]);
    const touchedHostIds = row.touched ?? plan.hosts.map((h) => h.hostId);
    const { spec, notes } = restoreSpec({ spec: input.spec, plan, touchedHostIds });
    if (row.changes) expect(spec.changes).toEqual(row.changes);
    if (row.noteErrors?.length === 0) expect(notes.errors).toEqual([]);
    for (const e of row.noteErrors ?? []) expect(notes.errors).toContain(e);
    expect(spec.strategy).toEqual(input.spec.strategy);
    expect(spec.gates).toEqual(input.spec.gates);
    expect(spec.onFailure).toEqual(input.spec.onFailure);
    expect(RolloutSpec.safeParse(spec).success).toBe(true);
  });
});

/** The lattice after a rollout: every touched host at its planned `after` state. */
function applyAfter(hs: readonly Host[], changes: ReadonlyMap<string, HostChange[]>): Host[] {
  return hs.map((h) => {
    const mine = changes.get(h.id) ?? [];
    const componentAfter = (id: string) => {
      const change = mine.find((c) => c.id === id);
      return change?.kind === "component" ? change.after : null;
    };
    const providerAfter = (id: string) => {
      const change = mine.find((c) => c.id === id);
      return change?.kind === "provider" ? change.after : null;
    };
    return {
      ...h,
      components: h.components.map((c) => {
        const after = componentAfter(c.id);
        if (after === null) return c;
        const { imageRef, maxInstances, annotations = {} } = after;
        return { ...c, imageRef, maxInstances, annotations };
      }),
      providers: h.providers.map((p) => {
        const after = providerAfter(p.id);
        return after === null
          ? p
          : { ...p, imageRef: after.imageRef, annotations: after.annotations ?? {} };
      }),
    };
  });
}

const changeAny = fc.oneof(
  helloChange.map((c) => updateHello(c)),
  fc
    .record({
      imageRef: fc.constantFrom(...PROVIDER_REFS),
      config: fc.option(fc.constant<string[]>(["kv-cfg"]), { nil: undefined }),
    })
    .map((c): RolloutSpecInput["changes"][number] => ({ kind: "provider", id: "kv", ...c })),
);

describe("restoreSpec property", () => {
  it("planning the restore spec after the rollout brings every touched host back to its before-state", () => {
    fc.assert(
      fc.property(
        specWith(changeAny),
        hosts,
        fc.boolean(),
        fc.func(fc.boolean()),
        (s, hs, recorded, touches) => {
          const configs = { "hello-v1": {}, "hello-v2": { greeting: "hi" }, "kv-cfg": {} };
          const known: KnownConfig = {
            component: recorded ? { hello: ["hello-v1"] } : {},
            provider: {},
          };
          const input = planInput(s, { hosts: hs, configs, knownConfig: known });
          const plan = planRollout(input);
          // A plan with errors never starts, so it is never restored.
          fc.pre(plan.errors.length === 0);
          const touched = plan.hosts.filter((h) => touches(h.hostId)).map((h) => h.hostId);
          fc.pre(touched.length > 0);
          const restore = restoreSpec({ spec: input.spec, plan, touchedHostIds: touched });
          const changed = new Map(
            plan.hosts.filter((h) => touched.includes(h.hostId)).map((h) => [h.hostId, h.changes]),
          );
          const afterKnown = {
            component: Object.fromEntries(
              plan.hosts
                .flatMap((h) => h.changes)
                .flatMap((c) =>
                  c.kind === "component" && c.after?.config ? [[c.id, c.after.config]] : [],
                ),
            ),
            provider: Object.fromEntries(
              plan.hosts
                .flatMap((h) => h.changes)
                .flatMap((c) =>
                  c.kind === "provider" && c.after?.config ? [[c.id, c.after.config]] : [],
                ),
            ),
          };
          const unrecorded = [...changed.values()]
            .flat()
            .some((c) => c.before?.config == null && c.after?.config != null);
          expect(restore.notes.errors.length > 0).toBe(unrecorded);
          if (unrecorded) return;
          const again = planRollout({
            ...planInput(restore.spec, {
              hosts: applyAfter(hs, changed),
              configs,
              knownConfig: { ...known, ...afterKnown },
            }),
            spec: RolloutSpec.parse(restore.spec),
          });
          expect(again.errors).toEqual([]);
          expect(again.hosts.map((h) => h.hostId).sort()).toEqual([...touched].sort());
          for (const h of again.hosts) {
            const original = changed.get(h.hostId) ?? [];
            for (const c of h.changes) {
              const before = original.find((o) => o.kind === c.kind && o.id === c.id)?.before;
              expect(c.after).toEqual(before);
            }
            expect(h.changes).toHaveLength(original.length);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
