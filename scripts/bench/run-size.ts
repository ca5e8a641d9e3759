/**
 * Every figure at one lattice size: a fresh nats-server, the simulated lattice, the baselines,
 * the production console and the page, under idle, steady and burst load.
 */
import type { Browser } from "@playwright/test";
import { eventWildcard } from "@/lib/protocol";
import { NatsServer } from "../../tests/helpers/nats-server";
import { naivePoll, natsRoundTrip } from "./baselines";
import { startConsole, untilComplete, type BenchConsole } from "./console";
import { startBenchLattice, type BenchLattice } from "./lattice";
import { latencies, spawnEventLoad, startProbes } from "./load";
import type { ModeConfig } from "./modes";
import { freshPageShowsLattice, watchProbeHost } from "./page";
import { spawnStreamClients } from "./sse-clients";
import { percentile } from "./stats";
import { measured, type BenchRow } from "./table";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Time for the last probes of a phase to reach NATS and the page before reading results. */
const DRAIN_MS = 1_500;

interface PhaseResult {
  probes: { onNats: Map<number, number> };
  messagesPerSecond: number;
  /** Messages published on the lattice's event subjects, as a bench subscriber counted them. */
  onNatsPerSecond: number;
  cpuPercent: number;
  maxRssMb: number;
  published: number;
  probeFailures: number;
}

/** Runs load at `perHost` events/s per host with probes for `seconds`, sampling the console. */
async function phase(
  lattice: BenchLattice,
  console_: BenchConsole,
  name: string,
  opts: { perHost: number; seconds: number; probeIntervalMs: number; firstStamp: number },
): Promise<PhaseResult> {
  let onNats = 0;
  const counter = lattice.nc.subscribe(eventWildcard(name), { callback: () => void onNats++ });
  await lattice.nc.flush();
  const before = await console_.summary(name, 10);
  const cpu0 = console_.cpuSeconds();
  const started = performance.now();
  const load = await spawnEventLoad(lattice.natsUrl, name, lattice.hostIds, opts.perHost);
  const probes = startProbes(lattice.nc, name, lattice.hostIds[0] ?? "", {
    intervalMs: opts.probeIntervalMs,
    firstStamp: opts.firstStamp,
  });
  let maxRssMb = console_.rssMb();
  for (let s = 0; s < opts.seconds; s++) {
    await pause(1_000);
    maxRssMb = Math.max(maxRssMb, console_.rssMb());
  }
  probes.stop();
  const published = await load.stop();
  const elapsedS = (performance.now() - started) / 1000;
  const cpu1 = console_.cpuSeconds();
  const after = await console_.summary(name, 10);
  counter.unsubscribe();
  await pause(DRAIN_MS);
  probes.close();
  if (probes.failures() === probes.sent()) throw new Error("every probe request failed");
  const messages =
    (after?.messageCounters?.messages ?? NaN) - (before?.messageCounters?.messages ?? NaN);
  return {
    probes,
    messagesPerSecond: messages / elapsedS,
    onNatsPerSecond: onNats / elapsedS,
    cpuPercent: ((cpu1 - cpu0) / elapsedS) * 100,
    maxRssMb,
    published,
    probeFailures: probes.failures(),
  };
}

export async function runSize(
  hosts: number,
  mode: ModeConfig,
  browser: Browser,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const row = (r: Parameters<typeof measured>[0], value: number) =>
    rows.push(measured({ hosts, ...r }, value));
  const name = `bench${hosts}`;
  const server = await NatsServer.start();
  let lattice: BenchLattice | undefined;
  let console_: BenchConsole | undefined;
  try {
    log(`${hosts} hosts: simulators and workloads`);
    lattice = await startBenchLattice({
      natsUrl: server.url,
      lattice: name,
      hostCount: hosts,
      processes: mode.simProcesses(hosts),
    });
    log(`${hosts} hosts: baselines`);
    const rtt = await natsRoundTrip(lattice.nc, mode.rttSamples);
    const naive = await naivePoll(lattice.ctl, hosts);

    log(`${hosts} hosts: console start`);
    console_ = await startConsole({ natsUrl: server.url, lattice: name });
    const complete = await untilComplete(console_, name, hosts, 300_000);
    const naiveBaseline = { figure: "naive host.get poll", value: naive };
    row(
      {
        id: "model.complete",
        figure: "console start → complete model",
        unit: "ms",
        baseline: naiveBaseline,
      },
      complete,
    );
    const fresh = await freshPageShowsLattice(browser, console_.base, name, hosts);
    row(
      {
        id: "page.fresh",
        figure: "fresh page shows the full lattice",
        unit: "ms",
        baseline: naiveBaseline,
        target: "< 1 s at 10,000 hosts",
      },
      fresh,
    );

    log(`${hosts} hosts: steady load, 1 event/s per host, one browser`);
    const watch = await watchProbeHost(browser, console_.base, name, lattice.hostIds[0] ?? "");
    const steady = await phase(lattice, console_, name, {
      perHost: 1,
      seconds: mode.steadySeconds,
      probeIntervalMs: mode.probeIntervalMs,
      firstStamp: 1_000,
    });
    const steadyPage = latencies(steady.probes.onNats, await watch.seen());
    const steadyTarget = hosts >= 10_000 ? "p95 < 150 ms" : "p95 < 50 ms";
    for (const p of [50, 95, 99] as const) {
      row(
        {
          id: `page.steady.p${p}`,
          figure: `event → visible in page, steady 1/s/host, p${p}`,
          unit: "ms",
          baseline: { figure: `NATS req/reply p${p}`, value: rtt[`p${p}`] },
          target: p === 95 ? steadyTarget : null,
          note:
            p === 50 ? `${steadyPage.length} probes seen, ${steady.probeFailures} failed` : null,
        },
        percentile(steadyPage, p),
      );
    }
    row(
      {
        id: "console.rss",
        figure: "console RSS, max under steady load",
        unit: "MB",
        target: "< 500 MB at 10,000 hosts",
      },
      steady.maxRssMb,
    );
    row(
      { id: "console.cpu", figure: "console CPU under steady load", unit: "% of a core" },
      steady.cpuPercent,
    );

    log(`${hosts} hosts: steady load with ${mode.streamClients} stream clients`);
    const clients = await spawnStreamClients(
      console_.base,
      name,
      lattice.hostIds[0] ?? "",
      mode.streamClients,
    );
    await pause(DRAIN_MS);
    const fanout = await phase(lattice, console_, name, {
      perHost: 1,
      seconds: mode.steadySeconds,
      probeIntervalMs: mode.probeIntervalMs,
      firstStamp: 100_000,
    });
    // Read from the clients' `ready` (every snapshot in) through two drains and the phase.
    const streams = await clients.stop();
    const delivered = streams.seen.flatMap((s) => latencies(fanout.probes.onNats, s));
    row(
      {
        id: "sse.p95",
        figure: `event → SSE delivery, ${mode.streamClients} clients, p95`,
        unit: "ms",
        baseline: { figure: "NATS req/reply p95", value: rtt.p95 },
        note: `${delivered.length} deliveries, ${fanout.probeFailures} probes failed; ${streams.resyncs} resyncs, ${streams.drops} drops; ~${Math.round(streams.bytesPerClient / (mode.steadySeconds + (2 * DRAIN_MS) / 1000) / 1024)} KiB/s per stream`,
      },
      percentile(delivered, 95),
    );
    row(
      {
        id: "nats.messages",
        figure: `NATS messages to the console, ${mode.streamClients + 1} browsers`,
        unit: "msg/s",
        baseline: { figure: "with 1 browser", value: steady.messagesPerSecond },
        target: "independent of browsers",
        note: `${Math.round(fanout.onNatsPerSecond)} msg/s published on wasmbus.evt`,
      },
      fanout.messagesPerSecond,
    );

    log(`${hosts} hosts: burst, 10 events/s per host`);
    const burst = await phase(lattice, console_, name, {
      perHost: 10,
      seconds: mode.burstSeconds,
      probeIntervalMs: mode.probeIntervalMs,
      firstStamp: 200_000,
    });
    const burstPage = latencies(burst.probes.onNats, await watch.seen());
    for (const p of [50, 95, 99] as const) {
      row(
        {
          id: `page.burst.p${p}`,
          figure: `event → visible in page, burst 10/s/host, p${p}`,
          unit: "ms",
          baseline: { figure: `NATS req/reply p${p}`, value: rtt[`p${p}`] },
          note:
            p === 50
              ? `${burstPage.length} probes seen, ${burst.probeFailures} failed; ${Math.round(burst.published / mode.burstSeconds)} events/s sent`
              : null,
        },
        percentile(burstPage, p),
      );
    }
    await watch.page.close();
    return rows;
  } finally {
    await console_?.stop();
    await lattice?.stop();
    await server.dispose();
  }
}
