import { ActionRequest, RolloutAction } from "@/lib/schemas/rollout";
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

/**
 * `POST …/rollouts/{id}/{action}` (API.md): 200 with the rollout, 201 with a new one for the
 * rollback of a succeeded rollout, 409 naming the state when the action does not apply.
 */
export async function POST(
  req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/rollouts/[id]/[action]">,
): Promise<Response> {
  try {
    const { lattice, id, action: rawAction } = await ctx.params;
    const service = await rolloutsFor(lattice);
    const action = RolloutAction.safeParse(rawAction);
    if (!action.success) return json({ error: `unknown action ${JSON.stringify(rawAction)}` }, 404);
    const body = await parseJsonBody(req, ActionRequest, {});
    if (!body.success) return badRequest(body.error);
    const outcome = await service.act(id, action.data, actorOf(req), body.data.planHash);
    switch (outcome.kind) {
      case "ok":
        return json(outcome.rollout, outcome.created ? 201 : 200);
      case "refused":
        return json({ error: outcome.error }, 409);
      case "drift":
        return json({ error: "plan changed", plan: outcome.plan }, 409);
      case "invalid":
        return json({ error: "the restoring plan has errors", plan: outcome.plan }, 409);
    }
  } catch (err) {
    return errorResponse(err);
  }
}
