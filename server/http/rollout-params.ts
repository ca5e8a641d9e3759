import "server-only";
import { z } from "zod";
import { isSafeToken } from "@/lib/protocol";
import { UnknownLatticeError } from "@/server/lattice";
import { rolloutService, type RolloutService } from "@/server/rollouts";

/** The rollout service for a route's `[lattice]` segment; unknown → 404. */
export function rolloutsFor(lattice: string): Promise<RolloutService> {
  if (!isSafeToken(lattice)) throw new UnknownLatticeError(lattice);
  return rolloutService(lattice);
}

/** Who is acting. Until access control exists this is the caller's own `X-Console-User`. */
export function actorOf(req: Request): string {
  const claimed = req.headers.get("x-console-user")?.trim();
  return claimed && claimed.length <= 64 ? claimed : "anonymous";
}

/**
 * Parses a JSON body with its schema: a body that is not JSON is a 400 like any other bad
 * input ("the body is not valid JSON"); an empty body parses as `empty`.
 */
export async function parseJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  empty?: unknown,
): Promise<{ success: true; data: z.output<S> } | { success: false; error: z.ZodError }> {
  const text = await req.text().catch(() => "");
  let raw: unknown = empty;
  if (text.trim() !== "") {
    try {
      raw = JSON.parse(text);
    } catch {
      const issue = {
        code: "custom" as const,
        path: [],
        message: "the body is not valid JSON",
        input: text,
      };
      return { success: false, error: new z.ZodError([issue]) };
    }
  }
  return schema.safeParse(raw);
}
