import "server-only";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { serverEnv } from "@/server/config";
import { getLatticeRegistry } from "@/server/lattice";
import { latticeConnection } from "@/server/nats";
import { RolloutLog, RolloutStore } from "@/server/store";
import { RolloutService } from "./service";

// On globalThis so route bundles and instrumentation share one service per lattice.
const g = globalThis as typeof globalThis & {
  __rolloutServices?: Map<string, Promise<RolloutService>>;
  __consoleOwner?: string;
};

/** This process's identity as a lease owner. */
function owner(): string {
  g.__consoleOwner ??= `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  return g.__consoleOwner;
}

async function open(lattice: string): Promise<RolloutService> {
  const env = serverEnv();
  const registry = getLatticeRegistry();
  const observer = registry.lattice(lattice);
  const data = registry.data(lattice);
  const ctl = registry.ctl(lattice);
  const connection = latticeConnection(lattice, {
    servers: env.NATS_URL,
    credsFile: env.NATS_CREDS,
    caFile: env.NATS_CA,
  });
  const nc = await connection.connected;
  const [store, log] = await Promise.all([
    RolloutStore.open(nc, lattice),
    RolloutLog.open(nc, lattice),
  ]);
  // Drift checks and gates read the model: drive only once it is complete.
  await Promise.all([observer.firstDiscovery, data.ready]);
  const service = new RolloutService({
    lattice,
    store,
    log,
    shell: { ctl, observer, readSourceLinks: (id) => data.readSourceLinks(id) },
    hosts: () => observer.hosts(),
    links: () => data.links(),
    configValues: (name) => data.configValues(name),
    owner: owner(),
    leaseMs: env.ROLLOUT_LEASE_SECONDS * 1000,
  });
  await service.start();
  return service;
}

/** The rollout service of a configured lattice, opened on first use; throws for unknown ones. */
export function rolloutService(lattice: string): Promise<RolloutService> {
  getLatticeRegistry().lattice(lattice);
  g.__rolloutServices ??= new Map();
  const services = g.__rolloutServices;
  let service = services.get(lattice);
  if (!service) {
    service = open(lattice);
    services.set(lattice, service);
    // A failed open (NATS down) is retried by the next caller.
    service.catch(() => services.delete(lattice));
  }
  return service;
}

/** Opens every lattice's service at start, so a restarted console resumes its rollouts. */
export function startRolloutServices(): void {
  for (const lattice of getLatticeRegistry().names()) {
    rolloutService(lattice).catch((err: unknown) =>
      console.error(`rollouts ${lattice}: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
}

export async function disposeRolloutServices(): Promise<void> {
  const services = g.__rolloutServices;
  g.__rolloutServices = undefined;
  if (!services) return;
  await Promise.all(
    [...services.values()].map((s) => s.then((x) => x.stop()).catch(() => undefined)),
  );
}
