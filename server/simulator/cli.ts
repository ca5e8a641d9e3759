/**
 * `npm run simulate`: boots a simulated lattice from environment variables (see README.md)
 * and runs until SIGINT/SIGTERM.
 */
import { z } from "zod";
import { DEFAULT_CTL_PREFIX, SAFE_TOKEN } from "@/lib/protocol";
import { startSimulatedLattice, type SimulatedLattice } from "./lattice";

const Flag = z
  .enum(["0", "1", "true", "false", "yes", "no"])
  .transform((v) => ["1", "true", "yes"].includes(v));

const Env = z.object({
  NATS_URL: z.string({ error: "required, e.g. nats://127.0.0.1:4222" }).min(1),
  LATTICE: z
    .string()
    .regex(SAFE_TOKEN, "must be one subject token [A-Za-z0-9_-]")
    .default("default"),
  HOSTS: z.coerce.number().int().min(1).max(100_000).default(12),
  SEED: z.coerce.number().int().default(1),
  HEARTBEAT_SECONDS: z.coerce.number().positive().default(30),
  SIM_FAST: Flag.default(false),
  DEPLOY_APP: Flag.default(true),
  WASMCLOUD_CTL_TOPIC_PREFIX: z.string().min(1).default(DEFAULT_CTL_PREFIX),
});

/** Unset and empty variables both mean "use the default". */
function readEnv(): z.ZodSafeParseResult<z.output<typeof Env>> {
  const present = Object.entries(process.env).filter(
    ([k, v]) => k in Env.shape && v !== undefined && v !== "",
  );
  return Env.safeParse(Object.fromEntries(present));
}

/** nats-server may still be starting (e.g. under `npm run demo`): retry the first connect. */
async function startWithRetry(env: z.output<typeof Env>): Promise<SimulatedLattice> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await startSimulatedLattice({
        natsUrl: env.NATS_URL,
        lattice: env.LATTICE,
        hosts: env.HOSTS,
        seed: env.SEED,
        heartbeatSeconds: env.HEARTBEAT_SECONDS,
        fast: env.SIM_FAST,
        deployApp: env.DEPLOY_APP,
        ctlPrefix: env.WASMCLOUD_CTL_TOPIC_PREFIX,
        log: (line) => console.log(`[simulator] ${line}`),
      });
    } catch (e) {
      if (Date.now() > deadline) throw e;
      console.log(
        `[simulator] waiting for NATS at ${env.NATS_URL}: ${e instanceof Error ? e.message : String(e)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

async function main(): Promise<void> {
  const env = readEnv();
  if (!env.success) {
    const issues = env.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    console.error(`simulate: invalid environment: ${issues}`);
    process.exit(2);
  }
  // Never die on a stray rejection: a simulated host logs and carries on.
  process.on("unhandledRejection", (e) => console.error(`[simulator] unhandled: ${String(e)}`));
  const sim = await startWithRetry(env.data);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[simulator] ${signal}: stopping`);
    // NATS may be unreachable while stopping: do not wait on it forever.
    setTimeout(() => process.exit(0), 3_000).unref();
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // Announced only once the signal handlers are in place: a supervisor may stop it at once.
  console.log(
    `[simulator] lattice ${sim.lattice}: ${sim.hostIds().length} hosts on ${env.data.NATS_URL}` +
      (env.data.DEPLOY_APP ? ", demo app deployed" : "") +
      ` (control: wasmsim.${sim.lattice}.control)`,
  );
}

main().catch((e: unknown) => {
  console.error(`simulate: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
