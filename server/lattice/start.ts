import "server-only";
import { isBuildPhase } from "@/server/config";
import { getLatticeRegistry } from "./registry";

/** Builds the registry at server start; a bad environment is reported, not fatal to `next`. */
export function startLatticeObservers(): void {
  if (isBuildPhase()) return;
  try {
    const registry = getLatticeRegistry();
    console.info(`lattice console: observing ${registry.names().join(", ")}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
  }
}
