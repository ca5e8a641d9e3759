import { describe, expect, it } from "vitest";
import { emptyLatticeState, reduceLattice, toApiHost, type LatticeInput } from "@/server/lattice";
import { HOST_A, heartbeat, inventory, scaled } from "./reducer-fixtures";

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
});
