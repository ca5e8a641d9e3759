import "server-only";
import { isSafeToken } from "@/lib/protocol";
import { getLatticeRegistry, UnknownLatticeError, type LatticeObserver } from "@/server/lattice";

/** The observer for a route's `[lattice]` segment; unknown → `UnknownLatticeError` (404). */
export function observerFor(lattice: string): LatticeObserver {
  // A name that is not a single token cannot be a configured lattice.
  if (!isSafeToken(lattice)) throw new UnknownLatticeError(lattice);
  return getLatticeRegistry().lattice(lattice);
}
