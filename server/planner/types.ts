import "server-only";
import type { Host } from "@/lib/schemas/host";
import type { ApiLinkShape, RolloutSpec } from "@/lib/schemas/rollout";

/** Config-name lists the console recorded in earlier rollouts, per workload id (API.md). */
export interface KnownConfig {
  component: Readonly<Record<string, string[]>>;
  provider: Readonly<Record<string, string[]>>;
}

/** Errors stop a plan from starting; warnings are shown with it. */
export interface Findings {
  errors: string[];
  warnings: string[];
}

/** Everything the planner reads: a snapshot taken by the caller, so planning stays pure. */
export interface PlanInput {
  /** Already parsed, defaults applied. */
  spec: RolloutSpec;
  /** The live lattice in its API shape, stale hosts included. */
  hosts: readonly Host[];
  /** Every link in the lattice (LATTICEDATA, protocol §6.4). */
  links: readonly ApiLinkShape[];
  /** A config's values; `null` when the name is absent from CONFIGDATA. */
  configValues: (name: string) => Record<string, string> | null;
  knownConfig: KnownConfig;
  /** Extra pre-flight findings computed outside (e.g. by the restore-spec builder). */
  notes?: { errors?: string[]; warnings?: string[] };
}
