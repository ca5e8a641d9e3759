import "server-only";
export { planRollout } from "./plan-rollout";
export type { Findings, KnownConfig, PlanInput } from "./types";
export { linkKey } from "./lattice-steps";
export { canonicalJson } from "./plan-hash";
