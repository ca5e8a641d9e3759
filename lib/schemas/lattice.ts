import { z } from "zod";

export const ConnectionState = z.enum(["connected", "connecting", "disconnected"]);
export type ConnectionState = z.infer<typeof ConnectionState>;

/** What the observer received on the lattice's event subjects and what it had to drop. */
export const MessageCounters = z.object({
  messages: z.number().int().nonnegative(),
  applied: z.number().int().nonnegative(),
  /** Dropped messages per reason, e.g. `malformed`, `unknown-type:<name>`. */
  dropped: z.record(z.string(), z.number().int().nonnegative()),
  hostGets: z.number().int().nonnegative(),
  hostGetFailures: z.number().int().nonnegative(),
  resyncs: z.number().int().nonnegative(),
});
export type MessageCounters = z.infer<typeof MessageCounters>;

export const LatticeSummary = z.object({
  name: z.string(),
  hostCount: z.number().int().nonnegative(),
  staleHostCount: z.number().int().nonnegative(),
  componentCount: z.number().int().nonnegative(),
  providerCount: z.number().int().nonnegative(),
  connection: ConnectionState,
  ready: z.boolean(),
  messageCounters: MessageCounters.optional(),
});
export type LatticeSummary = z.infer<typeof LatticeSummary>;

export const LatticeList = z.object({ lattices: z.array(LatticeSummary) });
export type LatticeList = z.infer<typeof LatticeList>;

export const HealthResponse = z.object({
  ok: z.boolean(),
  ready: z.boolean(),
  lattices: z.record(z.string(), ConnectionState),
  latticesReady: z.record(z.string(), z.boolean()),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const ApiError = z.object({ error: z.string() });
export type ApiError = z.infer<typeof ApiError>;
