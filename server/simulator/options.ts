import type { HostInventoryWire } from "@/lib/protocol";
import type { HostFeatures } from "./host";

export interface SimulatorOptions {
  natsUrl: string;
  lattice: string;
  hosts: number;
  /** default 1 */
  seed?: number;
  /** default ["a","b","c"]; host i gets label zone=zones[i % n] */
  zones?: string[];
  /** default 30 */
  heartbeatSeconds?: number;
  /** tiny delays (≈5–20 ms) instead of realistic ones */
  fast?: boolean;
  /** default "wasmbus.ctl" */
  ctlPrefix?: string;
  /** default false; true = deploy the demo app after boot */
  deployApp?: boolean;
  /** diagnostics sink; default: silent */
  log?: (line: string) => void;
}

export interface SimulatedLattice {
  readonly lattice: string;
  /** live (not crashed/stopped) hosts */
  hostIds(): string[];
  /** the host's truth, as host.get would answer */
  inventory(hostId: string): HostInventoryWire | undefined;
  /** `features` switches auctions off per host (default on) */
  addHosts(
    count: number,
    labels?: Record<string, string>,
    features?: HostFeatures,
  ): Promise<string[]>;
  /** close everything (no host_stopped) */
  stop(): Promise<void>;
}
