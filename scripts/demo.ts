/**
 * The demo supervisor behind `npm run demo`: its own nats-server (JetStream, data in .demo/),
 * a simulated lattice, and the console's production build, stopped together on Ctrl-C.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { connect } from "@nats-io/transport-node";
import { z } from "zod";
import { armDemoFaults, DEMO_BROKEN_REF, DEMO_UPGRADES } from "../server/simulator";
import { run, stopAll, waitFor, type Managed } from "./demo-processes";
import { rolloutWalkthrough } from "./demo-walkthrough";
import { freePort, isPortFree } from "./ports";

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NATS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DEMO_HOSTS: z.coerce.number().int().min(1).max(10_000).default(12),
  HEARTBEAT_SECONDS: z.coerce.number().int().min(1).default(10),
  SEED: z.coerce.number().int().default(1),
});

const DEMO_DIR = ".demo";
const LOCK_FILE = join(DEMO_DIR, "demo.json");
const Lock = z.object({ pid: z.number(), consoleUrl: z.string(), natsUrl: z.string() });

function runningDemo(): z.infer<typeof Lock> | null {
  try {
    const lock = Lock.parse(JSON.parse(readFileSync(LOCK_FILE, "utf8")));
    process.kill(lock.pid, 0); // throws when no such process
    return lock;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.error(`demo: invalid ${String(issue?.path[0])}: ${issue?.message}`);
    process.exit(2);
  }
  const env = parsed.data;

  const other = runningDemo();
  if (other) {
    console.error(
      `A demo is already running (pid ${other.pid}): console ${other.consoleUrl}, NATS ${other.natsUrl}.\n` +
        `Stop it with Ctrl-C in its terminal (or kill ${other.pid}) before starting another.`,
    );
    process.exit(1);
  }
  if (!(await isPortFree(env.PORT, "0.0.0.0"))) {
    console.error(`demo: port ${env.PORT} is in use; choose another with PORT=… npm run demo`);
    process.exit(1);
  }
  let natsPort = env.NATS_PORT ?? 4222;
  if (!(await isPortFree(natsPort))) {
    if (env.NATS_PORT !== undefined) {
      console.error(`demo: NATS_PORT ${natsPort} is in use`);
      process.exit(1);
    }
    natsPort = await freePort();
  }

  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  const consoleUrl = `http://localhost:${env.PORT}`;
  mkdirSync(DEMO_DIR, { recursive: true });
  writeFileSync(LOCK_FILE, JSON.stringify({ pid: process.pid, consoleUrl, natsUrl }));

  const started = Date.now();
  const processes: Managed[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the demo…");
    await stopAll(processes);
    rmSync(LOCK_FILE, { force: true });
    console.log("Demo stopped.");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NATS_URL: natsUrl };
  const supervise = (p: Managed) => {
    processes.push(p);
    void p.exited.then((code) => {
      if (!stopping) {
        console.error(`demo: ${p.name} exited unexpectedly (code ${code}); stopping everything`);
        void shutdown(1);
      }
    });
    return p;
  };

  console.log(`Starting nats-server with JetStream on ${natsUrl} (data in ${DEMO_DIR}/nats)…`);
  const natsArgs = [
    "-js",
    "-sd",
    join(DEMO_DIR, "nats"),
    "-a",
    "127.0.0.1",
    "-p",
    String(natsPort),
  ];
  supervise(run("nats", "nats-server", natsArgs, baseEnv, { quiet: true }));
  await waitFor("nats-server", async () => !(await isPortFree(natsPort)), 15_000);

  console.log("Building the console (next build)…");
  const build = run("build", "node_modules/.bin/next", ["build"], baseEnv, { quiet: true });
  processes.push(build);
  if ((await build.exited) !== 0) {
    console.error(`demo: next build failed:\n${build.tail()}`);
    return shutdown(1);
  }
  if (stopping) return;

  const consoleEnv = {
    ...baseEnv,
    LATTICES: "default",
    PORT: String(env.PORT),
    HEARTBEAT_SECONDS: String(env.HEARTBEAT_SECONDS),
  };
  supervise(
    run("console", "node_modules/.bin/next", ["start", "-p", String(env.PORT)], consoleEnv),
  );
  await waitFor(
    "the console",
    async () => (await fetch(`http://127.0.0.1:${env.PORT}/api/health`)).ok,
    60_000,
  );

  // The lattice starts after the console, so the console sees it boot and deploy live,
  // including the providers' first health events (they carry health only on change).
  console.log(`Starting a simulated lattice of ${env.DEMO_HOSTS} hosts in 3 zones…`);
  const simEnv = {
    ...baseEnv,
    LATTICE: "default",
    HOSTS: String(env.DEMO_HOSTS),
    SEED: String(env.SEED),
    HEARTBEAT_SECONDS: String(env.HEARTBEAT_SECONDS),
    DEPLOY_APP: "1",
  };
  // The simulator prefixes its own log lines.
  const simArgs = ["server/simulator/cli.ts"];
  supervise(run("simulator", "node_modules/.bin/tsx", simArgs, simEnv, { prefixed: false }));
  // The demo's broken build fails to start, so a rollout to it can be shown failing.
  const nc = await connect({ servers: natsUrl });
  await armDemoFaults(nc, "default").finally(() => nc.close());

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    [
      "",
      `Lattice Console is up (${seconds} s):`,
      `  console  ${consoleUrl}`,
      `  NATS     ${natsUrl}   (lattice "default")`,
      "",
      `Newer refs to roll out: ${Object.entries(DEMO_UPGRADES)
        .map(([id, ref]) => `${id} → ${ref}`)
        .join(", ")}; failing ref: ${DEMO_BROKEN_REF}`,
      "",
      ...rolloutWalkthrough(consoleUrl),
      "",
      "Inject faults into the simulated lattice, e.g.:",
      `  NATS_URL=${natsUrl} npm run sim -- crash-host '{"hostId":"N…"}'`,
      "Press Ctrl-C to stop everything.",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
