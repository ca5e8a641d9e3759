import { Kvm } from "@nats-io/kv";
import { describe, expect, it } from "vitest";
import { configDataBucket, latticeDataBucket } from "@/lib/protocol";
import { expectAck, simulatorSuite } from "./simulator-harness";

const KV_LINK = {
  source_id: "api",
  target: "kv",
  wit_namespace: "wasi",
  wit_package: "keyvalue",
  interfaces: ["store", "atomics"],
};

describe("simulated lattice: config and links in the real KV buckets (protocol §6)", () => {
  const { withScenario } = simulatorSuite({ hosts: 2 });

  it("puts, gets and deletes config in CONFIGDATA_{lattice}", () =>
    withScenario(async (s) => {
      expectAck(
        await s.ctl(["config", "put", "api-cfg"], { port: "8080" }),
        "successfully put config",
      );
      await s.events.waitFor("config_set", (e) => e.data.config_name === "api-cfg");
      const kv = await new Kvm(s.nc).open(configDataBucket(s.lattice));
      expect((await kv.get("api-cfg"))?.json()).toEqual({ port: "8080" });

      const got = await s.ctl(["config", "get", "api-cfg"]);
      expect(got.raw).toEqual({ success: true, message: "", response: { port: "8080" } });
      expectAck(await s.ctl(["config", "del", "api-cfg"]), "successfully deleted config");
      expectAck(await s.ctl(["config", "get", "api-cfg"]), "Configuration not found");
      expectAck(await s.ctl(["config", "del", "never"]), "successfully deleted config");
      await s.events.waitFor("config_deleted", () => true, { count: 2 });
    }));

  it("stores links under their source as {url, links} and lists them lattice-wide", () =>
    withScenario(async (s) => {
      const [hostId] = s.sim.hostIds();
      await s.ctl(["component", "scale", hostId], {
        component_id: "api",
        component_ref: "ghcr.io/a/api:1",
        count: 1,
      });
      await s.events.waitFor("component_scaled", () => true, { count: 2 });
      expectAck(await s.ctl(["link", "put"], KV_LINK), "successfully set link");
      const [set] = await s.events.waitFor("linkdef_set");
      const full = { ...KV_LINK, name: "default", source_config: [], target_config: [] };
      expect(set.data).toEqual(full);

      const kv = await new Kvm(s.nc).open(latticeDataBucket(s.lattice));
      expect((await kv.get("COMPONENT_api"))?.json()).toEqual({
        url: "ghcr.io/a/api:1",
        links: [full],
      });
      const listed = await s.ctl(["link", "get"]);
      expect(listed.raw).toEqual({ success: true, message: "", response: [full] });

      // same key again replaces, never duplicates
      expectAck(await s.ctl(["link", "put"], KV_LINK));
      expect((await s.ctl(["link", "get"])).response).toHaveLength(1);
    }));

  it("keeps every link when many are put concurrently (no lost updates)", () =>
    withScenario(async (s) => {
      const names = Array.from({ length: 12 }, (_, i) => `n${i}`);
      const [hostId] = s.sim.hostIds();
      await Promise.all([
        ...names.map((name) => s.ctl(["link", "put"], { ...KV_LINK, name })),
        s.ctl(["component", "scale", hostId], {
          component_id: "api",
          component_ref: "r:1",
          count: 1,
        }),
      ]);
      await s.events.waitFor("component_scaled", () => true, { count: 2 });
      const links = (await s.ctl(["link", "get"])).response;
      expect(Array.isArray(links) && links.length).toBe(names.length);
    }));

  it("refuses a conflicting target and a missing config with linkdef_set_failed", () =>
    withScenario(async (s) => {
      expectAck(await s.ctl(["link", "put"], KV_LINK));
      const conflict = await s.ctl(["link", "put"], {
        ...KV_LINK,
        target: "other",
        interfaces: ["store"],
      });
      expect(conflict.raw).toEqual({
        success: false,
        message:
          "link already exists with different target, consider deleting the existing link or using a different link name",
      });
      const [failed] = await s.events.waitFor("linkdef_set_failed");
      expect(failed.data).toMatchObject({ target: "other", error: conflict.raw.message });
      // a different name is a different link
      expectAck(await s.ctl(["link", "put"], { ...KV_LINK, target: "other", name: "cache" }));

      const noCfg = await s.ctl(["link", "put"], {
        ...KV_LINK,
        name: "x",
        target_config: ["a", "b"],
      });
      expect(noCfg.success).toBe(false);
      expect(noCfg.message).toBe(
        "Failed to validate configuration and secrets. Configuration a not found in config store. Configuration b not found in config store. ",
      );
    }));

  it("deletes links idempotently, with the spec-doesn't-exist exception", () =>
    withScenario(async (s) => {
      const key = { source_id: "api", wit_namespace: "wasi", wit_package: "keyvalue" };
      expectAck(
        await s.ctl(["link", "del"], key),
        "successfully deleted link (spec doesn't exist)",
      );
      expectAck(await s.ctl(["link", "put"], KV_LINK));
      expectAck(await s.ctl(["link", "del"], key), "successfully deleted link");
      const [deleted] = await s.events.waitFor("linkdef_deleted");
      expect(deleted.data).toEqual({
        ...key,
        name: "default",
        target: "kv",
        interfaces: ["store", "atomics"],
      });
      expectAck(await s.ctl(["link", "del"], key), "successfully deleted link");
      const [, again] = await s.events.waitFor("linkdef_deleted", () => true, { count: 2 });
      expect(again.data).toEqual({ ...key, name: "default" });
      expect((await s.ctl(["link", "get"])).response).toEqual([]);
      expect(s.events.named("linkdef_deleted")).toHaveLength(2);
    }));

  it("validates named configs before a provider start and a scale", () =>
    withScenario(async (s) => {
      const [hostId] = s.sim.hostIds();
      await s.ctl(["config", "put", "kv-url"], { url: "redis://x" });
      await s.ctl(["provider", "start", hostId], {
        provider_id: "kv",
        provider_ref: "ghcr.io/x/kv:1",
        host_id: hostId,
        config: ["kv-url"],
      });
      await s.events.waitFor("provider_started");
      const kv = await new Kvm(s.nc).open(latticeDataBucket(s.lattice));
      expect((await kv.get("COMPONENT_kv"))?.json()).toEqual({ url: "ghcr.io/x/kv:1", links: [] });
    }));
});
