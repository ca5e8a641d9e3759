import { errorResponse, json, observerFor } from "@/server/http";
import { UnknownHostError } from "@/server/lattice";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(
  _req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/hosts/[hostId]">,
): Promise<Response> {
  try {
    const { lattice, hostId } = await ctx.params;
    const host = observerFor(lattice).host(hostId);
    if (!host) throw new UnknownHostError(hostId);
    return json(host);
  } catch (err) {
    return errorResponse(err);
  }
}
