import { Kvm } from "@nats-io/kv";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { configDataBucket } from "@/lib/protocol";
import { ConfigList, LinkList } from "@/lib/schemas/lattice-data";
import { NatsServer } from "../helpers/nats-server";
import { startScenario, type Scenario } from "./simulator-harness";

// The routes read their configuration from the environment, as under `next start`.
let server: NatsServer;
let s: Scenario;

const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const req = () => new Request("http://console.test/");

describe("links and configs routes", () => {
  beforeAll(async () => {
    server = await NatsServer.start();
    s = await startScenario(server.url, { hosts: 2, deployApp: true, fast: true });
    const configs = await new Kvm(s.nc).open(configDataBucket(s.lattice));
    await configs.put("SECRET_token", JSON.stringify({ backend: "nats-kv", key: "s3cr3t-value" }));
    Object.assign(process.env, { NATS_URL: server.url, LATTICES: s.lattice });
    const { getLatticeRegistry } = await import("@/server/lattice");
    const data = getLatticeRegistry().data(s.lattice);
    await data.ready;
  });
  afterAll(async () => {
    const { disposeLatticeRegistry } = await import("@/server/lattice");
    await disposeLatticeRegistry();
    await s.close();
    await server.dispose();
  });

  it("lists the lattice's links in camelCase", async () => {
    const { GET } = await import("@/app/api/lattices/[lattice]/links/route");
    const res = await GET(req(), params({ lattice: s.lattice }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body: unknown = await res.json();
    const { links } = LinkList.parse(body);
    expect(links.map((l) => `${l.sourceId}->${l.target}`)).toContain("http-server->http-api");
    expect(links.find((l) => l.sourceId === "http-server" && l.name === "default")).toEqual({
      sourceId: "http-server",
      target: "http-api",
      name: "default",
      witNamespace: "wasi",
      witPackage: "http",
      interfaces: ["incoming-handler"],
      sourceConfig: ["http-api-config"],
      targetConfig: [],
    });
    expect(JSON.stringify(body)).not.toContain("source_id");
  });

  it("lists configs with values, and secret references by name only", async () => {
    const { GET } = await import("@/app/api/lattices/[lattice]/configs/route");
    const res = await GET(req(), params({ lattice: s.lattice }));
    expect(res.status).toBe(200);
    const text = await res.text();
    const { configs } = ConfigList.parse(JSON.parse(text));
    expect(configs).toContainEqual({
      name: "http-api-config",
      values: { port: "8080", log_level: "info" },
    });
    expect(configs).toContainEqual({ name: "SECRET_token", secret: true });
    expect(text).not.toContain("s3cr3t-value");
  });

  it("answers 404 JSON for an unknown lattice, also from a separately bundled route", async () => {
    for (const fresh of [false, true]) {
      if (fresh) vi.resetModules();
      const links = await import("@/app/api/lattices/[lattice]/links/route");
      const configs = await import("@/app/api/lattices/[lattice]/configs/route");
      for (const GET of [links.GET, configs.GET]) {
        for (const lattice of ["nope", "a.b"]) {
          const res = await GET(req(), params({ lattice }));
          expect(res.status).toBe(404);
          expect(await res.json()).toEqual({ error: `unknown lattice ${lattice}` });
        }
      }
    }
  });
});
