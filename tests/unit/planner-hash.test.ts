import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Host } from "@/lib/schemas/host";
import type { RolloutSpecInput } from "@/lib/schemas/rollout";
import { planRollout } from "@/server/planner";
import { helloChange, hosts, specWith } from "./planner-arbitraries";
import {
  component,
  HELLO_1,
  HELLO_2,
  helloHost,
  host,
  HTTP_1,
  HTTP_2,
  link,
  planInput,
  provider,
  updateHello,
  type Lattice,
} from "./planner-fixtures";

/**
 * A lattice touching every part of the hash: hosts sharing one before-state and hosts with
 * their own (annotations, counts), stale and at-target hosts, a recorded config list, a config
 * and a link step, and host ids JSON must escape.
 */
const goldenLattice: Lattice = {
  hosts: [
    helloHost(1, HELLO_1),
    helloHost(2, HELLO_1, { labels: { zone: "b" } }),
    helloHost(3, HELLO_1, {
      components: [component("hello", HELLO_1, { annotations: { team: "web", a: "1" } })],
    }),
    helloHost(4, HELLO_1, { components: [component("hello", HELLO_1, { maxInstances: 3 })] }),
    helloHost(5, HELLO_2),
    helloHost(6, HELLO_1, { stale: true }),
    host('N"7\\', {
      friendlyName: "odd",
      components: [component("hello", HELLO_1)],
      providers: [provider("http-server", HTTP_1)],
    }),
    host("N8\u00e9\u2028", { providers: [provider("http-server", HTTP_1)] }),
    helloHost(9, null),
  ],
  links: [link()],
  configs: { "hello-v1": { greeting: "hello" } },
  knownConfig: { component: { hello: ["hello-v1"] } },
};

const goldenSpec: RolloutSpecInput = {
  changes: [
    { kind: "component", id: "hello", imageRef: HELLO_2 },
    { kind: "provider", id: "http-server", imageRef: HTTP_2, config: ["hello-v1"] },
    { kind: "config", name: "hello-v1", values: { greeting: "hi" } },
    { ...link({ interfaces: ["atomics", "store"] }), kind: "link" },
  ],
  strategy: { type: "rolling", maxUnavailable: 2, order: ["zone"] },
  reason: "golden",
};

const spec = specWith(helloChange.map((c) => updateHello(c)));
const plan = (s: RolloutSpecInput, hs: Host[]) =>
  planRollout(planInput(s, { hosts: hs, configs: { "hello-v2": { greeting: "hi" } } }));

describe("plan hash", () => {
  it("keeps the hash of an unchanged lattice and spec across console versions", () => {
    // A reviewed plan's hash must still match after the console is upgraded (API.md: a stale
    // hash gets 409). This value was computed before the planner was made fast (issue 8).
    const golden = planRollout(planInput(goldenSpec, goldenLattice));
    expect(golden.errors).toEqual([]);
    expect(golden.hash).toBe("ca56b97a7bbf92ce3d8ff1970c2776afa2722158adc83d04da3abf31abe69436");
  });

  it("plans each host as if it were alone, though hosts in one state share it", () => {
    fc.assert(
      fc.property(spec, hosts, (s, hs) => {
        const p = plan(s, hs);
        for (const planned of p.hosts) {
          const alone = hs.filter((h) => h.id === planned.hostId);
          expect(plan(s, alone).hosts[0]?.changes).toEqual(planned.changes);
        }
      }),
      { numRuns: 60 },
    );
  });
});
