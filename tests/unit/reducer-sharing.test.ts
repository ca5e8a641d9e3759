import { describe, expect, it } from "vitest";
import { emptyLatticeState, reduceLattice, toApiHost, type LatticeInput } from "@/server/lattice";
import { HOST_A, HOST_B, health, heartbeat, inventory, scaled } from "./reducer-fixtures";

const HEARTBEAT_MS = 30_000;
const workloads = {
  components: [
    { id: "api", ref: "ghcr.io/acme/api:1" },
    { id: "web", ref: "ghcr.io/acme/web:1", limits: { cpu: "1" } },
  ],
  providers: [{ id: "http", ref: "ghcr.io/acme/http:1" }],
};

function run(inputs: [LatticeInput, number][]) {
  let state = emptyLatticeState;
  return inputs.map(([input, now]) => {
    state = reduceLattice(state, input, now).state;
    const model = state.hosts.get(HOST_A);
    if (!model) throw new Error("host missing");
    return { model, view: toApiHost(model, now, HEARTBEAT_MS) };
  });
}

describe("structural sharing between host versions", () => {
  it("keeps the workloads of a heartbeat that reports nothing new, and their views", () => {
    const [first, second] = run([
      [inventory(HOST_A, workloads), 1_000],
      [heartbeat(HOST_A, { ...workloads, uptime: 90 }), 31_000],
    ]);
    expect(second?.model).not.toBe(first?.model);
    expect(second?.model.components).toBe(first?.model.components);
    expect(second?.model.providers).toBe(first?.model.providers);
    expect(second?.model.labels).toBe(first?.model.labels);
    expect(second?.view.components).toBe(first?.view.components);
    expect(second?.view.uptimeSeconds).toBe(90);
  });

  it("rebuilds only the component that changed", () => {
    const [first, second] = run([
      [inventory(HOST_A, workloads), 1_000],
      [
        inventory(HOST_A, {
          ...workloads,
          components: [workloads.components[0], { id: "web", ref: "ghcr.io/acme/web:2" }],
        }),
        2_000,
      ],
    ]);
    expect(second?.model.components.get("api")).toBe(first?.model.components.get("api"));
    expect(second?.model.components.get("web")?.imageRef).toBe("ghcr.io/acme/web:2");
    expect(second?.model.components.get("web")?.limits).toBeNull();
    expect(second?.view.components[0]).toBe(first?.view.components[0]);
    expect(second?.view.components[1]).not.toBe(first?.view.components[1]);
    expect(second?.view.providers).toBe(first?.view.providers);
  });

  it("shares untouched components across an event, and the event's change shows", () => {
    const [first, second] = run([
      [inventory(HOST_A, workloads), 1_000],
      [scaled(HOST_A, "web", "ghcr.io/acme/web:1", 5), 2_000],
    ]);
    expect(second?.view.components[0]).toBe(first?.view.components[0]);
    expect(second?.view.components[1]).toMatchObject({ id: "web", maxInstances: 5 });
  });

  it("shares one object between hosts running equal workloads, whatever the annotation order", () => {
    let state = emptyLatticeState;
    const annotated = (annotations: Record<string, string>) => ({
      components: [{ id: "api", ref: "ghcr.io/acme/api:1", annotations }],
      providers: [{ id: "http", ref: "ghcr.io/acme/http:1" }],
    });
    state = reduceLattice(state, inventory(HOST_A, annotated({ a: "1", b: "2" })), 1_000).state;
    state = reduceLattice(state, inventory(HOST_B, annotated({ b: "2", a: "1" })), 1_000).state;
    const a = state.hosts.get(HOST_A);
    const b = state.hosts.get(HOST_B);
    expect(b?.components.get("api")).toBe(a?.components.get("api"));
    expect(b?.providers.get("http")).toBe(a?.providers.get("http"));
    expect(a && toApiHost(a, 1_000, HEARTBEAT_MS).components[0]).toBe(
      b && toApiHost(b, 1_000, HEARTBEAT_MS).components[0],
    );

    // A different value on one host is its own object; the other host keeps the shared one.
    state = reduceLattice(state, scaled(HOST_B, "api", "ghcr.io/acme/api:1", 7), 2_000).state;
    state = reduceLattice(state, health(HOST_B, "passed", "http"), 2_000).state;
    const b2 = state.hosts.get(HOST_B);
    expect(b2?.components.get("api")).toMatchObject({ maxInstances: 7, annotations: {} });
    expect(state.hosts.get(HOST_A)?.components.get("api")).toBe(a?.components.get("api"));
    expect(b2?.providers.get("http")?.health).toBe("healthy");
    expect(state.hosts.get(HOST_A)?.providers.get("http")?.health).toBe("unknown");
  });
});
