import { errorResponse, latticeEventStream, observerFor } from "@/server/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** SSE of lattice changes; see `latticeEventStream` for the framing. */
export async function GET(
  req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/stream">,
): Promise<Response> {
  try {
    const { lattice } = await ctx.params;
    return latticeEventStream(observerFor(lattice), req.signal);
  } catch (err) {
    return errorResponse(err);
  }
}
