import "server-only";
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

/** The JSON body, or null when it is absent or not JSON (the schema then names the problem). */
export async function jsonBody(req: Request): Promise<unknown> {
  const text = await req.text().catch(() => "");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
