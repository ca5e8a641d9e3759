import { describe, expect, it } from "vitest";
import { armDemoFaults, DEMO_BROKEN_REF, DEMO_UPGRADES } from "@/server/simulator";
import { expectAck, freshLattice, simulatorSuite, startScenario } from "./simulator-harness";

describe("demo faults: the broken build fails, the newer refs start", () => {
  const { nats, withScenario } = simulatorSuite({ hosts: 1 });
  const scale = (ref: string, hostId: string) => ({
    component_id: "http-api",
    component_ref: ref,
    count: 1,
    host_id: hostId,
    annotations: {},
  });

  it("arms fail-image for DEMO_BROKEN_REF; the upgrade refs are unaffected", () =>
    withScenario(async (s, hostId) => {
      await armDemoFaults(s.nc, s.lattice);
      expectAck(await s.ctl(["component", "scale", hostId], scale(DEMO_BROKEN_REF, hostId)));
      const [failed] = await s.events.waitFor("component_scale_failed");
      expect(failed.data).toMatchObject({ image_ref: DEMO_BROKEN_REF });
      expect(String(failed.data.error)).toContain("manifest unknown");
      const upgrade = DEMO_UPGRADES["http-api"];
      expectAck(await s.ctl(["component", "scale", hostId], scale(upgrade, hostId)));
      await s.events.waitFor("component_scaled", (e) => e.data.image_ref === upgrade);
      expect(s.sim.inventory(hostId)?.components).toMatchObject([
        { id: "http-api", image_ref: upgrade },
      ]);
    }));

  it("waits for a simulator that is still booting", () =>
    withScenario(async (s) => {
      // no simulator answers for this lattice yet: the first attempts meet no responders
      const lattice = freshLattice();
      const armed = armDemoFaults(s.nc, lattice, 20_000);
      const late = await startScenario(nats().url, { lattice, hosts: 1 });
      try {
        await armed;
        const [hostId] = late.sim.hostIds();
        await late.ctl(["component", "scale", hostId], scale(DEMO_BROKEN_REF, hostId));
        await late.events.waitFor("component_scale_failed");
      } finally {
        await late.close();
      }
    }));
});
