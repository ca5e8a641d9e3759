import { z } from "zod";
import { Rollout, RolloutState } from "./rollout";

/**
 * The rollout as kept in JetStream KV: the API's Rollout is derived from it. With its plan
 * (kept under its own key, written once) it holds everything the executor needs to resume
 * after a restart (DESIGN.md "Data flow: a rollout" 6).
 */
const StringMap = z.record(z.string(), z.string());

/** One operation on one workload of one host; the executor never runs two at once per host. */
export const HostOp = z.discriminatedUnion("op", [
  /** `component.update` hot swap (protocol §7.2). */
  z.object({
    op: z.literal("component-update"),
    id: z.string(),
    imageRef: z.string(),
    annotations: StringMap,
  }),
  /** `component.scale` of a running id: count and/or config list (protocol §7.1). */
  z.object({
    op: z.literal("component-scale"),
    id: z.string(),
    imageRef: z.string(),
    count: z.number().int().nonnegative(),
    config: z.array(z.string()).nullable(),
    annotations: StringMap,
  }),
  /** Scale to 0, see it stop, scale up on the new ref (protocol §10 "Hot swap may not swap"). */
  z.object({
    op: z.literal("component-replace"),
    id: z.string(),
    imageRef: z.string(),
    count: z.number().int().positive(),
    config: z.array(z.string()).nullable(),
    annotations: StringMap,
  }),
  /** `provider.stop` then `provider.start` (protocol §7.4: no provider update). */
  z.object({
    op: z.literal("provider-replace"),
    id: z.string(),
    imageRef: z.string(),
    config: z.array(z.string()).nullable(),
    annotations: StringMap,
  }),
  /** Hold the result for the bake time; a failure event meanwhile fails the host. */
  z.object({ op: z.literal("bake"), seconds: z.number().nonnegative() }),
]);
export type HostOp = z.infer<typeof HostOp>;

export const HostExec = z.object({
  hostId: z.string(),
  phase: z.enum(["forward", "rollback"]),
  ops: z.array(HostOp),
  opIndex: z.number().int().nonnegative(),
  /** `running`: the current op was (or is about to be) sent; its outcome is not known yet. */
  opStatus: z.enum(["idle", "running"]),
  outcome: z.enum(["none", "succeeded", "failed"]),
  /** Epoch ms: the progress deadline of this host's step (API.md gates). */
  deadline: z.number().optional(),
  /** A request was sent to this host by this rollout: it must be restored on rollback. */
  touched: z.boolean(),
  error: z.string().optional(),
});
export type HostExec = z.infer<typeof HostExec>;

export const StageStatus = z.enum(["idle", "running", "done"]);

export const RolloutExec = z.object({
  hosts: z.record(z.string(), HostExec),
  waveIndex: z.number().int().nonnegative(),
  waveCheck: StageStatus,
  /** Waves (by index) whose start the operator approved. */
  approved: z.array(z.number().int().nonnegative()),
  /** Waves whose drift the operator accepted by resuming. */
  driftAccepted: z.array(z.number().int().nonnegative()),
  latticeIndex: z.number().int().nonnegative(),
  latticeStatus: StageStatus,
  latticeErrors: z.record(z.string(), z.string()),
  rollback: z
    .object({
      waves: z.array(z.array(z.string())),
      index: z.number().int().nonnegative(),
      /** How many applied lattice steps are left to restore, last first. */
      latticeLeft: z.number().int().nonnegative(),
      latticeStatus: StageStatus,
    })
    .nullable(),
  resumeTo: RolloutState.optional(),
});
export type RolloutExec = z.infer<typeof RolloutExec>;

export const RolloutRecord = Rollout.pick({
  id: true,
  lattice: true,
  state: true,
  planHash: true,
  spec: true,
  createdAt: true,
  createdBy: true,
  updatedAt: true,
  message: true,
  revision: true,
  restores: true,
}).extend({
  exec: RolloutExec,
});
export type RolloutRecord = z.infer<typeof RolloutRecord>;
