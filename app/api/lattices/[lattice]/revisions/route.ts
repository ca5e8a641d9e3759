import { z } from "zod";
import { RevisionTargetKind } from "@/lib/schemas/rollout";
import { badRequest, errorResponse, json, rolloutsFor } from "@/server/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Query = z.object({
  kind: RevisionTargetKind,
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, { error: "must be a single token of [A-Za-z0-9_-]" }),
});

/** `GET …/revisions?kind=component&id=hello`: that workload's revisions, newest first. */
export async function GET(
  req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/revisions">,
): Promise<Response> {
  try {
    const { lattice } = await ctx.params;
    const service = await rolloutsFor(lattice);
    const params = new URL(req.url).searchParams;
    const query = Query.safeParse({ kind: params.get("kind"), id: params.get("id") });
    if (!query.success) return badRequest(query.error);
    return json({ revisions: await service.revisions(query.data.kind, query.data.id) });
  } catch (err) {
    return errorResponse(err);
  }
}
