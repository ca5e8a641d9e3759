import { afterAll, describe, expect, it } from "vitest";
import { HealthResponse } from "@/lib/schemas/lattice";
import { freePort } from "../helpers/nats-server";

describe("environment the console starts from", () => {
  it("applies the documented defaults", async () => {
    const { ServerEnv } = await import("@/server/config");
    const env = ServerEnv.parse({ NATS_URL: "nats://127.0.0.1:4222", NATS_CREDS: " " });
    expect(env).toMatchObject({
      LATTICES: ["default"],
      WASMCLOUD_CTL_TOPIC_PREFIX: "wasmbus.ctl",
      HEARTBEAT_SECONDS: 30,
      HOST_FORGET_SECONDS: 600,
    });
    expect(env.NATS_CREDS).toBeUndefined();
    expect(env.NATS_CA).toBeUndefined();
  });

  it.each([
    [{}, "NATS_URL", "NATS_URL is required"],
    [{ NATS_URL: "nats://x", LATTICES: "prod, edge.eu" }, "LATTICES", "single token"],
    [{ NATS_URL: "nats://x", LATTICES: " , " }, "LATTICES", "at least one"],
    [
      { NATS_URL: "nats://x", WASMCLOUD_CTL_TOPIC_PREFIX: "a.*" },
      "WASMCLOUD_CTL_TOPIC_PREFIX",
      "tokens",
    ],
    [{ NATS_URL: "nats://x", HEARTBEAT_SECONDS: "0" }, "HEARTBEAT_SECONDS", ""],
  ])("rejects %o naming %s", async (env, field, text) => {
    const { ServerEnv } = await import("@/server/config");
    const parsed = ServerEnv.safeParse(env);
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toContain(text);
  });

  it("splits and trims LATTICES", async () => {
    const { ServerEnv } = await import("@/server/config");
    expect(
      ServerEnv.parse({ NATS_URL: "nats://x", LATTICES: "prod, edge ,prod" }).LATTICES,
    ).toEqual(["prod", "edge"]);
  });
});

describe("health without a usable NATS", () => {
  afterAll(async () => {
    const { disposeLatticeRegistry } = await import("@/server/lattice");
    await disposeLatticeRegistry();
  });

  it("answers a bare 500 when NATS_URL is missing, naming nothing secret", async () => {
    delete process.env.NATS_URL;
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: "server misconfigured" });
  });

  it("answers 503 with ok:false and the per-lattice state while NATS is unreachable", async () => {
    process.env.NATS_URL = `nats://127.0.0.1:${await freePort()}`;
    process.env.LATTICES = "first,second";
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(503);
    expect(HealthResponse.parse(await res.json())).toEqual({
      ok: false,
      ready: false,
      lattices: { first: "connecting", second: "connecting" },
      latticesReady: { first: false, second: false },
    });
    const { getLatticeRegistry } = await import("@/server/lattice");
    expect(getLatticeRegistry().lattice("first").snapshot()).toMatchObject({
      connection: "connecting",
      ready: false,
      hosts: [],
    });
  });
});
