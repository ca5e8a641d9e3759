import { errorResponse, json, rolloutsFor } from "@/server/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The RolloutSpec that returns every host the rollout touched to its before-state. */
export async function GET(
  _req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/rollouts/[id]/restore-spec">,
): Promise<Response> {
  try {
    const { lattice, id } = await ctx.params;
    const { spec } = await (await rolloutsFor(lattice)).restore(id);
    return json(spec);
  } catch (err) {
    return errorResponse(err);
  }
}
