import { z } from "zod";
import { describe, expect, it } from "vitest";
import { simControl } from "@/server/simulator";
import { expectAck, simulatorSuite, type Scenario } from "./simulator-harness";

const HTTP = "ghcr.io/wasmcloud/http-server:0.23.0";

describe("simulated hosts: providers (protocol §2.5, §3.2, §7.4)", () => {
  const { withScenario } = simulatorSuite({ hosts: 1 });
  const of = (id: string) => (e: { data: Record<string, unknown> }) => e.data.provider_id === id;
  const start = (s: Scenario, hostId: string, body: object) =>
    s.ctl(["provider", "start", hostId], { host_id: hostId, ...body });

  it("starts a provider: ack, provider_started, health_check_passed, then status", () =>
    withScenario(async (s, hostId) => {
      const ack = await start(s, hostId, {
        provider_id: "http",
        provider_ref: HTTP,
        annotations: { k: "v" },
      });
      expectAck(ack, "successfully started provider");
      const [started] = await s.events.waitFor("provider_started", of("http"));
      expect(started.data).toEqual({
        host_id: hostId,
        provider_id: "http",
        image_ref: HTTP,
        annotations: { k: "v" },
      });
      const [passed] = await s.events.waitFor("health_check_passed", of("http"));
      expect(passed.data).toEqual({ host_id: hostId, provider_id: "http" });
      await s.events.waitFor("health_check_status", of("http"));
      expect(s.events.named("health_check_passed")).toHaveLength(1);
      expect(s.sim.inventory(hostId)?.providers).toEqual([
        { id: "http", image_ref: HTTP, annotations: { k: "v" }, revision: 0 },
      ]);
      const again = await start(s, hostId, { provider_id: "http", provider_ref: HTTP });
      expect(again.raw).toEqual({
        success: false,
        message: "provider with that ID is already running",
      });
    }));

  it("a second start while the first is starting is acked, then fails (§9, §10)", () =>
    withScenario(async (s, hostId) => {
      const [first, second] = await Promise.all([
        start(s, hostId, { provider_id: "http", provider_ref: HTTP }),
        start(s, hostId, { provider_id: "http", provider_ref: HTTP, host_id: "" }),
      ]);
      expectAck(first, "successfully started provider");
      expectAck(second, "successfully started provider");
      const [failed] = await s.events.waitFor("provider_start_failed", of("http"));
      expect(failed.data).toEqual({
        provider_ref: HTTP,
        provider_id: "http",
        host_id: "",
        error: "provider is already running with that ID",
        link_name: "default",
      });
      // the first start completed normally, before the second one failed
      const [started] = s.events.named("provider_started", of("http"));
      expect(started.data.host_id).toBe(hostId);
      expect(s.events.events.indexOf(started)).toBeLessThan(s.events.events.indexOf(failed));
      await s.events.waitFor("health_check_passed", of("http"));
      expect(s.events.named("provider_started")).toHaveLength(1);
      expect(s.sim.inventory(hostId)?.providers).toEqual([
        { id: "http", image_ref: HTTP, annotations: {}, revision: 0 },
      ]);
    }));

  it("a start queued behind a failing start runs on its own (§7.4)", () =>
    withScenario(async (s, hostId) => {
      const broken = "ghcr.io/wasmcloud/http-server:broken";
      await simControl(s.nc, s.lattice, { op: "fail-image", imageRef: broken });
      const [first, second] = await Promise.all([
        start(s, hostId, { provider_id: "http", provider_ref: broken }),
        start(s, hostId, { provider_id: "http", provider_ref: HTTP }),
      ]);
      expectAck(first);
      expectAck(second);
      const [started] = await s.events.waitFor("provider_started", of("http"));
      expect(started.data.image_ref).toBe(HTTP);
      const failures = s.events.named("provider_start_failed", of("http"));
      expect(failures.map((e) => e.data.provider_ref)).toEqual([broken]);
    }));

  it("stops a provider: provider_stopped before the reply, then gone", () =>
    withScenario(async (s, hostId) => {
      const missing = await s.ctl(["provider", "stop", hostId], {
        host_id: hostId,
        provider_id: "http",
      });
      expect(missing.raw).toEqual({
        success: false,
        message: "provider with that ID is not running",
      });
      await start(s, hostId, { provider_id: "http", provider_ref: HTTP });
      await s.events.waitFor("provider_started", of("http"));
      const ack = await s.ctl(["provider", "stop", hostId], { host_id: "", provider_ref: "http" });
      expectAck(ack, "successfully stopped provider");
      // published before the reply, on the same connection: already here
      const [stopped] = s.events.named("provider_stopped", of("http"));
      expect(stopped.data).toMatchObject({
        host_id: "",
        provider_id: "http",
        reason: "stop",
        annotations: {},
      });
      expect(s.sim.inventory(hostId)?.providers).toEqual([]);
    }));

  it("a start arriving during a stop waits for it and succeeds (upgrade path)", () =>
    withScenario(async (s, hostId) => {
      await start(s, hostId, { provider_id: "http", provider_ref: HTTP });
      await s.events.waitFor("provider_started", of("http"));
      const next = "ghcr.io/wasmcloud/http-server:0.24.0";
      const [stop, restart] = await Promise.all([
        s.ctl(["provider", "stop", hostId], { host_id: hostId, provider_id: "http" }),
        start(s, hostId, { provider_id: "http", provider_ref: next }),
      ]);
      expectAck(stop, "successfully stopped provider");
      expectAck(restart, "successfully started provider");
      const [, again] = await s.events.waitFor("provider_started", of("http"), { count: 2 });
      expect(again.data.image_ref).toBe(next);
      const names = s.events.events.filter(of("http")).map((e) => e.name);
      expect(names.indexOf("provider_stopped")).toBeLessThan(names.lastIndexOf("provider_started"));
    }));

  it("built-in providers get provider_started and no health events", () =>
    withScenario(async (s, hostId) => {
      await start(s, hostId, {
        provider_id: "builtin",
        provider_ref: "wasmcloud+builtin://http-server",
      });
      await s.events.waitFor("provider_started", of("builtin"));
      // a binary provider started afterwards passes its first check; the built-in stays mute
      await start(s, hostId, { provider_id: "bin", provider_ref: HTTP });
      await s.events.waitFor("health_check_status", of("bin"));
      expect(
        s.events.events.filter((e) => e.name.startsWith("health_check") && of("builtin")(e)),
      ).toEqual([]);
    }));

  it("a host without the built-in feature does not answer such a start (§2.5)", () =>
    withScenario(async (s) => {
      const result = await simControl(s.nc, s.lattice, {
        op: "add-hosts",
        count: 1,
        builtinProviders: false,
      });
      const [plain] = z.object({ hostIds: z.array(z.string()) }).parse(result).hostIds;
      const body = {
        provider_id: "b",
        provider_ref: "wasmcloud+builtin://http-server",
        host_id: plain,
      };
      await expect(s.ctl(["provider", "start", plain], body, 300)).rejects.toThrow(/timeout/i);
      expectAck(
        await start(s, plain, {
          provider_id: "c",
          provider_ref: "wasmcloud+builtin://http-client",
        }),
      );
      const [failed] = await s.events.waitFor("provider_start_failed", of("c"));
      expect(failed.source).toBe(plain);
    }));

  it("fails a start on an injected image failure or a missing config", () =>
    withScenario(async (s, hostId) => {
      await simControl(s.nc, s.lattice, { op: "fail-image", imageRef: HTTP, error: "denied" });
      expectAck(await start(s, hostId, { provider_id: "http", provider_ref: HTTP }));
      const [failed] = await s.events.waitFor("provider_start_failed", of("http"));
      expect(failed.data).toMatchObject({
        provider_ref: HTTP,
        provider_id: "http",
        host_id: hostId,
        link_name: "default",
      });
      expect(String(failed.data.error)).toContain("denied");

      expectAck(
        await start(s, hostId, {
          provider_id: "kv",
          provider_ref: "ghcr.io/x/kv:1",
          config: ["absent"],
        }),
      );
      const [noConfig] = await s.events.waitFor("provider_start_failed", of("kv"));
      expect(String(noConfig.data.error)).toContain(
        "Configuration absent not found in config store",
      );
      expect(s.sim.inventory(hostId)?.providers).toEqual([]);
    }));

  it("follows the health transitions: passed → failed → status → passed", () =>
    withScenario(async (s, hostId) => {
      await start(s, hostId, { provider_id: "http", provider_ref: HTTP });
      await s.events.waitFor("health_check_passed", of("http"));
      await simControl(s.nc, s.lattice, {
        op: "set-provider-health",
        providerId: "http",
        healthy: false,
      });
      const [failed] = await s.events.waitFor("health_check_failed", of("http"));
      expect(failed.data).toEqual({ host_id: hostId, provider_id: "http" });
      const afterFail = s.events.events.length;
      await s.events.waitFor(
        "health_check_status",
        (e) => of("http")(e) && s.events.events.indexOf(e) >= afterFail,
      );
      expect(s.events.named("health_check_failed")).toHaveLength(1);
      await simControl(s.nc, s.lattice, {
        op: "set-provider-health",
        hostId,
        providerId: "http",
        healthy: true,
      });
      await s.events.waitFor("health_check_passed", of("http"), { count: 2 });
    }));
});
