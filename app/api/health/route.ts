import type { HealthResponse } from "@/lib/schemas/lattice";
import { errorResponse, json } from "@/server/http";
import { getLatticeRegistry } from "@/server/lattice";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `200 {"ok": true, …}` when every lattice's NATS connection is up. When one is down the same
 * body comes with `ok: false` and status 503, so load balancers and scripts can tell without
 * parsing, while the per-lattice states still say which one.
 */
export async function GET(): Promise<Response> {
  try {
    const registry = getLatticeRegistry();
    const observers = registry.names().map((name) => registry.lattice(name));
    const body: HealthResponse = {
      ok: observers.every((o) => o.connection === "connected"),
      ready: observers.every((o) => o.ready),
      lattices: Object.fromEntries(observers.map((o) => [o.lattice, o.connection])),
      latticesReady: Object.fromEntries(observers.map((o) => [o.lattice, o.ready])),
    };
    return json(body, body.ok ? 200 : 503);
  } catch (err) {
    return errorResponse(err);
  }
}
