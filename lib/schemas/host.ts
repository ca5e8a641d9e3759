import { z } from "zod";

/** API shapes (API.md "Lattice status"): camelCase, derived from the wire inventory. */
export const ProviderHealth = z.enum(["healthy", "unhealthy", "unknown"]);
export type ProviderHealth = z.infer<typeof ProviderHealth>;

export const ComponentStatus = z.object({
  id: z.string(),
  imageRef: z.string(),
  maxInstances: z.number().int().nonnegative(),
  annotations: z.record(z.string(), z.string()),
  /** 1.9 per-component limits from the last inventory (protocol §5.1); null when none. */
  limits: z.record(z.string(), z.string()).nullable(),
});
export type ComponentStatus = z.infer<typeof ComponentStatus>;

export const ProviderStatus = z.object({
  id: z.string(),
  imageRef: z.string(),
  health: ProviderHealth,
  annotations: z.record(z.string(), z.string()),
});
export type ProviderStatus = z.infer<typeof ProviderStatus>;

export const Host = z.object({
  id: z.string(),
  friendlyName: z.string(),
  version: z.string(),
  labels: z.record(z.string(), z.string()),
  stale: z.boolean(),
  lastSeen: z.string(),
  /** Seconds of uptime as last reported by the host (heartbeat, inventory or ping). */
  uptimeSeconds: z.number().nonnegative(),
  /** When `uptimeSeconds` was reported, so clients can extrapolate without refetching. */
  uptimeReportedAt: z.string(),
  components: z.array(ComponentStatus),
  providers: z.array(ProviderStatus),
});
export type Host = z.infer<typeof Host>;

export const HostList = z.object({ hosts: z.array(Host) });
export type HostList = z.infer<typeof HostList>;
