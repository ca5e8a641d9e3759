import { describe, expect, it } from "vitest";
import type {
  ComponentState,
  HostChange,
  LatticeStep,
  Plan,
  RolloutSpecInput,
} from "@/lib/schemas/rollout";
import { planRollout } from "@/server/planner";
import {
  component,
  HELLO_1,
  HELLO_2,
  helloHost,
  HTTP_1,
  HTTP_2,
  host,
  link,
  planInput,
  provider,
  updateHello,
  WADM,
  type Lattice,
} from "./planner-fixtures";

interface Row {
  name: string;
  spec: RolloutSpecInput;
  lattice: Lattice;
  /** plan.hosts ids, in order. */
  hosts?: string[];
  waves?: string[][];
  skipped?: { hostId: string; reason: string }[];
  changes?: Record<string, HostChange[]>;
  steps?: LatticeStep[];
  /** Substrings that must each appear in some error; `[]` = no errors at all. */
  errors?: string[];
  warnings?: string[];
  blastRadius?: Plan["blastRadius"];
}

const fleet = (refs: (string | null)[]) => refs.map((ref, i) => helloHost(i + 1, ref));
const zoned = (zones: (string | null)[]) =>
  zones.map((zone, i) => helloHost(i + 1, HELLO_1, { labels: zone === null ? {} : { zone } }));
const helloChange = (
  before: string,
  after: string,
  patch: { before?: ComponentState; after?: ComponentState } = {},
): HostChange => ({
  kind: "component",
  id: "hello",
  method: "update",
  before: patch.before ?? { imageRef: before, maxInstances: 1, config: null, annotations: {} },
  after: patch.after ?? { imageRef: after, maxInstances: 1, config: null, annotations: {} },
});
const kvHost = (i: number) =>
  host(`K${i}`, { friendlyName: `kv-${i}`, providers: [provider("kv", "ghcr.io/acme/kv:1")] });

const rows: Row[] = [
  {
    name: "changes every host running the component when there is no selector",
    spec: { changes: [updateHello()] },
    lattice: { hosts: fleet([HELLO_1, HELLO_1, null]) },
    hosts: ["N1", "N2"],
    waves: [["N1"], ["N2"]],
    skipped: [],
    changes: { N1: [helloChange(HELLO_1, HELLO_2)] },
    errors: [],
  },
  {
    name: "plans nothing when no host matches the selector",
    spec: { changes: [updateHello()], selector: { labels: { zone: "z" } } },
    lattice: { hosts: fleet([HELLO_1]) },
    hosts: [],
    waves: [],
    errors: ["nothing to change"],
  },
  {
    name: "skips a host already at the target",
    spec: { changes: [updateHello()] },
    lattice: { hosts: fleet([HELLO_2, HELLO_1]) },
    hosts: ["N2"],
    skipped: [{ hostId: "N1", reason: "already at target" }],
    errors: [],
  },
  {
    name: "brings mixed versions to one target, each host with its own before-state",
    spec: { changes: [updateHello()] },
    lattice: { hosts: fleet(["ghcr.io/acme/hello:0.0.9", HELLO_1]) },
    changes: {
      N1: [helloChange("ghcr.io/acme/hello:0.0.9", HELLO_2)],
      N2: [helloChange(HELLO_1, HELLO_2)],
    },
  },
  {
    name: "skips selected hosts that do not run the component and counts them",
    spec: { changes: [updateHello()], selector: { labels: { zone: "a" } } },
    lattice: { hosts: fleet([HELLO_1, null]) },
    hosts: ["N1"],
    skipped: [{ hostId: "N2", reason: "does not run component hello" }],
    warnings: ["1 selected host does not run component hello"],
    errors: [],
  },
  {
    name: "leaves a stale host out and names it",
    spec: { changes: [updateHello()] },
    lattice: { hosts: [helloHost(1, HELLO_1), helloHost(2, HELLO_1, { stale: true })] },
    hosts: ["N1"],
    skipped: [{ hostId: "N2", reason: "stale: no heartbeat or event since 2026-11-29T10:00:00Z" }],
    warnings: ["stale hosts are skipped and keep their current state: n02 (N2)"],
  },
  {
    name: "refuses a selector naming a host not in the lattice",
    spec: { changes: [updateHello()], selector: { hosts: ["N1", "N9"] } },
    lattice: { hosts: fleet([HELLO_1]) },
    hosts: ["N1"],
    errors: ["selector names host N9, which is not in the lattice"],
  },
  {
    name: "restricts a change to its own hosts",
    spec: { changes: [updateHello({ hosts: ["N2"] })] },
    lattice: { hosts: fleet([HELLO_1, HELLO_1]) },
    hosts: ["N2"],
    skipped: [],
  },
  {
    name: "stages a new config name, then moves components to it",
    spec: {
      changes: [
        { kind: "config", name: "hello-v2", values: { greeting: "hi" } },
        updateHello({ config: ["hello-v2"] }),
      ],
    },
    lattice: {
      hosts: fleet([HELLO_1]),
      configs: { "hello-v1": { greeting: "hello" } },
      knownConfig: { component: { hello: ["hello-v1"] } },
    },
    steps: [
      { kind: "config", id: "hello-v2", before: null, after: { greeting: "hi" }, mode: "staged" },
    ],
    changes: {
      N1: [
        helloChange(HELLO_1, HELLO_2, {
          before: { imageRef: HELLO_1, maxInstances: 1, config: ["hello-v1"], annotations: {} },
          after: { imageRef: HELLO_2, maxInstances: 1, config: ["hello-v2"], annotations: {} },
        }),
      ],
    },
    errors: [],
  },
  {
    name: "changes a config in place and names the hosts whose workloads use it",
    spec: { changes: [{ kind: "config", name: "hello-v1", values: { greeting: "hey" } }] },
    lattice: {
      hosts: fleet([HELLO_1, HELLO_1, null]),
      configs: { "hello-v1": { greeting: "hello" } },
      knownConfig: { component: { hello: ["hello-v1"] } },
    },
    hosts: [],
    steps: [
      {
        kind: "config",
        id: "hello-v1",
        before: { greeting: "hello" },
        after: { greeting: "hey" },
        mode: "in-place",
      },
    ],
    warnings: [
      "config hello-v1 is changed in place: it takes effect on every host at once (protocol §6.2): n01, n02",
    ],
    errors: [],
  },
  {
    name: "says every host that uses it when no user of a config is known",
    spec: { changes: [{ kind: "config", name: "misc", values: null }] },
    lattice: { hosts: fleet([HELLO_1]), configs: { misc: { a: "1" } } },
    steps: [{ kind: "config", id: "misc", before: { a: "1" }, after: null, mode: "in-place" }],
    warnings: [
      "config misc is deleted in place: it takes effect on every host at once (protocol §6.2): every host that uses it",
    ],
  },
  {
    name: "plans no step for a config whose values are unchanged",
    spec: { changes: [{ kind: "config", name: "misc", values: { a: "1" } }] },
    lattice: { hosts: fleet([HELLO_1]), configs: { misc: { a: "1" } } },
    steps: [],
    errors: ["nothing to change"],
  },
  {
    name: "puts a new link and names the hosts running its source",
    spec: {
      changes: [
        {
          kind: "link",
          sourceId: "hello",
          target: "kv",
          witNamespace: "wasi",
          witPackage: "keyvalue",
          interfaces: ["store"],
        },
      ],
    },
    lattice: { hosts: [...fleet([HELLO_1, HELLO_1]), kvHost(1)] },
    steps: [{ kind: "link", id: "hello/wasi:keyvalue/default", before: null, after: link() }],
    warnings: [
      "link hello/wasi:keyvalue/default changes on every host running hello at once (a link belongs to its source, API.md): n01, n02",
    ],
    errors: [],
  },
  {
    name: "replaces a link with the same key and target",
    spec: {
      changes: [
        {
          kind: "link",
          sourceId: "hello",
          target: "kv",
          witNamespace: "wasi",
          witPackage: "keyvalue",
          interfaces: ["store", "atomics"],
        },
      ],
    },
    lattice: { hosts: [...fleet([HELLO_1]), kvHost(1)], links: [link()] },
    steps: [
      {
        kind: "link",
        id: "hello/wasi:keyvalue/default",
        before: link(),
        after: link({ interfaces: ["store", "atomics"] }),
      },
    ],
  },
  {
    name: "leaves an identical link alone",
    spec: {
      changes: [
        {
          kind: "link",
          sourceId: "hello",
          target: "kv",
          witNamespace: "wasi",
          witPackage: "keyvalue",
          interfaces: ["store"],
        },
      ],
    },
    lattice: { hosts: fleet([HELLO_1]), links: [link()] },
    steps: [],
    errors: ["nothing to change"],
  },
  {
    name: "deletes a link by its key",
    spec: {
      changes: [
        {
          kind: "link",
          sourceId: "hello",
          target: "kv",
          witNamespace: "wasi",
          witPackage: "keyvalue",
          delete: true,
        },
      ],
    },
    lattice: { hosts: fleet([HELLO_1]), links: [link()] },
    steps: [{ kind: "link", id: "hello/wasi:keyvalue/default", before: link(), after: null }],
    errors: [],
  },
  {
    name: "warns about deleting a link that does not exist and plans no step",
    spec: {
      changes: [
        updateHello(),
        {
          kind: "link",
          sourceId: "hello",
          target: "kv",
          witNamespace: "wasi",
          witPackage: "keyvalue",
          delete: true,
        },
      ],
    },
    lattice: { hosts: fleet([HELLO_1]) },
    steps: [],
    warnings: ["link hello/wasi:keyvalue/default does not exist; there is nothing to delete"],
  },
  {
    name: "refuses a link that shares an interface with a link to another target",
    spec: {
      changes: [
        {
          kind: "link",
          sourceId: "hello",
          target: "kv2",
          witNamespace: "wasi",
          witPackage: "keyvalue",
          interfaces: ["store"],
        },
      ],
    },
    lattice: { hosts: fleet([HELLO_1]), links: [link()] },
    errors: ["shares an interface with the existing link to kv"],
  },
  {
    name: "warns about a link whose target runs nowhere",
    spec: {
      changes: [
        {
          kind: "link",
          sourceId: "hello",
          target: "kv",
          witNamespace: "wasi",
          witPackage: "keyvalue",
          interfaces: ["store"],
        },
      ],
    },
    lattice: { hosts: fleet([HELLO_1]) },
    warnings: ["link hello/wasi:keyvalue/default: target kv runs on no host"],
  },
  {
    name: "warns about a link whose target runs on none of the changed hosts",
    spec: {
      changes: [
        updateHello(),
        {
          kind: "link",
          sourceId: "hello",
          target: "kv",
          witNamespace: "wasi",
          witPackage: "keyvalue",
          interfaces: ["store"],
        },
      ],
    },
    lattice: { hosts: [...fleet([HELLO_1]), kvHost(1)] },
    warnings: ["target kv runs on none of the hosts this rollout changes"],
  },
  {
    name: "puts a canary larger than the fleet in one wave and warns",
    spec: { changes: [updateHello()], strategy: { type: "canary", canaryHosts: 5 } },
    lattice: { hosts: fleet([HELLO_1, HELLO_1, HELLO_1]) },
    waves: [["N1", "N2", "N3"]],
    warnings: ["the canary (5 hosts) covers every affected host (3)"],
  },
  {
    name: "rolls in chunks of maxUnavailable",
    spec: { changes: [updateHello()], strategy: { type: "rolling", maxUnavailable: 2 } },
    lattice: { hosts: fleet([HELLO_1, HELLO_1, HELLO_1, HELLO_1, HELLO_1]) },
    waves: [["N1", "N2"], ["N3", "N4"], ["N5"]],
  },
  {
    name: "rolls zone by zone with order, never mixing zones in a wave",
    spec: {
      changes: [updateHello()],
      strategy: { type: "rolling", maxUnavailable: 2, order: ["zone"] },
    },
    lattice: { hosts: zoned(["b", "a", "b", "a", "a"]) },
    waves: [["N2", "N4"], ["N5"], ["N1", "N3"]],
    hosts: ["N2", "N4", "N5", "N1", "N3"],
  },
  {
    name: "puts hosts missing an order label last",
    spec: {
      changes: [updateHello()],
      strategy: { type: "rolling", maxUnavailable: 3, order: ["zone"] },
    },
    lattice: { hosts: zoned([null, "b", "a"]) },
    waves: [["N3"], ["N2"], ["N1"]],
  },
  {
    name: "canaries one host, then rolls in chunks",
    spec: {
      changes: [updateHello()],
      strategy: { type: "canary", canaryHosts: 1, maxUnavailable: 2 },
    },
    lattice: { hosts: fleet([HELLO_1, HELLO_1, HELLO_1, HELLO_1]) },
    waves: [["N1"], ["N2", "N3"], ["N4"]],
  },
  {
    name: "canaries within the first zone when ordered",
    spec: {
      changes: [updateHello()],
      strategy: { type: "canary", canaryHosts: 2, maxUnavailable: 2, order: ["zone"] },
    },
    lattice: { hosts: zoned(["b", "a", "b", "b"]) },
    waves: [["N2"], ["N1", "N3"], ["N4"]],
  },
  {
    name: "changes every host at once with all-at-once",
    spec: { changes: [updateHello()], strategy: { type: "all-at-once", maxUnavailable: 1 } },
    lattice: { hosts: fleet([HELLO_1, HELLO_1, HELLO_1]) },
    waves: [["N1", "N2", "N3"]],
  },
  {
    name: "ignores order with all-at-once",
    spec: { changes: [updateHello()], strategy: { type: "all-at-once", order: ["zone"] } },
    lattice: { hosts: zoned(["b", "a"]) },
    waves: [["N1", "N2"]],
  },
  {
    name: "rescales a host at the target image when maxInstances changes",
    spec: { changes: [updateHello({ maxInstances: 4 })] },
    lattice: { hosts: fleet([HELLO_2]) },
    changes: {
      N1: [
        helloChange(HELLO_2, HELLO_2, {
          after: { imageRef: HELLO_2, maxInstances: 4, config: null, annotations: {} },
        }),
      ],
    },
  },
  {
    name: "refuses a rescale of a component whose config-name list was never recorded",
    spec: { changes: [updateHello({ maxInstances: 4 })] },
    lattice: { hosts: fleet([HELLO_1]) },
    errors: ["component hello: this change re-creates it with the config-name list it is sent"],
  },
  {
    name: "refuses a replace of a component whose config-name list was never recorded",
    spec: { changes: [updateHello({ method: "replace" })] },
    lattice: { hosts: fleet([HELLO_1]) },
    errors: ['name it in the change\'s "config"'],
  },
  {
    name: "rescales with the recorded config-name list",
    spec: { changes: [updateHello({ maxInstances: 4 })] },
    lattice: {
      hosts: fleet([HELLO_1]),
      configs: { "hello-v1": {} },
      knownConfig: { component: { hello: ["hello-v1"] } },
    },
    errors: [],
  },
  {
    name: "warns that a rollback keeps a config-name list given for the first time",
    spec: { changes: [updateHello({ maxInstances: 4, config: ["hello-v1"] })] },
    lattice: { hosts: fleet([HELLO_1]), configs: { "hello-v1": {} } },
    errors: [],
    warnings: ["its earlier config-name list was never recorded, so a rollback keeps the new list"],
  },
  {
    name: "restarts a provider with its recorded config and annotations",
    spec: { changes: [{ kind: "provider", id: "http-server", imageRef: HTTP_2 }] },
    lattice: {
      hosts: [
        host("N1", {
          providers: [provider("http-server", HTTP_1, { annotations: { team: "web" } })],
        }),
      ],
      knownConfig: { provider: { "http-server": ["http-cfg"] } },
    },
    changes: {
      N1: [
        {
          kind: "provider",
          id: "http-server",
          before: { imageRef: HTTP_1, config: ["http-cfg"], annotations: { team: "web" } },
          after: { imageRef: HTTP_2, config: ["http-cfg"], annotations: { team: "web" } },
        },
      ],
    },
    errors: [],
  },
  {
    name: "warns that a provider restarts without named config when none was recorded",
    spec: { changes: [{ kind: "provider", id: "http-server", imageRef: HTTP_2 }] },
    lattice: { hosts: [host("N1", { providers: [provider("http-server", HTTP_1)] })] },
    warnings: ["provider http-server is restarted without named config"],
  },
  {
    name: "warns that wadm reconciles a wadm-managed component back",
    spec: { changes: [updateHello()] },
    lattice: {
      hosts: [host("N1", { components: [component("hello", HELLO_1, { annotations: WADM })] })],
    },
    warnings: [
      "component hello is managed by wadm application shop: wadm reconciles manual changes away: change the application's manifest instead, or undeploy it from wadm first",
    ],
  },
  {
    name: "refuses a config that does not exist",
    spec: { changes: [updateHello({ config: ["nope"] })] },
    lattice: { hosts: fleet([HELLO_1]) },
    errors: ["component hello names config nope, which does not exist"],
  },
  {
    name: "refuses a component change naming a config this rollout deletes",
    spec: {
      changes: [{ kind: "config", name: "old", values: null }, updateHello({ config: ["old"] })],
    },
    lattice: { hosts: fleet([HELLO_1]), configs: { old: {} } },
    errors: ["component hello names config old, which this rollout deletes"],
  },
  {
    name: "refuses a provider change whose id is a component",
    spec: { changes: [{ kind: "provider", id: "hello", imageRef: HTTP_2 }] },
    lattice: { hosts: fleet([HELLO_1]) },
    errors: ["provider hello conflicts with the component hello already in the lattice"],
  },
  {
    name: "refuses two changes for one component on the same hosts",
    spec: { changes: [updateHello(), updateHello({ imageRef: "ghcr.io/acme/hello:0.3.0" })] },
    lattice: { hosts: fleet([HELLO_1]) },
    errors: ["two changes target component hello on the same hosts"],
  },
  {
    name: "refuses a bad image ref",
    spec: { changes: [updateHello({ imageRef: "ghcr.io/Acme/hello:0.2.0" })] },
    lattice: { hosts: fleet([HELLO_1]) },
    errors: [
      'component hello: image ref "ghcr.io/Acme/hello:0.2.0" has an invalid repository component',
    ],
  },
  {
    name: "lists what is linked to and from the changed component in the blast radius",
    spec: { changes: [updateHello()] },
    lattice: {
      hosts: [
        host("N1", {
          components: [component("hello", HELLO_1)],
          providers: [provider("http-server", HTTP_1), provider("kv", "ghcr.io/acme/kv:1")],
        }),
        kvHost(2),
      ],
      links: [
        link({
          sourceId: "http-server",
          target: "hello",
          witPackage: "http",
          interfaces: ["incoming-handler"],
        }),
        link(),
        link({ sourceId: "other", target: "kv" }),
      ],
    },
    blastRadius: [
      {
        kind: "provider",
        id: "http-server",
        via: ["http-server → hello (wasi:http, default)"],
        hostIds: ["N1"],
      },
      { kind: "provider", id: "kv", via: ["hello → kv (wasi:keyvalue, default)"], hostIds: ["N1"] },
    ],
  },
];

describe("planRollout", () => {
  it.each(rows)("$name", (row) => {
    const plan = planRollout(planInput(row.spec, row.lattice));
    if (row.hosts) expect(plan.hosts.map((h) => h.hostId)).toEqual(row.hosts);
    if (row.waves) expect(plan.waves).toEqual(row.waves);
    if (row.skipped) expect(plan.skipped).toEqual(row.skipped);
    for (const [hostId, changes] of Object.entries(row.changes ?? {})) {
      expect(plan.hosts.find((h) => h.hostId === hostId)?.changes).toEqual(changes);
    }
    if (row.steps) expect(plan.lattice).toEqual(row.steps);
    if (row.errors?.length === 0) expect(plan.errors).toEqual([]);
    for (const error of row.errors ?? []) {
      expect(
        plan.errors.some((e) => e.includes(error)),
        `${error} in ${plan.errors.join(" | ")}`,
      ).toBe(true);
    }
    for (const warning of row.warnings ?? []) {
      expect(
        plan.warnings.some((w) => w.includes(warning)),
        `${warning} in ${plan.warnings.join(" | ")}`,
      ).toBe(true);
    }
    if (row.blastRadius) expect(plan.blastRadius).toEqual(row.blastRadius);
    expect(plan.summary).toEqual({
      hosts: plan.hosts.length,
      waves: plan.waves.length,
      skipped: plan.skipped.length,
    });
  });
});
