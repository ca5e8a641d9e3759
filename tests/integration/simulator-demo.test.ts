import { spawn } from "node:child_process";
import { Kvm } from "@nats-io/kv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configDataBucket, HostInventory, type Link } from "@/lib/protocol";
import { NatsServer } from "../helpers/nats-server";
import { freshLattice, startScenario } from "./simulator-harness";

describe("simulated lattice: demo app and CLI", () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await NatsServer.start();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it("deploys the demo app through ctl, deterministically, with version skew", async () => {
    const s = await startScenario(server.url, { hosts: 6, deployApp: true, seed: 7 });
    try {
      const inventories = await Promise.all(
        s.sim
          .hostIds()
          .map(async (id) => HostInventory.parse((await s.ctl(["host", "get", id])).response)),
      );
      for (const inv of inventories) {
        expect(inv.providers.map((p) => p.id).sort()).toEqual(["http-server", "kv-redis"]);
        expect(inv.components.map((c) => c.id)).toContain("http-api");
        expect(inv.components.map((c) => c.id)).toContain("counter");
      }
      const apiRefs = inventories.map(
        (inv) => inv.components.find((c) => c.id === "http-api")?.image_ref,
      );
      expect(apiRefs.filter((r) => r === "ghcr.io/acme/http-api:1.3.2")).toHaveLength(2);
      expect(apiRefs.filter((r) => r === "ghcr.io/acme/http-api:1.4.0")).toHaveLength(4);
      const worker = inventories.flatMap((inv) =>
        inv.components.filter((c) => c.id === "inventory-worker"),
      );
      expect(worker[0]?.annotations["wasmcloud.dev/managed-by"]).toBe("wadm");

      const links = (await s.ctl(["link", "get"])).response;
      expect(
        Array.isArray(links) && links.map((l: Link) => `${l.source_id}->${l.target}`).sort(),
      ).toEqual([
        "counter->kv-redis",
        "http-api->counter",
        "http-api->kv-redis",
        "http-server->greeter",
        "http-server->http-api",
        "inventory-worker->kv-redis",
      ]);
      const config = await new Kvm(s.nc).open(configDataBucket(s.lattice));
      expect((await config.get("http-api-config"))?.json()).toMatchObject({ port: "8080" });

      // same seed, same lattice shape: host keys and skewed hosts repeat
      const again = await startScenario(server.url, { hosts: 6, deployApp: true, seed: 7 });
      try {
        expect(again.sim.hostIds()).toEqual(s.sim.hostIds());
        const againRefs = again.sim
          .hostIds()
          .map(
            (id) =>
              again.sim.inventory(id)?.components?.find((c) => c.id === "http-api")?.image_ref,
          );
        expect(againRefs).toEqual(apiRefs);
      } finally {
        await again.close();
      }
    } finally {
      await s.close();
    }
  });

  function runCli(env: Record<string, string>, until?: RegExp) {
    const child = spawn(process.execPath, ["--import", "tsx", "server/simulator/cli.ts"], {
      env: { ...process.env, NATS_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (until?.test(out)) child.kill("SIGTERM");
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    return new Promise<{ code: number | null; out: string }>((resolve) =>
      child.once("exit", (code) => resolve({ code, out })),
    );
  }

  it("the CLI rejects bad env in one line, boots, and stops on SIGTERM", async () => {
    const bad = await runCli({ NATS_URL: server.url, HOSTS: "many" });
    expect(bad.code).toBe(2);
    expect(bad.out.trim().split("\n")).toEqual([
      expect.stringMatching(/^simulate: invalid environment: HOSTS/),
    ]);

    const lattice = freshLattice();
    const ok = await runCli(
      { NATS_URL: server.url, LATTICE: lattice, HOSTS: "3", SIM_FAST: "1", DEPLOY_APP: "0" },
      /lattice .*: 3 hosts/,
    );
    expect(ok.out.match(/host \S+ N\S+ started/g)).toHaveLength(3);
    expect(ok.out).toContain("SIGTERM: stopping");
    expect(ok.code).toBe(0);
  });
});
