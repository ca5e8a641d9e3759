/**
 * Starts the lattice observers when the server process starts, so discovery (ping +
 * inventories) is under way before the first page request. Routes call the same idempotent
 * `getLatticeRegistry()`.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startLatticeObservers } = await import("./server/lattice/start");
  if (!startLatticeObservers()) return;
  const { startRolloutServices } = await import("./server/rollouts/registry");
  startRolloutServices();
}
