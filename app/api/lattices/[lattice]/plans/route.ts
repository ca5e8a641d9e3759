import { RolloutSpec } from "@/lib/schemas/rollout";
import { badRequest, errorResponse, json, parseJsonBody, rolloutsFor } from "@/server/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `POST …/plans`: the plan of a RolloutSpec on the live lattice; nothing runs (API.md). */
export async function POST(
  req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/plans">,
): Promise<Response> {
  try {
    const { lattice } = await ctx.params;
    const service = await rolloutsFor(lattice);
    const spec = await parseJsonBody(req, RolloutSpec);
    if (!spec.success) return badRequest(spec.error);
    return json(await service.plan(spec.data));
  } catch (err) {
    return errorResponse(err);
  }
}
