import type { LatticeList } from "@/lib/schemas/lattice";
import { errorResponse, json } from "@/server/http";
import { getLatticeRegistry } from "@/server/lattice";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const registry = getLatticeRegistry();
    const body: LatticeList = {
      lattices: registry.names().map((n) => registry.lattice(n).summary()),
    };
    return json(body);
  } catch (err) {
    return errorResponse(err);
  }
}
