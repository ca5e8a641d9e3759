import "server-only";
import { serverEnv, type ServerEnv } from "@/server/config";
import { closeAllConnections, latticeConnection } from "@/server/nats";
import { CtlClient } from "./ctl-client";
import { UnknownLatticeError } from "./errors";
import { LatticeData } from "./lattice-data";
import { LatticeObserver } from "./observer";

export type RegistryConfig = Pick<
  ServerEnv,
  | "NATS_URL"
  | "LATTICES"
  | "NATS_CREDS"
  | "NATS_CA"
  | "WASMCLOUD_CTL_TOPIC_PREFIX"
  | "HEARTBEAT_SECONDS"
  | "HOST_FORGET_SECONDS"
  | "RESYNC_SECONDS"
  | "DISCOVERY_CONCURRENCY"
  | "PING_WINDOW_MS"
  | "PING_STALL_MS"
>;

interface LatticeEntry {
  observer: LatticeObserver;
  ctl: CtlClient;
  data: LatticeData;
}

/** The observers, ctl clients and KV replicas of every configured lattice in this process. */
export class LatticeRegistry {
  private readonly entries = new Map<string, LatticeEntry>();

  constructor(config: RegistryConfig) {
    for (const lattice of config.LATTICES) {
      const connection = latticeConnection(lattice, {
        servers: config.NATS_URL,
        credsFile: config.NATS_CREDS,
        caFile: config.NATS_CA,
      });
      const ctl = new CtlClient({
        lattice,
        prefix: config.WASMCLOUD_CTL_TOPIC_PREFIX,
        connection: () => connection.connection,
      });
      const observer = new LatticeObserver({
        lattice,
        connection,
        ctl,
        heartbeatSeconds: config.HEARTBEAT_SECONDS,
        forgetSeconds: config.HOST_FORGET_SECONDS,
        resyncSeconds: config.RESYNC_SECONDS,
        discoveryConcurrency: config.DISCOVERY_CONCURRENCY,
        pingWindowMs: config.PING_WINDOW_MS,
        pingStallMs: config.PING_STALL_MS,
      });
      const data = new LatticeData({ lattice, connection });
      this.entries.set(lattice, { observer, ctl, data });
    }
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The observer of a configured lattice; throws `UnknownLatticeError` (→ 404) otherwise. */
  lattice(name: string): LatticeObserver {
    return this.entry(name).observer;
  }

  ctl(name: string): CtlClient {
    return this.entry(name).ctl;
  }

  /**
   * The links and configs of a configured lattice; throws `UnknownLatticeError` otherwise, so a
   * route can pass its `[lattice]` segment as it came (only configured names are found).
   */
  data(name: string): LatticeData {
    return this.entry(name).data;
  }

  async stop(): Promise<void> {
    for (const entry of this.entries.values()) entry.data.stop();
    await Promise.all([...this.entries.values()].map((e) => e.observer.stop()));
  }

  private entry(name: string): LatticeEntry {
    const entry = this.entries.get(name);
    if (!entry) throw new UnknownLatticeError(name);
    return entry;
  }
}

// On globalThis so dev hot reload, route bundles and instrumentation share one registry.
const g = globalThis as typeof globalThis & { __latticeRegistry?: LatticeRegistry };

/** The process-wide registry, built from the environment on first use (idempotent). */
export function getLatticeRegistry(): LatticeRegistry {
  g.__latticeRegistry ??= new LatticeRegistry(serverEnv());
  return g.__latticeRegistry;
}

/** Stops the observers and closes the connections (tests, shutdown). */
export async function disposeLatticeRegistry(): Promise<void> {
  const registry = g.__latticeRegistry;
  g.__latticeRegistry = undefined;
  await registry?.stop();
  await closeAllConnections();
}
