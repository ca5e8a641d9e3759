import { errorResponse, rolloutEventStream, rolloutsFor } from "@/server/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** SSE of rollout changes; see `rolloutEventStream` for the framing. */
export async function GET(
  req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/rollouts/stream">,
): Promise<Response> {
  try {
    const { lattice } = await ctx.params;
    return await rolloutEventStream(await rolloutsFor(lattice), req.signal);
  } catch (err) {
    return errorResponse(err);
  }
}
