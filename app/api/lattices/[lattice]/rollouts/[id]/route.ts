import { errorResponse, json, rolloutsFor } from "@/server/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(
  _req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/rollouts/[id]">,
): Promise<Response> {
  try {
    const { lattice, id } = await ctx.params;
    return json(await (await rolloutsFor(lattice)).get(id));
  } catch (err) {
    return errorResponse(err);
  }
}
