/**
 * The simulated lattice for the benchmark: hosts run in several `npm run simulate` child
 * processes (one Node process cannot keep thousands of hosts' heartbeats and replies on time),
 * then every host gets the benchmark's workloads over the ctl protocol, as wadm would deploy
 * them.
 */
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { spawn, type ChildProcess } from "node:child_process";
import { setPriority } from "node:os";
import { CtlClient } from "@/server/lattice";
import { boundedAll } from "@/server/lattice/bounded-all";

export const COMPONENTS_PER_HOST = 20;
export const PROVIDERS_PER_HOST = 2;
/** The component the probes rescale (scripts/bench/scale.ts sends exactly this one). */
export const PROBE_COMPONENT = "counter";
const COUNTER_REF = "ghcr.io/acme/counter:0.8.1";

/** Component ids on every host: the probe's `counter` and fillers up to 20. */
export const fillerIds = Array.from(
  { length: COMPONENTS_PER_HOST - 1 },
  (_, i) => `filler-${String(i + 1).padStart(2, "0")}`,
);
export const fillerRef = (id: string) => `ghcr.io/acme/${id}:1.0.0`;

export interface BenchLattice {
  natsUrl: string;
  hostIds: string[];
  nc: NatsConnection;
  ctl: CtlClient;
  stop(): Promise<void>;
}

function startSimProcess(natsUrl: string, lattice: string, hosts: number, seed: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "server/simulator/cli.ts"],
    {
      env: {
        ...process.env,
        NATS_URL: natsUrl,
        LATTICE: lattice,
        HOSTS: String(hosts),
        SEED: String(seed),
        // Realistic timing: fast mode health-checks every provider twice a second, which
        // would add 4 events/s per host to the load under test.
        SIM_FAST: "0",
        DEPLOY_APP: "0",
        HEARTBEAT_SECONDS: "30",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  killOnExit(child);
  deprioritise(child);
  const ready = new Promise<void>((resolve, reject) => {
    let log = "";
    const onData = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4_000);
      if (/\[simulator\] lattice .*hosts on/.test(log)) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code}:\n${log}`)));
  });
  return { child, ready };
}

/** Nice value of the stand-ins for other machines (simulated hosts, event load). */
const STAND_IN_NICE = 10;

/**
 * Lowers a stand-in's CPU priority. The simulated hosts and the event load play machines of
 * their own; on one shared machine they would otherwise take the CPU the console and the
 * browser under test need. Measurement is unaffected: latencies start at the bench's own NATS
 * client, which keeps normal priority.
 */
export function deprioritise(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    setPriority(child.pid, STAND_IN_NICE);
  } catch {
    // Not permitted here: the run goes on at equal priority.
  }
}

/** A crashed bench must not leave simulators running: 'exit' fires even on an uncaught error. */
export function killOnExit(child: ChildProcess): void {
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  child.once("exit", () => process.off("exit", kill));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(killer);
}

/** Boots `hostCount` hosts in `processes` simulators and deploys 20 components + 2 providers. */
export async function startBenchLattice(opts: {
  natsUrl: string;
  lattice: string;
  hostCount: number;
  processes: number;
}): Promise<BenchLattice> {
  const { natsUrl, lattice, hostCount } = opts;
  const processes = Math.max(1, Math.min(opts.processes, hostCount));
  const sims = Array.from({ length: processes }, (_, i) => {
    const share = Math.floor(hostCount / processes) + (i < hostCount % processes ? 1 : 0);
    return startSimProcess(natsUrl, lattice, share, i + 1);
  });
  const stop = async () => {
    await nc.close().catch(() => undefined);
    await Promise.all(sims.map((s) => stopChild(s.child)));
  };
  const nc = await connect({ servers: natsUrl });
  try {
    await Promise.all(sims.map((s) => s.ready));
    const ctl = new CtlClient({ lattice, prefix: "wasmbus.ctl", connection: () => nc });
    const pinged = await ctl.ping({ windowMs: 10_000, stallMs: 1_000 });
    const hostIds = pinged.hosts.map((h) => h.id).sort();
    if (hostIds.length !== hostCount)
      throw new Error(`ping found ${hostIds.length} of ${hostCount} simulated hosts`);
    await ctl.putConfig("counter-config", { greeting: "bench" });
    const jobs = hostIds.flatMap((hostId) => [
      () =>
        ctl.scaleComponent({
          hostId,
          componentId: PROBE_COMPONENT,
          componentRef: COUNTER_REF,
          count: 1,
          config: ["counter-config"],
          annotations: {},
        }),
      ...fillerIds.map(
        (id) => () =>
          ctl.scaleComponent({
            hostId,
            componentId: id,
            componentRef: fillerRef(id),
            count: 1,
            annotations: {},
          }),
      ),
      ...["http-server", "kv-redis"].map(
        (id) => () =>
          ctl.startProvider({
            hostId,
            providerId: id,
            providerRef: `ghcr.io/wasmcloud/${id}:0.23.0`,
            annotations: {},
          }),
      ),
    ]);
    // A refusal throws (CtlRefusedError) and fails the run: the lattice must be complete.
    await boundedAll(jobs, 128, async (job) => {
      await job();
    });
    await untilDeployed(ctl, hostIds);
    return { natsUrl, hostIds, nc, ctl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits until every host reports all its workloads (starts complete after the ctl ack). */
async function untilDeployed(ctl: CtlClient, hostIds: string[]): Promise<void> {
  let pending = hostIds;
  const deadline = performance.now() + 120_000;
  while (pending.length > 0) {
    const incomplete: string[] = [];
    await boundedAll(pending, 32, async (hostId) => {
      const inv = await ctl.getHost(hostId);
      const done =
        inv.components.length >= COMPONENTS_PER_HOST && inv.providers.length >= PROVIDERS_PER_HOST;
      if (!done) incomplete.push(hostId);
    });
    if (performance.now() > deadline)
      throw new Error(`${incomplete.length} hosts did not finish starting their workloads`);
    pending = incomplete;
    if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
