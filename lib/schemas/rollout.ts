import { z } from "zod";
import { SAFE_TOKEN } from "@/lib/protocol/subjects";
import { ApiLink } from "./lattice-data";

/**
 * Rollout shapes of the HTTP API (API.md "Rollouts"): RolloutSpec, Plan, Rollout, Revision.
 * Ids that end up as subject tokens or KV keys are single tokens (protocol §1.2).
 */
const Token = z.string().regex(SAFE_TOKEN, { error: "must be a single token of [A-Za-z0-9_-]" });
const ImageRefText = z
  .string()
  .trim()
  .min(1, { error: "must not be empty" })
  .refine((s) => !/\s/.test(s), { error: "must not contain whitespace" });
const StringMap = z.record(z.string(), z.string());
const HostIds = z.array(z.string().min(1)).min(1, { error: "must name at least one host" });

export const ComponentChange = z.object({
  kind: z.literal("component"),
  id: Token,
  imageRef: ImageRefText,
  /** Also rescale to this count (the per-host concurrency cap, protocol §1.1). */
  maxInstances: z.number().int().min(1).optional(),
  /** The full named-config list to use (API.md: staged config changes). */
  config: z.array(Token).optional(),
  /** `update` = hot swap (protocol §7.2); `replace` = scale to 0, then up on the new ref. */
  method: z.enum(["update", "replace"]).default("update"),
  /** Restricts this change to these hosts (a restore-spec returns each host to its own state). */
  hosts: HostIds.optional(),
  /** Annotations to set; by default the host's current ones are resent (protocol §7.2). */
  annotations: StringMap.optional(),
});
export type ComponentChange = z.infer<typeof ComponentChange>;

export const ProviderChange = z.object({
  kind: z.literal("provider"),
  id: Token,
  imageRef: ImageRefText,
  /** Named configs of the restarted provider; not observable, so only known when given. */
  config: z.array(Token).optional(),
  hosts: HostIds.optional(),
  annotations: StringMap.optional(),
});
export type ProviderChange = z.infer<typeof ProviderChange>;

export const ConfigChange = z.object({
  kind: z.literal("config"),
  name: Token.refine((n) => !n.startsWith("SECRET_"), {
    error: "SECRET_* configs are secret references and cannot be changed here",
  }),
  /** The new values; `null` deletes the config. */
  values: StringMap.nullable(),
});
export type ConfigChange = z.infer<typeof ConfigChange>;

export const LinkChange = z.object({
  kind: z.literal("link"),
  sourceId: Token,
  target: Token,
  witNamespace: z.string().min(1),
  witPackage: z.string().min(1),
  interfaces: z.array(z.string().min(1)).default([]),
  name: Token.default("default"),
  sourceConfig: z.array(Token).default([]),
  targetConfig: z.array(Token).default([]),
  /** true removes the link with this (source, namespace, package, name) key. */
  delete: z.boolean().default(false),
});
export type LinkChange = z.infer<typeof LinkChange>;

export const RolloutChange = z.discriminatedUnion("kind", [
  ComponentChange,
  ProviderChange,
  ConfigChange,
  LinkChange,
]);
export type RolloutChange = z.infer<typeof RolloutChange>;

export const HostSelector = z.union([
  z.object({ labels: StringMap }).strict(),
  z.object({ hosts: HostIds }).strict(),
]);
export type HostSelector = z.infer<typeof HostSelector>;

export const Strategy = z
  .object({
    type: z.enum(["rolling", "canary", "all-at-once"]).default("rolling"),
    maxUnavailable: z.number().int().min(1).default(1),
    canaryHosts: z.number().int().min(1).default(1),
    approval: z.enum(["none", "after-canary", "every-wave"]).default("none"),
    order: z.array(z.string().min(1)).optional(),
  })
  .refine((s) => s.approval !== "after-canary" || s.type === "canary", {
    error: "after-canary needs strategy type canary",
    path: ["approval"],
  });
export type Strategy = z.infer<typeof Strategy>;

export const Gates = z.object({
  progressDeadlineSeconds: z.number().positive().max(3600).default(60),
  bakeSeconds: z.number().min(0).max(3600).default(0),
});
export type Gates = z.infer<typeof Gates>;

export const RolloutSpec = z
  .object({
    changes: z.array(RolloutChange).min(1, { error: "must list at least one change" }),
    selector: HostSelector.optional(),
    strategy: Strategy.default({
      type: "rolling",
      maxUnavailable: 1,
      canaryHosts: 1,
      approval: "none",
    }),
    gates: Gates.default({ progressDeadlineSeconds: 60, bakeSeconds: 0 }),
    onFailure: z.enum(["rollback", "pause"]).default("rollback"),
    reason: z.string().max(500).optional(),
  })
  .strict();
export type RolloutSpec = z.infer<typeof RolloutSpec>;
/** What a client may send: defaults not yet applied. */
export type RolloutSpecInput = z.input<typeof RolloutSpec>;

// ── Plan ────────────────────────────────────────────────────────────────────────────────────

export const ComponentState = z.object({
  imageRef: z.string(),
  maxInstances: z.number().int().nonnegative(),
  /** The named-config list, when known (only the console's own rollouts record it). */
  config: z.array(z.string()).nullable().optional(),
  annotations: StringMap.optional(),
});
export type ComponentState = z.infer<typeof ComponentState>;

export const ProviderState = z.object({
  imageRef: z.string(),
  config: z.array(z.string()).nullable().optional(),
  annotations: StringMap.optional(),
});
export type ProviderState = z.infer<typeof ProviderState>;

/** A link as the plan shows it: the API's link shape (`GET …/links`). */
export const ApiLinkShape = ApiLink;
export type ApiLinkShape = z.infer<typeof ApiLinkShape>;

export const HostChange = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("component"),
    id: z.string(),
    method: z.enum(["update", "replace"]),
    before: ComponentState.nullable(),
    after: ComponentState.nullable(),
  }),
  z.object({
    kind: z.literal("provider"),
    id: z.string(),
    before: ProviderState.nullable(),
    after: ProviderState.nullable(),
  }),
]);
export type HostChange = z.infer<typeof HostChange>;

export const HostPlan = z.object({
  hostId: z.string(),
  friendlyName: z.string().optional(),
  labels: StringMap.optional(),
  changes: z.array(HostChange),
});
export type HostPlan = z.infer<typeof HostPlan>;

/** A lattice-wide step: takes effect on every host at one instant (API.md, protocol §6). */
export const LatticeStep = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("config"),
    id: z.string(),
    before: StringMap.nullable(),
    after: StringMap.nullable(),
    /** `staged`: a new name nothing uses yet; `in-place`: every user sees it at once. */
    mode: z.enum(["staged", "in-place"]),
  }),
  z.object({
    kind: z.literal("link"),
    /** `{sourceId}/{witNamespace}:{witPackage}/{name}`: the link's key (protocol §6.1). */
    id: z.string(),
    before: ApiLinkShape.nullable(),
    after: ApiLinkShape.nullable(),
  }),
]);
export type LatticeStep = z.infer<typeof LatticeStep>;

export const BlastRadiusEntry = z.object({
  kind: z.enum(["component", "provider"]),
  id: z.string(),
  /** How it is tied to what changes, e.g. `http-server → http-api (wasi:http)`. */
  via: z.array(z.string()),
  /** Affected hosts on which it runs. */
  hostIds: z.array(z.string()),
});
export type BlastRadiusEntry = z.infer<typeof BlastRadiusEntry>;

export const Plan = z.object({
  hash: z.string(),
  lattice: z.array(LatticeStep),
  hosts: z.array(HostPlan),
  skipped: z.array(z.object({ hostId: z.string(), reason: z.string() })),
  waves: z.array(z.array(z.string())),
  warnings: z.array(z.string()),
  errors: z.array(z.string()),
  blastRadius: z.array(BlastRadiusEntry),
  summary: z.object({
    hosts: z.number().int().nonnegative(),
    waves: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
  }),
});
export type Plan = z.infer<typeof Plan>;

// ── Rollout ─────────────────────────────────────────────────────────────────────────────────

export const RolloutState = z.enum([
  "awaiting-approval",
  "running",
  "paused",
  "succeeded",
  "failed",
  "rolling-back",
  "rolled-back",
  "aborted",
]);
export type RolloutState = z.infer<typeof RolloutState>;

export const WaveState = z.enum([
  "pending",
  "awaiting-approval",
  "running",
  "succeeded",
  "failed",
  "rolling-back",
  "rolled-back",
]);
export type WaveState = z.infer<typeof WaveState>;

export const HostStepState = z.enum([
  "pending",
  "in-progress",
  "succeeded",
  "failed",
  "rolling-back",
  "rolled-back",
]);
export type HostStepState = z.infer<typeof HostStepState>;

export const RolloutHost = z.object({
  hostId: z.string(),
  state: HostStepState,
  /** What the host is doing now, e.g. `update http-api` or `gate: health_check_passed`. */
  step: z.string().optional(),
  /** Epoch ms by which the current step's gate must pass. */
  deadline: z.number().optional(),
  error: z.string().optional(),
});
export type RolloutHost = z.infer<typeof RolloutHost>;

export const RolloutWave = z.object({
  state: WaveState,
  hosts: z.array(RolloutHost),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
});
export type RolloutWave = z.infer<typeof RolloutWave>;

export const Rollout = z.object({
  id: z.string(),
  lattice: z.string(),
  state: RolloutState,
  planHash: z.string(),
  spec: RolloutSpec,
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  reason: z.string().optional(),
  /** Why the rollout is paused, failed or rolling back. */
  message: z.string().optional(),
  waves: z.array(RolloutWave),
  /** The lattice-wide steps (config values, links), run once before the first wave. */
  latticeSteps: z.array(
    z.object({
      kind: z.enum(["config", "link"]),
      id: z.string(),
      state: HostStepState,
      error: z.string().optional(),
    }),
  ),
  revision: z.number().int().positive(),
  restores: z.string().optional(),
});
export type Rollout = z.infer<typeof Rollout>;

export const RolloutList = z.object({ rollouts: z.array(Rollout) });
export type RolloutList = z.infer<typeof RolloutList>;

export const RolloutAction = z.enum(["approve", "pause", "resume", "abort", "retry", "rollback"]);
export type RolloutAction = z.infer<typeof RolloutAction>;

export const CreateRolloutRequest = z
  .object({ spec: RolloutSpec, planHash: z.string().min(1, { error: "is required" }) })
  .strict();

/** Optional body of an action: an approval is bound to the plan it approves. */
export const ActionRequest = z.object({ planHash: z.string().optional() }).strict();

export const RevisionTargetKind = z.enum(["component", "provider"]);
export type RevisionTargetKind = z.infer<typeof RevisionTargetKind>;

export const Revision = z.object({
  revision: z.number().int().positive(),
  rolloutId: z.string(),
  state: RolloutState,
  createdAt: z.string(),
  createdBy: z.string(),
  reason: z.string().optional(),
  target: z.array(RolloutChange),
});
export type Revision = z.infer<typeof Revision>;

export const RevisionList = z.object({ revisions: z.array(Revision) });

/** One line of a rollout's own event log. */
export const RolloutLogEntry = z.object({
  seq: z.number().int().nonnegative(),
  time: z.string(),
  kind: z.enum(["transition", "request", "gate", "error", "action", "info"]),
  hostId: z.string().optional(),
  message: z.string(),
});
export type RolloutLogEntry = z.infer<typeof RolloutLogEntry>;

export const RolloutLog = z.object({ entries: z.array(RolloutLogEntry) });
