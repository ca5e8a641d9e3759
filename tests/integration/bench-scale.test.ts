import { describe, expect, it } from "vitest";
import { readCounter, scaleCounter } from "@/scripts/bench/scale";
import { simulatorSuite } from "./simulator-harness";

const MARKED = { "acme.dev/owner": "bench", "wasmcloud.dev/managed-by": "wadm" };

describe("bench: the counter rescale keeps the component's annotations (protocol §10)", () => {
  const { withScenario } = simulatorSuite({ hosts: 1 });

  it("sends the current annotations, so the rescaled component still has them", () =>
    withScenario(async (s, hostId) => {
      const start = {
        component_id: "counter",
        component_ref: "ghcr.io/acme/counter:0.8.1",
        count: 4,
        host_id: hostId,
        annotations: MARKED,
        config: [],
      };
      await s.ctl(["config", "put", "counter-config"], { bucket: "counters" });
      expect((await s.ctl(["component", "scale", hostId], start)).success).toBe(true);
      await s.events.waitFor("component_scaled", () => true, { count: 2 });
      expect(await readCounter(s.nc, s.lattice, hostId)).toEqual({
        imageRef: start.component_ref,
        annotations: MARKED,
      });

      await scaleCounter(s.nc, s.lattice, hostId, 9);
      await s.events.waitFor("component_scaled", () => true, { count: 3 });
      expect(s.sim.inventory(hostId)?.components).toMatchObject([
        { id: "counter", max_instances: 9, annotations: MARKED },
      ]);
    }));
});
