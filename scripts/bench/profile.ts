/**
 * `npx tsx --conditions=react-server scripts/bench/profile.ts [hosts] [clients]`: where the
 * console's memory and time go at one lattice size, without a browser. Starts the simulated
 * lattice and the production console (an existing build; NODE_OPTIONS such as `--cpu-prof`
 * reach it), then logs RSS each second and SSE delivery through steady (1 event/s per host)
 * and burst (10/s per host) load with `clients` stream clients open.
 */
import { NatsServer } from "../../tests/helpers/nats-server";
import { startConsole, untilComplete } from "./console";
import { startBenchLattice } from "./lattice";
import { latencies, spawnEventLoad, startProbes } from "./load";
import { spawnStreamClients } from "./sse-clients";
import { percentile } from "./stats";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.error(`[profile] ${line}`);
const PHASES = [
  { name: "steady", perHost: 1, seconds: 20, firstStamp: 1_000 },
  { name: "burst", perHost: 10, seconds: 10, firstStamp: 100_000 },
] as const;

async function main(): Promise<void> {
  const hosts = Number(process.argv[2] ?? 10_000);
  const clientCount = Number(process.argv[3] ?? 100);
  const name = `prof${hosts}`;
  const server = await NatsServer.start();
  const t0 = performance.now();
  const lattice = await startBenchLattice({
    natsUrl: server.url,
    lattice: name,
    hostCount: hosts,
    processes: Math.max(2, Math.ceil(hosts / 2_500)),
  });
  log(`lattice up in ${Math.round(performance.now() - t0)} ms`);
  const console_ = await startConsole({ natsUrl: server.url, lattice: name });
  try {
    const complete = await untilComplete(console_, name, hosts, 300_000);
    log(`complete model ${Math.round(complete)} ms, rss ${Math.round(console_.rssMb())} MB`);
    const t1 = performance.now();
    const res = await fetch(`${console_.base}/api/lattices/${name}/hosts`);
    const bytes = (await res.arrayBuffer()).byteLength;
    log(`GET hosts ${Math.round(performance.now() - t1)} ms, ${Math.round(bytes / 1024)} KiB`);
    await pause(2_000);
    log(`idle rss ${Math.round(console_.rssMb())} MB`);
    const probeHost = lattice.hostIds[0] ?? "";
    const clients = await spawnStreamClients(console_.base, name, probeHost, clientCount);
    await pause(3_000);
    log(`${clientCount} streams idle rss ${Math.round(console_.rssMb())} MB`);
    const onNats: { name: string; stamps: Map<number, number> }[] = [];
    for (const phase of PHASES) {
      const cpu0 = console_.cpuSeconds();
      const started = performance.now();
      const load = await spawnEventLoad(lattice.natsUrl, name, lattice.hostIds, phase.perHost);
      const probes = startProbes(lattice.nc, name, probeHost, {
        intervalMs: 250,
        firstStamp: phase.firstStamp,
      });
      let maxRss = 0;
      for (let s = 0; s < phase.seconds; s++) {
        await pause(1_000);
        const rss = console_.rssMb();
        maxRss = Math.max(maxRss, rss);
        log(`${phase.name} t=${s + 1}s rss ${Math.round(rss)} MB`);
      }
      probes.stop();
      const sent = await load.stop();
      const elapsed = (performance.now() - started) / 1000;
      const cpu = ((console_.cpuSeconds() - cpu0) / elapsed) * 100;
      log(
        `${phase.name}: ${Math.round(sent / elapsed)} events/s, console cpu ${Math.round(cpu)} %, max rss ${Math.round(maxRss)} MB`,
      );
      await pause(3_000);
      probes.close();
      onNats.push({ name: phase.name, stamps: probes.onNats });
    }
    const streams = await clients.stop();
    for (const phase of onNats) {
      const delivered = streams.seen.flatMap((s) => latencies(phase.stamps, s));
      log(
        `${phase.name}: SSE p50 ${Math.round(percentile(delivered, 50))} / p95 ${Math.round(percentile(delivered, 95))} ms, ${delivered.length} deliveries`,
      );
    }
    log(
      `resyncs ${streams.resyncs}, drops ${streams.drops}, ${Math.round(streams.bytesPerClient / 1024)} KiB read per stream after its snapshot`,
    );
  } finally {
    await console_.stop();
    await lattice.stop();
    await server.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
