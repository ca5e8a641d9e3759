import { z } from "zod";
import { EVENT_NAMES, SAFE_TOKEN } from "@/lib/protocol";
import type { EventList } from "@/lib/schemas/stream";
import { badRequest, errorResponse, json, observerFor } from "@/server/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const EventQuery = z.object({
  host: z.string().regex(SAFE_TOKEN, { error: "must be a host id" }).optional(),
  type: z.enum(EVENT_NAMES, { error: `must be one of ${EVENT_NAMES.join(", ")}` }).optional(),
});

/** Recent feed events, oldest first, optionally for one host and/or one event type. */
export async function GET(
  req: Request,
  ctx: RouteContext<"/api/lattices/[lattice]/events">,
): Promise<Response> {
  try {
    const { lattice } = await ctx.params;
    const observer = observerFor(lattice);
    const url = new URL(req.url);
    const query = EventQuery.safeParse({
      host: url.searchParams.get("host") ?? undefined,
      type: url.searchParams.get("type") ?? undefined,
    });
    if (!query.success) return badRequest(query.error);
    return json({ events: observer.events(query.data) } satisfies EventList);
  } catch (err) {
    return errorResponse(err);
  }
}
