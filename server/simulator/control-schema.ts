import { z } from "zod";

/** Subject of the fault-injection control channel: outside `wasmbus.*` on purpose. */
export const controlSubject = (lattice: string) => `wasmsim.${lattice}.control`;

const HostId = z.string().min(1);
const Labels = z.record(z.string(), z.string());

/** Fault-injection commands (see README.md); `op` is the discriminant. */
export const SimCommand = z.discriminatedUnion("op", [
  z.object({ op: z.literal("list-hosts") }),
  z.object({
    op: z.literal("add-hosts"),
    count: z.number().int().min(1).max(10_000),
    labels: Labels.optional(),
    componentAuctions: z.boolean().optional(),
    providerAuctions: z.boolean().optional(),
    builtinProviders: z.boolean().optional(),
  }),
  z.object({ op: z.literal("crash-host"), hostId: HostId }),
  z.object({ op: z.literal("restart-host"), hostId: HostId }),
  z.object({ op: z.literal("silence-host"), hostId: HostId, silent: z.boolean() }),
  z.object({
    op: z.literal("set-provider-health"),
    hostId: HostId.optional(),
    providerId: z.string().min(1),
    healthy: z.boolean(),
    /** false = the provider stops answering health checks: no health events at all. */
    responding: z.boolean().optional(),
  }),
  z.object({
    op: z.literal("fail-image"),
    imageRef: z.string().min(1),
    error: z.string().optional(),
  }),
  z.object({ op: z.literal("hang-update"), imageRef: z.string().min(1) }),
  z.object({
    op: z.literal("reply-fault"),
    hostId: HostId.optional(),
    mode: z.enum(["none", "drop", "slow"]),
    delayMs: z.number().int().nonnegative().optional(),
  }),
  z.object({ op: z.literal("drop-events"), hostId: HostId.optional(), enabled: z.boolean() }),
  z.object({
    op: z.literal("slow-fetch"),
    imageRef: z.string().min(1),
    delayMs: z.number().int().nonnegative().max(600_000),
  }),
  z.object({
    op: z.literal("lose-link-writes"),
    sourceId: z.string().min(1).optional(),
    enabled: z.boolean(),
    /** read→write window of the lossy put, default 50 ms */
    windowMs: z.number().int().nonnegative().max(60_000).optional(),
  }),
  z.object({ op: z.literal("reset-faults") }),
]);
export type SimCommand = z.input<typeof SimCommand>;

export const SimReply = z.union([
  z.object({ ok: z.literal(true), result: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type SimReply = z.output<typeof SimReply>;

/** One row of `list-hosts`. */
export interface SimHostSummary {
  hostId: string;
  friendlyName: string;
  labels: Record<string, string>;
  state: "running" | "stopped" | "crashed";
  isSilent: boolean;
}
