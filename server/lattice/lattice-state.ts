import "server-only";
import type { HostInventory, LatticeEvent, PingHost } from "@/lib/protocol";
import type { ProviderHealth } from "@/lib/schemas/host";
import { HostTable } from "./host-table";
import type { WorkloadMap } from "./workload-map";

export interface ComponentModel {
  readonly id: string;
  readonly imageRef: string;
  readonly maxInstances: number;
  readonly annotations: Readonly<Record<string, string>>;
  /**
   * 1.9 `component_limits` as the inventory last reported them (protocol §5.1); null when
   * none. Events do not carry them, and a rescale can wipe them (§10), so only an inventory
   * sets them.
   */
  readonly limits: Readonly<Record<string, string>> | null;
}

export interface ProviderModel {
  readonly id: string;
  readonly imageRef: string;
  readonly annotations: Readonly<Record<string, string>>;
  /** Only health events set this; inventories do not carry it (protocol §3.2, §7.4). */
  readonly health: ProviderHealth;
}

/** The last count>0 `component_scaled` from a host, to recognise the update pair (§7.2). */
export interface LastScaled {
  readonly componentId: string;
  readonly imageRef: string;
}

/** What the console believes about one host. Immutable: every change makes a new object. */
export interface HostModel {
  readonly id: string;
  readonly friendlyName: string;
  readonly version: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly uptimeSeconds: number;
  /** Epoch ms when `uptimeSeconds` was reported. */
  readonly uptimeReportedAt: number;
  /** Epoch ms of the last heartbeat, event or reply from this host. */
  readonly lastSeen: number;
  /** Epoch ms of the last component/provider event, to spot a lagging heartbeat (§4). */
  readonly lastWorkloadEventAt: number;
  readonly components: WorkloadMap<ComponentModel>;
  readonly providers: WorkloadMap<ProviderModel>;
  /** Set by a count>0 `component_scaled`, cleared by any other event from the host. */
  readonly lastScaled: LastScaled | null;
}

export interface LatticeState {
  readonly hosts: HostTable;
}

export const emptyLatticeState: LatticeState = { hosts: HostTable.empty };

/** What the reducer consumes: an event, an inventory read, a ping reply, or the clock. */
export type LatticeInput =
  | { kind: "event"; event: LatticeEvent }
  | { kind: "inventory"; inventory: HostInventory }
  | { kind: "ping"; host: PingHost }
  | { kind: "expire"; forgetAfterMs: number };

export interface ReduceResult {
  readonly state: LatticeState;
  readonly changedHostIds: readonly string[];
  readonly removedHostIds: readonly string[];
  /** Hosts whose inventory should be re-read with `host.get` instead of trusting events. */
  readonly resyncHostIds: readonly string[];
}

/** A host is stale after 3 heartbeat intervals without a heartbeat or event (protocol §4). */
export function isStale(host: HostModel, now: number, heartbeatMs: number): boolean {
  return now - host.lastSeen > 3 * heartbeatMs;
}
