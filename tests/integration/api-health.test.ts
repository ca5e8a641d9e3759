import { afterAll, describe, expect, it } from "vitest";
import { HealthResponse } from "@/lib/schemas/lattice";
import { freePort } from "../helpers/nats-server";

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
