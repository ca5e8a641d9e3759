import "server-only";
export { planRollout } from "./plan-rollout";
export { restoreSpec } from "./restore-spec";
export type { RestoreInput } from "./restore-spec";
export type { Findings, KnownConfig, PlanInput } from "./types";
export { linkKey } from "./lattice-steps";
export { canonicalJson } from "./canonical-json";
