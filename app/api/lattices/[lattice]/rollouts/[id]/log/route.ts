import type { z } from "zod";
import type { RolloutLog } from "@/lib/schemas/rollout";
import { errorResponse, json, rolloutsFor } from "@/server/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The rollout's own event log: transitions, requests sent, gate outcomes, errors. */
export async function GET(
  _req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/rollouts/[id]/log">,
): Promise<Response> {
  try {
    const { lattice, id } = await ctx.params;
    const body: z.infer<typeof RolloutLog> = {
      entries: await (await rolloutsFor(lattice)).logOf(id),
    };
    return json(body);
  } catch (err) {
    return errorResponse(err);
  }
}
