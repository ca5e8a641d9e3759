import { rmSync } from "node:fs";
import { Kvm } from "@nats-io/kv";
import { connect } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configDataBucket, latticeDataBucket } from "@/lib/protocol";
import { ConfigList, LinkList, type ApiLink } from "@/lib/schemas/lattice-data";
import { NatsServer } from "../helpers/nats-server";
import { startLatticeData, whenData } from "./lattice-data-harness";
import { freshLattice, startScenario } from "./simulator-harness";

const arrow = (l: ApiLink) => `${l.sourceId}->${l.target}`;

const kvLink = {
  source_id: "counter",
  target: "kv-redis",
  name: "cache",
  wit_namespace: "wasi",
  wit_package: "keyvalue",
  interfaces: ["store"],
  target_config: ["kv-redis-url"],
};

describe("lattice data: links and configs from the hosts' KV buckets", () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await NatsServer.start();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it("mirrors the demo app, follows ctl writes live and never holds secret values", async () => {
    const s = await startScenario(server.url, { hosts: 3, deployApp: true, fast: true });
    const t = startLatticeData(server.url, s.lattice);
    try {
      await t.data.ready;
      // The first host writes links after its start; deployApp returns after both.
      const links = t.data.links();
      expect(LinkList.parse({ links }).links).toEqual(links);
      expect(links.map(arrow)).toEqual([
        "counter->kv-redis",
        "http-api->counter",
        "http-api->kv-redis",
        "http-server->http-api",
        "http-server->greeter",
        "inventory-worker->kv-redis",
      ]);
      expect(links.find((l) => l.sourceId === "http-api" && l.witNamespace === "wasi")).toEqual({
        sourceId: "http-api",
        target: "kv-redis",
        name: "default",
        witNamespace: "wasi",
        witPackage: "keyvalue",
        interfaces: ["store", "atomics"],
        sourceConfig: [],
        targetConfig: ["kv-redis-url"],
      });
      expect(ConfigList.parse({ configs: t.data.configs() }).configs).toEqual([
        { name: "counter-config", values: { bucket: "counters" } },
        { name: "greeter-config", values: { greeting: "Hello" } },
        { name: "http-api-config", values: { port: "8080", log_level: "info" } },
        { name: "kv-redis-url", values: { url: "redis://redis.acme.internal:6379" } },
      ]);
      expect(t.data.configValues("kv-redis-url")).toEqual({
        url: "redis://redis.acme.internal:6379",
      });
      expect(t.data.hasConfig("greeter-config")).toBe(true);
      expect(t.data.hasConfig("nope")).toBe(false);
      expect(t.data.configValues("nope")).toBeNull();

      // Writes through ctl reach the copy through the watch: wait on its change notification.
      await t.ctl.putLink(kvLink);
      await whenData(t.data, "the new link", () =>
        t.data.links().some((l) => l.sourceId === "counter" && l.name === "cache"),
      );
      expect(t.data.links().filter((l) => l.sourceId === "counter")).toHaveLength(2);
      expect((await t.data.readSourceLinks("counter")).map((l) => l.name)).toEqual([
        "cache",
        "default",
      ]);
      await t.ctl.deleteLink({
        sourceId: "counter",
        witNamespace: "wasi",
        witPackage: "keyvalue",
        name: "cache",
      });
      await whenData(
        t.data,
        "the link deleted",
        () => !t.data.links().some((l) => l.name === "cache"),
      );
      expect(t.data.links()).toEqual(links);

      await t.ctl.putConfig("feature-flags", { beta: "on" });
      await whenData(t.data, "the new config", () => t.data.hasConfig("feature-flags"));
      expect(t.data.configValues("feature-flags")).toEqual({ beta: "on" });
      await t.ctl.putConfig("feature-flags", { beta: "off" });
      await whenData(
        t.data,
        "the changed config",
        () => t.data.configValues("feature-flags")?.beta === "off",
      );
      await t.ctl.deleteConfig("feature-flags");
      await whenData(t.data, "the config deleted", () => !t.data.hasConfig("feature-flags"));

      // A secret reference through ctl, and one as wadm writes it (not a string map at all).
      await t.ctl.putConfig("SECRET_db_password", { key: "hunter2-through-ctl" });
      const configKv = await new Kvm(s.nc).open(configDataBucket(s.lattice));
      await configKv.put(
        "SECRET_api_token",
        JSON.stringify({ backend: "nats-kv", key: "hunter2-from-wadm", version: null }),
      );
      await whenData(t.data, "both secrets", () => t.data.hasConfig("SECRET_api_token"));
      expect(t.data.hasConfig("SECRET_db_password")).toBe(true);
      const configs = t.data.configs();
      expect(configs.filter((c) => c.name.startsWith("SECRET_"))).toEqual([
        { name: "SECRET_api_token", secret: true },
        { name: "SECRET_db_password", secret: true },
      ]);
      expect(JSON.stringify(configs)).not.toContain("hunter2");
      expect(t.data.configValues("SECRET_db_password")).toBeNull();
      expect(t.data.stats.configData.malformed).toBe(0);
    } finally {
      await t.dispose();
      await s.close();
    }
  });

  it("skips and counts malformed values, at load and while watching", async () => {
    const lattice = freshLattice();
    const nc = await connect({ servers: server.url });
    const specs = await new Kvm(nc).create(latticeDataBucket(lattice));
    const configs = await new Kvm(nc).create(configDataBucket(lattice));
    await specs.put("COMPONENT_bad", "{not json");
    await specs.put("COMPONENT_good", JSON.stringify({ url: "good:1", links: [kvLink] }));
    await specs.put("CLAIMS_Mxyz", JSON.stringify({ name: "claims are not links" }));
    await configs.put("numbers", JSON.stringify({ port: 8080 }));
    const t = startLatticeData(server.url, lattice);
    try {
      await t.data.ready;
      expect(t.data.links().map(arrow)).toEqual(["counter->kv-redis"]);
      expect(t.data.configs()).toEqual([]);
      expect(t.data.stats.latticeData.malformed).toBe(1);
      expect(t.data.stats.configData.malformed).toBe(1);
      expect(t.warnings.join("\n")).toContain("COMPONENT_bad");

      // A good entry turning bad is dropped, not kept at its last good value.
      await specs.put("COMPONENT_good", JSON.stringify({ links: [{ source_id: "x" }] }));
      await configs.put("after", JSON.stringify({ ok: "yes" }));
      await whenData(t.data, "the valid config after the bad link", () =>
        t.data.hasConfig("after"),
      );
      await whenData(t.data, "the bad link dropped", () => t.data.links().length === 0);
      expect(t.data.stats.latticeData.malformed).toBe(2);
      expect(await t.data.readSourceLinks("good")).toEqual([]);
      await expect(t.data.readSourceLinks("a.b")).rejects.toThrow(/single token/);
    } finally {
      await t.dispose();
      await nc.close();
    }
  });

  it("reports absent buckets as empty, then picks them up once a host creates them", async () => {
    const lattice = freshLattice();
    const t = startLatticeData(server.url, lattice);
    const nc = await connect({ servers: server.url });
    try {
      await t.data.ready;
      expect(t.data.links()).toEqual([]);
      expect(t.data.configs()).toEqual([]);
      expect(t.data.stats.latticeData.watching).toBe(false);
      expect(await t.data.readSourceLinks("counter")).toEqual([]);

      const specs = await new Kvm(nc).create(latticeDataBucket(lattice));
      await specs.put("COMPONENT_counter", JSON.stringify({ url: "c:1", links: [kvLink] }));
      const configs = await new Kvm(nc).create(configDataBucket(lattice));
      await configs.put("kv-redis-url", JSON.stringify({ url: "redis://r" }));
      await whenData(
        t.data,
        "both buckets bound",
        () => t.data.links().length === 1 && t.data.hasConfig("kv-redis-url"),
      );
      expect(t.data.stats.latticeData.watching).toBe(true);
      expect((await t.data.readSourceLinks("counter")).map(arrow)).toEqual(["counter->kv-redis"]);
    } finally {
      await t.dispose();
      await nc.close();
    }
  });

  it("keeps the data across a nats-server restart and follows writes made after it", async () => {
    const lattice = freshLattice();
    const nc = await connect({ servers: server.url });
    const t = startLatticeData(server.url, lattice);
    try {
      const specs = await new Kvm(nc).create(latticeDataBucket(lattice));
      const configs = await new Kvm(nc).create(configDataBucket(lattice));
      await specs.put("COMPONENT_counter", JSON.stringify({ url: "c:1", links: [kvLink] }));
      await configs.put("kv-redis-url", JSON.stringify({ url: "redis://r" }));
      await whenData(t.data, "initial contents", () => t.data.links().length === 1);
      await whenData(t.data, "initial config", () => t.data.hasConfig("kv-redis-url"));
      const loads = t.data.stats.latticeData.loads;

      await server.restart();
      await whenData(
        t.data,
        "a reload after reconnecting",
        () => t.data.stats.latticeData.loads > loads && t.data.stats.configData.loads > loads,
        20_000,
      );
      expect(t.data.links().map(arrow)).toEqual(["counter->kv-redis"]);
      expect(t.data.configValues("kv-redis-url")).toEqual({ url: "redis://r" });

      // The new watch is live: a write after the restart arrives without polling. (A fresh
      // writer connection: the first one may still be waiting out its reconnect delay.)
      const writer = await connect({ servers: server.url });
      const after = await new Kvm(writer).open(configDataBucket(lattice));
      await after.put("after-restart", JSON.stringify({ ok: "yes" }));
      await writer.close();
      await whenData(t.data, "a config written after the restart", () =>
        t.data.hasConfig("after-restart"),
      );
    } finally {
      await t.dispose();
      await nc.close();
    }
  });

  it("empties when the server comes back without its store, then follows the re-created buckets", async () => {
    const lattice = freshLattice();
    const t = startLatticeData(server.url, lattice);
    const before = await connect({ servers: server.url });
    try {
      const specs = await new Kvm(before).create(latticeDataBucket(lattice));
      await specs.put("COMPONENT_counter", JSON.stringify({ url: "c:1", links: [kvLink] }));
      await whenData(t.data, "initial contents", () => t.data.links().length === 1);
    } finally {
      await before.close();
    }

    await server.stop();
    rmSync(server.storeDir, { recursive: true, force: true });
    await server.restart();
    await whenData(t.data, "the lost bucket reported empty", () => t.data.links().length === 0);

    // The first host to start again re-creates the bucket with what it knows (§6.4).
    const after = await connect({ servers: server.url });
    try {
      const specs = await new Kvm(after).create(latticeDataBucket(lattice));
      const link = { ...kvLink, source_id: "http-api", name: "default" };
      await specs.put("COMPONENT_http-api", JSON.stringify({ url: "a:1", links: [link] }));
      await whenData(t.data, "the re-created bucket", () => t.data.links().length === 1);
      expect(t.data.links().map(arrow)).toEqual(["http-api->kv-redis"]);
    } finally {
      await t.dispose();
      await after.close();
    }
  });
});
