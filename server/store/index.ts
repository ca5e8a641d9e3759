import "server-only";
export { RolloutStore, rolloutBucket } from "./rollout-store";
export type { KnownConfigs, Versioned } from "./rollout-store";
export { RolloutLog, logStream } from "./rollout-log";
export type { LogLine } from "./rollout-log";
export { Lease } from "./store-schemas";
export { WriteConflictError, CorruptEntryError } from "./errors";
