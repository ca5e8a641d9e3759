import type { HostList } from "@/lib/schemas/host";
import { errorResponse, json, observerFor } from "@/server/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(
  _req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/hosts">,
): Promise<Response> {
  try {
    const { lattice } = await ctx.params;
    const body: HostList = { hosts: observerFor(lattice).hosts() };
    return json(body);
  } catch (err) {
    return errorResponse(err);
  }
}
