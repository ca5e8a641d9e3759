import { describe, expect, it } from "vitest";
import { simControl } from "@/server/simulator";
import { expectAck, simulatorSuite, type Scenario } from "./simulator-harness";

const API = "ghcr.io/acme/api:1.4.0";
const API_NEXT = "ghcr.io/acme/api:1.5.0";

describe("simulated hosts: component scale and update (protocol §7.1, §7.2)", () => {
  const { withScenario } = simulatorSuite({ hosts: 1 });
  const scaled = (id: string) => (e: { data: Record<string, unknown> }) =>
    e.data.component_id === id;
  const scale = (s: Scenario, hostId: string, body: object) =>
    s.ctl(["component", "scale", hostId], { host_id: "", ...body });

  it("fresh start: ack, then two component_scaled (real host id first, request host_id second)", () =>
    withScenario(async (s, hostId) => {
      const ack = await scale(s, hostId, {
        component_id: "api",
        component_ref: API,
        count: 5,
        annotations: { a: "1" },
      });
      expectAck(ack, "");
      expect(s.sim.inventory(hostId)?.components).toEqual([]);
      const [first, second] = await s.events.waitFor("component_scaled", scaled("api"), {
        count: 2,
      });
      expect(first.data).toEqual({
        host_id: hostId,
        component_id: "api",
        image_ref: API,
        max_instances: 5,
        annotations: { a: "1" },
      });
      expect(second.data).toEqual({ ...first.data, host_id: "" });
      expect(first.source).toBe(hostId);
      expect(second.source).toBe(hostId);
      const inv = await s.ctl(["host", "get", hostId]);
      expect(inv.raw.response).toMatchObject({
        components: [
          {
            id: "api",
            image_ref: API,
            annotations: { a: "1" },
            revision: 0,
            max_instances: 5,
            limits: null,
          },
        ],
      });
    }));

  it("rescale emits one event with the previous ref; scale to 0 stops; max_instances-only is a stop", () =>
    withScenario(async (s, hostId) => {
      await scale(s, hostId, {
        component_id: "api",
        component_ref: API,
        count: 2,
        host_id: hostId,
      });
      await s.events.waitFor("component_scaled", scaled("api"), { count: 2 });
      const ack = await scale(s, hostId, {
        component_id: "api",
        component_ref: API_NEXT,
        count: 7,
        host_id: hostId,
      });
      expect(ack.success).toBe(true);
      expect(ack.message).toContain("will not change");
      const [, , third] = await s.events.waitFor("component_scaled", scaled("api"), { count: 3 });
      expect(third.data).toMatchObject({ image_ref: API, max_instances: 7, host_id: hostId });
      // the inventory shows the requested ref string, the old code keeps running (§7.1)
      expect(s.sim.inventory(hostId)?.components?.[0]).toMatchObject({
        max_instances: 7,
        image_ref: API_NEXT,
      });

      // the wire-name trap: no `count` means 0
      expectAck(
        await scale(s, hostId, { component_id: "api", component_ref: API, max_instances: 5 }),
      );
      const [, , , stop] = await s.events.waitFor("component_scaled", scaled("api"), { count: 4 });
      expect(stop.data).toMatchObject({ max_instances: 0, image_ref: API_NEXT });
      expect(s.sim.inventory(hostId)?.components).toEqual([]);

      expectAck(await scale(s, hostId, { component_id: "ghost", component_ref: API, count: 0 }));
      const [ghost] = await s.events.waitFor("component_scaled", scaled("ghost"));
      expect(ghost.data.max_instances).toBe(0);
      expect(s.events.named("component_scaled", scaled("ghost"))).toHaveLength(1);
    }));

  it("fails a scale on a missing config or an injected image failure", () =>
    withScenario(async (s, hostId) => {
      expectAck(
        await scale(s, hostId, {
          component_id: "cfg",
          component_ref: API,
          count: 1,
          config: ["nope"],
        }),
      );
      const [missing] = await s.events.waitFor("component_scale_failed", scaled("cfg"));
      expect(missing.data).toMatchObject({
        component_id: "cfg",
        image_ref: API,
        max_instances: 1,
        annotations: {},
      });
      expect(String(missing.data.error)).toContain("nope");

      await simControl(s.nc, s.lattice, { op: "fail-image", imageRef: API, error: "unauthorized" });
      expectAck(await scale(s, hostId, { component_id: "img", component_ref: API, count: 1 }));
      const [failed] = await s.events.waitFor("component_scale_failed", scaled("img"));
      expect(String(failed.data.error)).toContain("unauthorized");
      expect(s.sim.inventory(hostId)?.components).toEqual([]);
    }));

  it("updates: success pair with new ref and 0, same-ref no-op, unknown id error", () =>
    withScenario(async (s, hostId) => {
      const unknown = await s.ctl(["component", "update", hostId], {
        component_id: "api",
        new_component_ref: API_NEXT,
      });
      expect(unknown.raw).toEqual({ success: false, message: "component api not found" });

      await scale(s, hostId, {
        component_id: "api",
        component_ref: API,
        count: 3,
        annotations: { old: "x" },
      });
      await s.events.waitFor("component_scaled", scaled("api"), { count: 2 });
      const same = await s.ctl(["component", "update", hostId], {
        component_id: "api",
        new_component_ref: API,
      });
      expectAck(same, `component api already updated to ${API}`);

      const ack = await s.ctl(["component", "update", hostId], {
        component_id: "api",
        new_component_ref: API_NEXT,
        host_id: hostId,
        annotations: { new: "y" },
      });
      expectAck(ack, `component api updating from ${API} to ${API_NEXT}`);
      const events = await s.events.waitFor("component_scaled", scaled("api"), { count: 4 });
      const expected = {
        host_id: hostId,
        component_id: "api",
        image_ref: API_NEXT,
        annotations: { new: "y" },
      };
      expect(events[2].data).toEqual({ ...expected, max_instances: 3 });
      expect(events[3].data).toEqual({ ...expected, max_instances: 0 });
      expect(s.sim.inventory(hostId)?.components?.[0]).toMatchObject({
        image_ref: API_NEXT,
        max_instances: 3,
        annotations: { new: "y" },
      });
    }));

  it("allow_update rescales, then updates with the annotations wiped (§7.3); limits follow the last scale", () =>
    withScenario(async (s, hostId) => {
      await scale(s, hostId, {
        component_id: "api",
        component_ref: API,
        count: 2,
        annotations: { keep: "me" },
        component_limits: { max_memory_limit: "64" },
      });
      await s.events.waitFor("component_scaled", scaled("api"), { count: 2 });
      expect(s.sim.inventory(hostId)?.components?.[0]?.limits).toEqual({ max_memory_limit: "64" });
      const ack = await scale(s, hostId, {
        component_id: "api",
        component_ref: API_NEXT,
        count: 2,
        allow_update: true,
        annotations: { keep: "me" },
      });
      expect(ack.message).toContain("will be updated");
      const events = await s.events.waitFor("component_scaled", scaled("api"), { count: 5 });
      expect(
        events.slice(2).map((e) => [e.data.image_ref, e.data.max_instances, e.data.annotations]),
      ).toEqual([
        [API, 2, { keep: "me" }],
        [API_NEXT, 2, {}],
        [API_NEXT, 0, {}],
      ]);
      expect(s.sim.inventory(hostId)?.components?.[0]).toMatchObject({
        image_ref: API_NEXT,
        annotations: {},
      });

      await scale(s, hostId, { component_id: "api", component_ref: API_NEXT, count: 3 });
      await s.events.waitFor("component_scaled", scaled("api"), { count: 6 });
      expect(s.sim.inventory(hostId)?.components?.[0]?.limits).toBeNull();
    }));

  it("an injected update failure is silent: ack, no events, old ref kept", () =>
    withScenario(async (s, hostId) => {
      await scale(s, hostId, { component_id: "api", component_ref: API, count: 1 });
      await s.events.waitFor("component_scaled", scaled("api"), { count: 2 });
      await simControl(s.nc, s.lattice, { op: "fail-image", imageRef: API_NEXT });
      expectAck(
        await s.ctl(["component", "update", hostId], {
          component_id: "api",
          new_component_ref: API_NEXT,
        }),
      );
      // A later scale on the same host is queued behind the update task: once it is
      // confirmed, the update has run its course.
      await scale(s, hostId, { component_id: "probe", component_ref: API, count: 1 });
      await s.events.waitFor("component_scaled", scaled("probe"), { count: 2 });
      expect(s.events.named("component_scaled", scaled("api"))).toHaveLength(2);
      expect(s.sim.inventory(hostId)?.components?.find((c) => c.id === "api")?.image_ref).toBe(API);

      await simControl(s.nc, s.lattice, { op: "hang-update", imageRef: "ghcr.io/acme/api:9.9.9" });
      expectAck(
        await s.ctl(["component", "update", hostId], {
          component_id: "api",
          new_component_ref: "ghcr.io/acme/api:9.9.9",
        }),
      );
    }));
});
