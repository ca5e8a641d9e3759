import "server-only";
import { isBuildPhase } from "@/server/config";
import { getLatticeRegistry } from "./registry";

/**
 * Builds the registry at server start; a bad environment is reported, not fatal to `next`.
 * Returns whether the observers run.
 */
export function startLatticeObservers(): boolean {
  if (isBuildPhase()) return false;
  try {
    const registry = getLatticeRegistry();
    console.info(`lattice console: observing ${registry.names().join(", ")}`);
    return true;
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    return false;
  }
}
