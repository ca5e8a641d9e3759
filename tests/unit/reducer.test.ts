import { describe, expect, it } from "vitest";
import {
  emptyLatticeState,
  reduceLattice,
  toApiHost,
  type LatticeInput,
  type LatticeState,
  type ReduceResult,
} from "@/server/lattice";
import type { Host } from "@/lib/schemas/host";
import {
  event,
  HOST_A,
  HOST_B,
  health,
  heartbeat,
  inventory,
  providerStarted,
  scaled,
} from "./reducer-fixtures";

const HEARTBEAT_MS = 30_000;
const T0 = Date.parse("2026-11-29T12:00:00Z");

type Step = [atSeconds: number, input: LatticeInput];
type Expect = {
  hosts?: Record<
    string,
    Partial<Host> & {
      componentRefs?: Record<string, [string, number]>;
      componentLimits?: Record<string, Record<string, string> | null>;
    }
  >;
  absent?: string[];
  resync?: string[];
  removed?: string[];
  staleAt?: [seconds: number, hostId: string, stale: boolean][];
};
type Row = { situation: string; steps: Step[]; expect: Expect };

const running = (ref: string, count = 1) => [{ id: "hello", ref, count }];
const LIMITS = { max_memory_limit: "256", max_execution_time: "500" };
const LIMITED = { id: "hello", ref: "hello:1", count: 1, limits: LIMITS };

const rows: Row[] = [
  {
    situation: "a host found by inventory shows its components and providers",
    steps: [
      [
        0,
        inventory(HOST_A, {
          components: running("hello:1"),
          providers: [{ id: "http", ref: "http:1" }],
        }),
      ],
    ],
    expect: {
      hosts: {
        [HOST_A]: {
          componentRefs: { hello: ["hello:1", 1] },
          providers: [{ id: "http", imageRef: "http:1", health: "unknown", annotations: {} }],
        },
      },
    },
  },
  {
    situation: "a started component appears on the host that published the event, not data.host_id",
    steps: [
      [0, inventory(HOST_A)],
      [1, scaled(HOST_A, "hello", "hello:1", 4, HOST_B)],
    ],
    expect: { hosts: { [HOST_A]: { componentRefs: { hello: ["hello:1", 4] } } }, absent: [HOST_B] },
  },
  {
    situation: "a component scaled to zero is stopped",
    steps: [
      [0, inventory(HOST_A, { components: running("hello:1") })],
      [1, health(HOST_A, "status", "other")],
      [2, scaled(HOST_A, "hello", "hello:1", 0)],
    ],
    expect: { hosts: { [HOST_A]: { components: [] } }, resync: [] },
  },
  {
    situation:
      "an update's second event (new ref, count 0) is not read as a stop; the inventory decides",
    steps: [
      [0, inventory(HOST_A, { components: running("hello:1", 3) })],
      [1, scaled(HOST_A, "hello", "hello:2", 3)],
      [1, scaled(HOST_A, "hello", "hello:2", 0)],
    ],
    expect: { hosts: { [HOST_A]: { componentRefs: { hello: ["hello:2", 3] } } }, resync: [HOST_A] },
  },
  {
    situation: "limits from the inventory survive a rescale event, which carries none (§10)",
    steps: [
      [0, inventory(HOST_A, { components: [{ ...LIMITED, count: 2 }] })],
      [1, scaled(HOST_A, "hello", "hello:1", 5)],
    ],
    expect: {
      hosts: {
        [HOST_A]: { componentRefs: { hello: ["hello:1", 5] }, componentLimits: { hello: LIMITS } },
      },
    },
  },
  {
    situation: "the next inventory replaces the limits an event kept",
    steps: [
      [0, inventory(HOST_A, { components: [LIMITED] })],
      [1, scaled(HOST_A, "hello", "hello:1", 5)],
      [2, inventory(HOST_A, { components: [{ ...LIMITED, count: 5, limits: null }] })],
    ],
    expect: {
      hosts: {
        [HOST_A]: { componentRefs: { hello: ["hello:1", 5] }, componentLimits: { hello: null } },
      },
    },
  },
  {
    situation: "a component first seen in an event has no limits",
    steps: [
      [0, inventory(HOST_A, { components: [{ ...LIMITED, id: "other" }] })],
      [1, scaled(HOST_A, "hello", "hello:1", 1)],
    ],
    expect: {
      hosts: {
        [HOST_A]: { componentLimits: { hello: null, other: LIMITS } },
      },
    },
  },
  {
    situation: "a stop long after the update is a stop",
    steps: [
      [0, scaled(HOST_A, "hello", "hello:2", 3)],
      [0, scaled(HOST_A, "hello", "hello:2", 0)],
      [5, event("labels_changed", HOST_A, { host_id: HOST_A, labels: { zone: "a" } })],
      [9, scaled(HOST_A, "hello", "hello:2", 0)],
    ],
    expect: { hosts: { [HOST_A]: { components: [], labels: { zone: "a" } } }, resync: [] },
  },
  {
    situation: "a started provider's health is unknown until a health event",
    steps: [
      [0, inventory(HOST_A)],
      [1, providerStarted(HOST_A, "http", "http:1")],
    ],
    expect: {
      hosts: {
        [HOST_A]: {
          providers: [{ id: "http", imageRef: "http:1", health: "unknown", annotations: {} }],
        },
      },
    },
  },
  {
    situation: "a provider that passed its check is healthy, and a later status check keeps it so",
    steps: [
      [0, providerStarted(HOST_A, "http", "http:1")],
      [5, health(HOST_A, "passed", "http")],
      [35, health(HOST_A, "status", "http")],
    ],
    expect: {
      hosts: {
        [HOST_A]: {
          providers: [{ id: "http", imageRef: "http:1", health: "healthy", annotations: {} }],
        },
      },
    },
  },
  {
    situation: "a provider that never passed stays unknown through status checks",
    steps: [
      [0, providerStarted(HOST_A, "http", "http:1")],
      [35, health(HOST_A, "status", "http")],
    ],
    expect: {
      hosts: {
        [HOST_A]: {
          providers: [{ id: "http", imageRef: "http:1", health: "unknown", annotations: {} }],
        },
      },
    },
  },
  {
    situation: "a failed health check makes a healthy provider unhealthy",
    steps: [
      [0, providerStarted(HOST_A, "http", "http:1")],
      [5, health(HOST_A, "passed", "http")],
      [35, health(HOST_A, "failed", "http")],
    ],
    expect: {
      hosts: {
        [HOST_A]: {
          providers: [{ id: "http", imageRef: "http:1", health: "unhealthy", annotations: {} }],
        },
      },
    },
  },
  {
    situation: "a heartbeat keeps provider health, which inventories do not carry",
    steps: [
      [0, providerStarted(HOST_A, "http", "http:1")],
      [5, health(HOST_A, "passed", "http")],
      [30, heartbeat(HOST_A, { providers: [{ id: "http", ref: "http:1" }] })],
    ],
    expect: {
      hosts: {
        [HOST_A]: {
          providers: [{ id: "http", imageRef: "http:1", health: "healthy", annotations: {} }],
        },
      },
    },
  },
  {
    situation: "a stopped provider disappears",
    steps: [
      [0, providerStarted(HOST_A, "http", "http:1")],
      [
        9,
        event("provider_stopped", HOST_A, {
          host_id: "",
          provider_id: "http",
          annotations: {},
          reason: "stop",
        }),
      ],
    ],
    expect: { hosts: { [HOST_A]: { providers: [] } } },
  },
  {
    situation: "a heartbeat replaces the host's model wholesale",
    steps: [
      [0, inventory(HOST_A, { components: running("hello:1") })],
      [
        30,
        heartbeat(HOST_A, {
          components: [{ id: "other", ref: "other:1", count: 2 }],
          labels: { zone: "b" },
        }),
      ],
    ],
    expect: {
      hosts: { [HOST_A]: { componentRefs: { other: ["other:1", 2] }, labels: { zone: "b" } } },
    },
  },
  {
    situation: "a heartbeat contradicting an event seen a moment ago is re-read, not trusted",
    steps: [
      [0, inventory(HOST_A)],
      [10, scaled(HOST_A, "hello", "hello:1", 1)],
      [11, heartbeat(HOST_A)],
    ],
    expect: { hosts: { [HOST_A]: { componentRefs: { hello: ["hello:1", 1] } } }, resync: [HOST_A] },
  },
  {
    situation: "labels change as the host reports them",
    steps: [
      [0, inventory(HOST_A)],
      [3, event("labels_changed", HOST_A, { host_id: HOST_A, labels: { zone: "c" } })],
    ],
    expect: { hosts: { [HOST_A]: { labels: { zone: "c" } } } },
  },
  {
    situation: "a booting host is listed at once with no workloads",
    steps: [
      [
        0,
        event("host_started", HOST_B, {
          friendly_name: "quiet-river-1234",
          labels: {},
          uptime_seconds: 0,
          version: "1.9.2",
        }),
      ],
    ],
    expect: {
      hosts: { [HOST_B]: { friendlyName: "quiet-river-1234", components: [] } },
      resync: [],
    },
  },
  {
    situation: "a host that announced its stop is removed at once",
    steps: [
      [0, inventory(HOST_A)],
      [5, event("host_stopped", HOST_A, { labels: {} })],
    ],
    expect: { absent: [HOST_A], removed: [HOST_A] },
  },
  {
    situation: "an event from an unknown host lists it and asks for its inventory",
    steps: [[0, scaled(HOST_B, "hello", "hello:1", 1)]],
    expect: { hosts: { [HOST_B]: { componentRefs: { hello: ["hello:1", 1] } } }, resync: [HOST_B] },
  },
  {
    situation: "a host whose uptime fell has rebooted: its model is reset",
    steps: [
      [0, inventory(HOST_A, { uptime: 500, providers: [{ id: "http", ref: "http:1" }] })],
      [1, health(HOST_A, "passed", "http")],
      [30, heartbeat(HOST_A, { uptime: 5, providers: [{ id: "http", ref: "http:1" }] })],
    ],
    expect: {
      hosts: {
        [HOST_A]: {
          uptimeSeconds: 5,
          providers: [{ id: "http", imageRef: "http:1", health: "unknown", annotations: {} }],
        },
      },
    },
  },
  {
    situation:
      "a silent host turns stale after three heartbeat intervals and fresh when heard again",
    steps: [[0, inventory(HOST_A)]],
    expect: {
      staleAt: [
        [90, HOST_A, false],
        [91, HOST_A, true],
      ],
    },
  },
  {
    situation: "any event counts as seen",
    steps: [
      [0, inventory(HOST_A)],
      [80, event("config_set", HOST_A, { config_name: "cfg" })],
    ],
    expect: {
      staleAt: [
        [150, HOST_A, false],
        [171, HOST_A, true],
      ],
    },
  },
  {
    situation: "a stale host is forgotten after HOST_FORGET_SECONDS",
    steps: [
      [0, inventory(HOST_A)],
      [30, inventory(HOST_B)],
      [601, { kind: "expire", forgetAfterMs: 600_000 }],
    ],
    expect: { absent: [HOST_A], removed: [HOST_A], hosts: { [HOST_B]: {} } },
  },
];

function run(steps: Step[]): { state: LatticeState; last: ReduceResult } {
  let state = emptyLatticeState;
  let last: ReduceResult = { state, changedHostIds: [], removedHostIds: [], resyncHostIds: [] };
  for (const [at, input] of steps) {
    last = reduceLattice(state, input, T0 + at * 1000);
    state = last.state;
  }
  return { state, last };
}

describe("lattice reducer", () => {
  it.each(rows)("$situation", ({ steps, expect: want }) => {
    const { state, last } = run(steps);
    const at = T0 + (steps.at(-1)?.[0] ?? 0) * 1000;
    for (const [id, fields] of Object.entries(want.hosts ?? {})) {
      const model = state.hosts.get(id);
      expect(model, `host ${id} listed`).toBeDefined();
      if (!model) continue;
      const host = toApiHost(model, at, HEARTBEAT_MS);
      const { componentRefs, componentLimits, ...rest } = fields;
      expect(host).toMatchObject(rest);
      if (componentRefs) {
        const refs = Object.fromEntries(
          host.components.map((c) => [c.id, [c.imageRef, c.maxInstances]]),
        );
        expect(refs).toEqual(componentRefs);
      }
      if (componentLimits) {
        const limits = Object.fromEntries(host.components.map((c) => [c.id, c.limits]));
        expect(limits).toEqual(componentLimits);
      }
    }
    for (const id of want.absent ?? [])
      expect(state.hosts.has(id), `host ${id} absent`).toBe(false);
    if (want.resync) expect(last.resyncHostIds).toEqual(want.resync);
    if (want.removed) expect(last.removedHostIds).toEqual(want.removed);
    for (const [seconds, id, stale] of want.staleAt ?? []) {
      const model = state.hosts.get(id);
      expect(model && toApiHost(model, T0 + seconds * 1000, HEARTBEAT_MS).stale).toBe(stale);
    }
  });

  it("never mutates the state it was given", () => {
    const { state } = run([[0, inventory(HOST_A, { components: running("hello:1") })]]);
    const before = JSON.stringify([...state.hosts.values()].map((h) => [...h.components.values()]));
    reduceLattice(state, scaled(HOST_A, "hello", "hello:1", 0), T0);
    reduceLattice(state, event("host_stopped", HOST_A, { labels: {} }), T0);
    expect(JSON.stringify([...state.hosts.values()].map((h) => [...h.components.values()]))).toBe(
      before,
    );
    expect(state.hosts.has(HOST_A)).toBe(true);
  });

  it("a ping that only confirms liveness is not a change, a new host is", () => {
    const ping = (uptime: number): LatticeInput => ({
      kind: "ping",
      host: {
        id: HOST_A,
        friendly_name: "host-aaaa",
        labels: { "hostcore.os": "linux" },
        version: "1.9.2",
        uptime_seconds: uptime,
        uptime_human: "",
      },
    });
    const first = reduceLattice(emptyLatticeState, ping(10), T0);
    expect(first.changedHostIds).toEqual([HOST_A]);
    expect(first.resyncHostIds).toEqual([HOST_A]);
    const second = reduceLattice(first.state, ping(20), T0 + 10_000);
    expect(second.changedHostIds).toEqual([]);
    expect(second.resyncHostIds).toEqual([]);
    expect(second.state.hosts.get(HOST_A)?.lastSeen).toBe(T0 + 10_000);
  });

  it("gives the same API object for an unchanged host (snapshot cache)", () => {
    const { state } = run([[0, inventory(HOST_A)]]);
    const model = state.hosts.get(HOST_A);
    if (!model) throw new Error("missing");
    expect(toApiHost(model, T0, HEARTBEAT_MS)).toBe(toApiHost(model, T0 + 1000, HEARTBEAT_MS));
  });
});
