import { z } from "zod";

export const ConnectionState = z.enum(["connected", "connecting", "disconnected"]);
export type ConnectionState = z.infer<typeof ConnectionState>;

export const LatticeSummary = z.object({
  name: z.string(),
  hostCount: z.number().int().nonnegative(),
  staleHostCount: z.number().int().nonnegative(),
  componentCount: z.number().int().nonnegative(),
  providerCount: z.number().int().nonnegative(),
  connection: ConnectionState,
  ready: z.boolean(),
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
