/**
 * Live figures against a real nats-server and the simulated lattice: how long discovery of
 * every host takes, and how long a change on a host takes to reach the observer's deltas
 * (which the SSE stream forwards to browsers as they are).
 */
import { connect } from "@nats-io/transport-node";
import type { DeltaFrame } from "@/lib/schemas/stream";
import { startSimulatedLattice } from "@/server/simulator";
import { NatsServer } from "../../tests/helpers/nats-server";
import { startObserver } from "../../tests/integration/observer-harness";
import { scaleCounter } from "./scale";
import { ms, now, percentile, report } from "./stats";

export async function benchLive(hostCount: number, changes: number): Promise<void> {
  console.log(`\n# live: real nats-server, ${hostCount} simulated hosts with the demo app`);
  const server = await NatsServer.start();
  const lattice = "bench";
  try {
    let start = now();
    const sim = await startSimulatedLattice({
      natsUrl: server.url,
      lattice,
      hosts: hostCount,
      fast: true,
      deployApp: true,
      heartbeatSeconds: 30,
    });
    report("simulator boot + app deployment", ms(start), "ms");

    start = now();
    const { observer, dispose } = startObserver(server.url, lattice, {
      pingWindowMs: 5_000,
      pingStallMs: 250,
      batchMs: undefined, // the production batch window
    });
    await observer.firstDiscovery;
    const discovered = observer.snapshot().hosts.length;
    report(`discovery (ping + host.get), ${discovered}/${hostCount} hosts`, ms(start), "ms");
    if (discovered !== hostCount) throw new Error(`discovered ${discovered} of ${hostCount} hosts`);

    const nc = await connect({ servers: server.url });
    const latencies: number[] = [];
    const hostIds = sim.hostIds();
    for (let i = 0; i < changes; i++) {
      const hostId = hostIds[i % hostIds.length] ?? "";
      const count = 10 + i;
      const seen = new Promise<void>((resolve) => {
        const off = observer.subscribe((delta: DeltaFrame) => {
          const host = delta.upserts.find((h) => h.id === hostId);
          if (host?.components.some((c) => c.id === "counter" && c.maxInstances === count)) {
            off();
            resolve();
          }
        });
      });
      const sent = now();
      await scaleCounter(nc, lattice, hostId, count);
      await seen;
      latencies.push(ms(sent));
    }
    report(`scale → observer delta, p50 of ${changes}`, percentile(latencies, 50), "ms");
    report(`scale → observer delta, p95 of ${changes}`, percentile(latencies, 95), "ms");

    await nc.close();
    await dispose();
    await sim.stop();
  } finally {
    await server.dispose();
  }
}
