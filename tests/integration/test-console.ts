import { LatticeData } from "@/server/lattice";
import { RolloutService } from "@/server/rollouts";
import { RolloutLog, RolloutStore } from "@/server/store";
import { quietLogger, startObserver, type TestObserver } from "./observer-harness";

/** One console process's rollout side: its own connection, observer, KV data and service. */
export interface TestConsole {
  observer: TestObserver;
  data: LatticeData;
  service: RolloutService;
  stop(): Promise<void>;
}

export async function startConsole(
  natsUrl: string,
  lattice: string,
  opts: { owner?: string; leaseMs?: number; drive?: boolean } = {},
): Promise<TestConsole> {
  const observer = startObserver(natsUrl, lattice, { pingWindowMs: 800, pingStallMs: 150 });
  const data = new LatticeData({ lattice, connection: observer.connection, logger: quietLogger });
  const nc = await observer.connection.connected;
  const [store, log] = await Promise.all([
    RolloutStore.open(nc, lattice),
    RolloutLog.open(nc, lattice),
  ]);
  await Promise.all([observer.observer.firstDiscovery, data.ready]);
  const service = new RolloutService({
    lattice,
    store,
    log,
    shell: {
      ctl: observer.ctl,
      observer: observer.observer,
      readSourceLinks: (id) => data.readSourceLinks(id),
    },
    hosts: () => observer.observer.hosts(),
    links: () => data.links(),
    configValues: (name) => data.configValues(name),
    owner: opts.owner ?? `test-${lattice}`,
    leaseMs: opts.leaseMs ?? 3_000,
    drive: opts.drive,
    onError: () => {},
  });
  await service.start();
  return {
    observer,
    data,
    service,
    async stop() {
      await service.stop();
      data.stop();
      await observer.dispose();
    },
  };
}
