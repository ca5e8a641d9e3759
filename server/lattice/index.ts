import "server-only";
export { CtlClient } from "./ctl-client";
export type { CtlClientOptions, CtlAck, PingResult } from "./ctl-client";
export type * from "./ctl-commands";
export * from "./errors";
export { reduceLattice } from "./reducer";
export { emptyLatticeState, isStale } from "./lattice-state";
export { HostTable } from "./host-table";
export type {
  LatticeState,
  LatticeInput,
  HostModel,
  ComponentModel,
  ProviderModel,
  ReduceResult,
} from "./lattice-state";
export { HEARTBEAT_LAG_MS } from "./host-model";
export { toApiHost } from "./to-api-host";
export { summarizeEvent, toFeedEvent } from "./event-summary";
export { LatticeObserver } from "./observer";
export type { ObserverOptions } from "./observer";
export type { ObserverStats, Logger } from "./message-stats";
export type { ResyncKind } from "./resyncer";
export { LatticeRegistry, getLatticeRegistry, disposeLatticeRegistry } from "./registry";
export type { RegistryConfig } from "./registry";
export { LatticeData } from "./lattice-data";
export type { LatticeDataOptions, LatticeDataStats } from "./lattice-data";
export type { BucketStats } from "./lattice-data-bucket";
export { waitForHost } from "./host-gate";
export type { GateOutcome, GateSource, HostGate } from "./host-gate";
