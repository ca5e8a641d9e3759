import "server-only";
import { z } from "zod";
import { DEFAULT_CTL_PREFIX, isSafeToken } from "@/lib/protocol";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalPath = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

/** The ctl prefix is one or more dot-separated safe tokens (protocol §1.2). */
const CtlPrefix = z
  .string()
  .default(DEFAULT_CTL_PREFIX)
  .refine((p) => p.split(".").every(isSafeToken), {
    message: "must be dot-separated tokens of [A-Za-z0-9_-]",
  });

const Lattices = z
  .string()
  .default("default")
  .transform((raw) => [...new Set(raw.split(",").map((name) => name.trim()))].filter(Boolean))
  .refine((names) => names.length > 0, { message: "must name at least one lattice" })
  .refine((names) => names.every(isSafeToken), {
    message: "each lattice name must be a single token of [A-Za-z0-9_-]",
  });

/** Every setting the server reads from the environment; nothing else touches `process.env`. */
export const ServerEnv = z.object({
  NATS_URL: z
    .string({ error: "NATS_URL is required (e.g. nats://127.0.0.1:4222)" })
    .min(1, { error: "NATS_URL is required (e.g. nats://127.0.0.1:4222)" }),
  LATTICES: Lattices,
  NATS_CREDS: optionalPath,
  NATS_CA: optionalPath,
  WASMCLOUD_CTL_TOPIC_PREFIX: CtlPrefix,
  /** The hosts' heartbeat interval; a host is stale after 3 of them (protocol §4). */
  HEARTBEAT_SECONDS: positiveInt(30),
  HOST_FORGET_SECONDS: positiveInt(600),
  /** Period of the light resync (ping + targeted `host.get`); never below the heartbeat. */
  RESYNC_SECONDS: positiveInt(60),
  /** Parallel `host.get` requests during discovery. */
  DISCOVERY_CONCURRENCY: positiveInt(16),
  /** Scatter-gather window for `host.ping` (protocol §1.4: the reference client waits 5 s). */
  PING_WINDOW_MS: positiveInt(3000),
  /** Stop collecting ping replies this long after the last one. */
  PING_STALL_MS: positiveInt(500),
  /** How long a console process holds a rollout's lease without renewing it. */
  ROLLOUT_LEASE_SECONDS: positiveInt(15),
});
export type ServerEnv = z.output<typeof ServerEnv>;

export class ConfigError extends Error {
  static readonly code = "config_invalid";
  readonly code = ConfigError.code;
}

let cached: ServerEnv | undefined;

/** Parses the environment once; throws a `ConfigError` naming every bad variable. */
export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = ServerEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n  ${lines.join("\n  ")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Whether the process runs under `next build` (no connections then). */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}
