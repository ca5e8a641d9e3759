import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Host } from "@/lib/schemas/host";
import { RolloutSpec, type Plan, type RolloutSpecInput } from "@/lib/schemas/rollout";
import { planRollout } from "@/server/planner";
import { helloChange, hosts, specWith } from "./planner-arbitraries";
import { component, helloHost, planInput, updateHello } from "./planner-fixtures";

const spec = specWith(helloChange.map((c) => updateHello(c)));
const configs = { "hello-v2": { greeting: "hi" } };
const plan = (s: RolloutSpecInput, hs: Host[], known: string[] | null = null): Plan =>
  planRollout(
    planInput(s, { hosts: hs, configs, knownConfig: { component: known ? { hello: known } : {} } }),
  );

const orderKey = (h: Host, order: readonly string[]) =>
  JSON.stringify(order.map((k) => h.labels[k] ?? null));

const fail = (id: string): never => {
  throw new Error(`host ${id} is not in the lattice`);
};

describe("planRollout properties", () => {
  it("waves cover the changed hosts exactly once", () => {
    fc.assert(
      fc.property(spec, hosts, (s, hs) => {
        const p = plan(s, hs);
        const inWaves = p.waves.flat();
        expect(new Set(inWaves).size).toBe(inWaves.length);
        expect([...inWaves].sort()).toEqual(p.hosts.map((h) => h.hostId).sort());
        const running = hs.filter((h) => h.components.some((c) => c.id === "hello"));
        const skipped = new Set(p.skipped.map((k) => k.hostId));
        expect(
          running
            .filter((h) => !skipped.has(h.id))
            .map((h) => h.id)
            .sort(),
        ).toEqual([...inWaves].sort());
        expect(p.hosts.every((h) => !hs.find((x) => x.id === h.hostId)?.stale)).toBe(true);
      }),
    );
  });

  it("no wave exceeds maxUnavailable (the canary wave: canaryHosts) nor spans two order groups", () => {
    fc.assert(
      fc.property(spec, hosts, (s, hs) => {
        const p = plan(s, hs);
        const st = RolloutSpec.parse(s).strategy;
        const byId = new Map(hs.map((h) => [h.id, h]));
        p.waves.forEach((wave, i) => {
          expect(wave.length).toBeGreaterThan(0);
          switch (st.type) {
            case "all-at-once":
              expect(p.waves).toHaveLength(1);
              break;
            case "canary":
              expect(wave.length).toBeLessThanOrEqual(i === 0 ? st.canaryHosts : st.maxUnavailable);
              break;
            case "rolling":
              expect(wave.length).toBeLessThanOrEqual(st.maxUnavailable);
              break;
          }
          const order = st.order;
          if (st.type !== "all-at-once" && order) {
            const keys = new Set(wave.map((id) => orderKey(byId.get(id) ?? fail(id), order)));
            expect(keys.size).toBe(1);
          }
        });
      }),
    );
  });

  it("keeps the hash when hosts are reordered or unrelated state changes", () => {
    fc.assert(
      fc.property(
        spec,
        hosts.chain((hs) =>
          fc.tuple(fc.constant(hs), fc.shuffledSubarray(hs, { minLength: hs.length })),
        ),
        (s, [hs, shuffled]) => {
          const base = plan(s, hs).hash;
          expect(plan(s, shuffled).hash).toBe(base);
          const unrelated = hs.map((h) => ({
            ...h,
            lastSeen: "2030-01-01T00:00:00Z",
            uptimeSeconds: h.uptimeSeconds + 100,
            version: "1.10.0",
            components: [...h.components, component("other", "ghcr.io/acme/other:1")],
          }));
          const bystander = helloHost(99, null, { labels: { zone: "a" } });
          expect(plan(s, [...unrelated, bystander]).hash).toBe(base);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("changes the hash when a covered before-state changes", () => {
    const mutations: ((c: Host["components"][number]) => Host["components"][number])[] = [
      (c) => ({ ...c, maxInstances: c.maxInstances + 1 }),
      (c) => ({ ...c, annotations: { ...c.annotations, extra: "1" } }),
      (c) => ({ ...c, imageRef: `${c.imageRef}-x` }),
    ];
    fc.assert(
      fc.property(spec, hosts, fc.nat(), fc.constantFrom(0, 1, 2), (s, hs, pick, m) => {
        const p = plan(s, hs);
        const covered = [
          ...p.hosts.map((h) => h.hostId),
          ...p.skipped.filter((k) => !k.reason.startsWith("does not run")).map((k) => k.hostId),
        ];
        fc.pre(covered.length > 0);
        const target = covered[pick % covered.length];
        const mutated = hs.map((h) =>
          h.id !== target
            ? h
            : {
                ...h,
                components: h.components.map((c) => (c.id === "hello" ? mutations[m](c) : c)),
              },
        );
        expect(plan(s, mutated).hash).not.toBe(p.hash);
        expect(plan(s, hs, ["hello-v1"]).hash).not.toBe(p.hash);
      }),
      { numRuns: 80 },
    );
  });
});
