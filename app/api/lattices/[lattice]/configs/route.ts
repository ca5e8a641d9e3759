import type { ConfigList } from "@/lib/schemas/lattice-data";
import { errorResponse, json } from "@/server/http";
import { getLatticeRegistry } from "@/server/lattice";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(
  _req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/configs">,
): Promise<Response> {
  try {
    const { lattice } = await ctx.params;
    const body: ConfigList = { configs: getLatticeRegistry().data(lattice).configs() };
    return json(body);
  } catch (err) {
    return errorResponse(err);
  }
}
