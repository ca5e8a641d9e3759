import type { NatsConnection } from "@nats-io/transport-node";
import type { EventFactory } from "./events";
import type { Faults } from "./faults";
import type { LatticeStore } from "./lattice-store";
import type { Timing } from "./timing";

/** What every simulated host of one lattice shares. */
export interface LatticeContext {
  nc: NatsConnection;
  lattice: string;
  /** ctl subject prefix (`WASMCLOUD_CTL_TOPIC_PREFIX`, default `wasmbus.ctl`). */
  prefix: string;
  /** reported as `ctl_host`/`rpc_host` in ping replies (protocol §5.2). */
  natsUrl: string;
  store: LatticeStore;
  faults: Faults;
  events: EventFactory;
  timing: Timing;
  log: (line: string) => void;
}

export interface RunningComponent {
  id: string;
  imageRef: string;
  annotations: Record<string, string>;
  maxInstances: number;
  config: string[];
  limits: Record<string, string> | null;
}

export type ProviderHealth = "unknown" | "healthy" | "unhealthy";

export interface RunningProvider {
  id: string;
  imageRef: string;
  annotations: Record<string, string>;
  config: string[];
  /** `wasmcloud+builtin://…` providers never emit health events (protocol §7.4). */
  isBuiltin: boolean;
  health: ProviderHealth;
  healthTimer?: ReturnType<typeof setTimeout>;
}
