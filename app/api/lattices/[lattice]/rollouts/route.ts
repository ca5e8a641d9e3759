import { CreateRolloutRequest, type RolloutList } from "@/lib/schemas/rollout";
import {
  actorOf,
  badRequest,
  errorResponse,
  json,
  parseJsonBody,
  rolloutsFor,
} from "@/server/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(
  _req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/rollouts">,
): Promise<Response> {
  try {
    const { lattice } = await ctx.params;
    const body: RolloutList = { rollouts: await (await rolloutsFor(lattice)).list() };
    return json(body);
  } catch (err) {
    return errorResponse(err);
  }
}

/** `POST …/rollouts`: starts a reviewed plan; 409 with the new plan when the lattice drifted. */
export async function POST(
  req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/rollouts">,
): Promise<Response> {
  try {
    const { lattice } = await ctx.params;
    const service = await rolloutsFor(lattice);
    const body = await parseJsonBody(req, CreateRolloutRequest);
    if (!body.success) return badRequest(body.error);
    const outcome = await service.create(body.data.spec, body.data.planHash, actorOf(req));
    switch (outcome.kind) {
      case "created":
        return json(outcome.rollout, 201);
      case "drift":
        return json({ error: "plan changed", plan: outcome.plan }, 409);
      case "invalid":
        return json({ error: "the plan has errors", plan: outcome.plan }, 400);
    }
  } catch (err) {
    return errorResponse(err);
  }
}
