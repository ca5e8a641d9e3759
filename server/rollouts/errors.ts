import "server-only";

/** No rollout with that id in this lattice (→ 404). */
export class RolloutNotFoundError extends Error {
  readonly code = "unknown_rollout";
  constructor(readonly id: string) {
    super(`no rollout ${id} in this lattice`);
    this.name = "RolloutNotFoundError";
  }
}
