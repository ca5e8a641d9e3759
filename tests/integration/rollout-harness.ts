import { connect, type NatsConnection, type Subscription } from "@nats-io/transport-node";
import { afterAll, beforeAll } from "vitest";
import { DEFAULT_CTL_PREFIX } from "@/lib/protocol";
import type { Rollout, RolloutSpecInput } from "@/lib/schemas/rollout";
import { RolloutSpec } from "@/lib/schemas/rollout";
import type { RolloutService } from "@/server/rollouts";
import { simControl, startSimulatedLattice, type SimulatedLattice } from "@/server/simulator";
import type { SimCommand } from "@/server/simulator";
import type { z } from "zod";
import { NatsServer } from "../helpers/nats-server";
import { freshLattice } from "./observer-harness";
import { startConsole, type TestConsole } from "./test-console";

export { startConsole };

/** A ctl request a simulated host received, as seen on the wire. */
export interface SeenRequest {
  verb: string;
  hostId: string;
  body: Record<string, unknown>;
  at: number;
}

/** Records every targeted ctl request of a lattice: what the hosts received. */
export class CtlRecorder {
  readonly requests: SeenRequest[] = [];
  private readonly sub: Subscription;
  private waiters: (() => void)[] = [];

  constructor(nc: NatsConnection, lattice: string) {
    const prefix = `${DEFAULT_CTL_PREFIX}.v1.${lattice}.`;
    this.sub = nc.subscribe(`${prefix}*.*.*`, {
      callback: (_err, msg) => {
        const [noun, verb, hostId] = msg.subject.slice(prefix.length).split(".");
        if (!noun || !verb || !hostId || noun === "host") return;
        const text = msg.string();
        const body: Record<string, unknown> = text ? JSON.parse(text) : {};
        this.requests.push({ verb: `${noun}.${verb}`, hostId, body, at: Date.now() });
        for (const w of [...this.waiters]) w();
      },
    });
  }

  of(verb: string): SeenRequest[] {
    return this.requests.filter((r) => r.verb === verb);
  }

  /** Resolves once `count` requests of `verb` arrived; fails at the deadline. */
  waitFor(verb: string, count: number, timeoutMs = 10_000): Promise<SeenRequest[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const seen = this.of(verb);
        if (seen.length < count) return;
        finish();
        resolve(seen);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`saw ${this.of(verb).length} of ${count} ${verb} requests`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
      };
      this.waiters.push(check);
      check();
    });
  }

  close(): void {
    this.sub.unsubscribe();
  }
}

export interface RolloutScenario {
  lattice: string;
  nc: NatsConnection;
  sim: SimulatedLattice;
  console: TestConsole;
  recorder: CtlRecorder;
  control(cmd: z.input<typeof SimCommand>): Promise<unknown>;
  close(): Promise<void>;
}

export async function startRolloutScenario(
  natsUrl: string,
  opts: { hosts?: number; leaseMs?: number; drive?: boolean } = {},
): Promise<RolloutScenario> {
  const lattice = freshLattice("ro");
  const nc = await connect({ servers: natsUrl });
  const recorder = new CtlRecorder(nc, lattice);
  const sim = await startSimulatedLattice({
    natsUrl,
    lattice,
    hosts: opts.hosts ?? 6,
    fast: true,
    heartbeatSeconds: 60,
    deployApp: true,
  });
  await nc.flush();
  const console = await startConsole(natsUrl, lattice, {
    leaseMs: opts.leaseMs,
    drive: opts.drive,
  });
  // The demo deployment's own requests are not the rollout's.
  recorder.requests.length = 0;
  return {
    lattice,
    nc,
    sim,
    console,
    recorder,
    control: (cmd) => simControl(nc, lattice, cmd),
    async close() {
      recorder.close();
      await console.stop();
      await sim.stop();
      await nc.close();
    },
  };
}

/** One nats-server for a describe block. */
export function rolloutSuite() {
  let server: NatsServer | undefined;
  beforeAll(async () => {
    server = await NatsServer.start();
  });
  afterAll(async () => {
    await server?.dispose();
  });
  return {
    url: () => {
      if (!server) throw new Error("nats-server is not started yet");
      return server.url;
    },
  };
}

export const spec = (input: RolloutSpecInput) => RolloutSpec.parse(input);

/** Resolves with the rollout once `check` holds, re-checking on every change; fails at the deadline. */
export function waitForRollout(
  service: RolloutService,
  id: string,
  check: (r: Rollout) => boolean,
  timeoutMs = 20_000,
): Promise<Rollout> {
  return new Promise((resolve, reject) => {
    let last: Rollout | undefined;
    const probe = (r: Rollout) => {
      if (r.id !== id) return;
      last = r;
      if (check(r)) finish(undefined, r);
    };
    const unsubscribe = service.onChange(probe);
    const timer = setTimeout(
      () =>
        finish(
          new Error(
            `rollout ${id} did not get there; last: ${JSON.stringify(last?.state)} ${last?.message ?? ""}`,
          ),
        ),
      timeoutMs,
    );
    const finish = (err: Error | undefined, r?: Rollout) => {
      clearTimeout(timer);
      unsubscribe();
      if (err) reject(err);
      else if (r) resolve(r);
    };
    void service.get(id).then(probe, () => {});
  });
}

/** Plans and starts a rollout; fails when the plan has errors. */
export async function startRollout(
  service: RolloutService,
  input: RolloutSpecInput,
): Promise<Rollout> {
  const parsed = spec(input);
  const plan = await service.plan(parsed);
  if (plan.errors.length > 0) throw new Error(`plan has errors: ${plan.errors.join("; ")}`);
  const created = await service.create(parsed, plan.hash, "tester");
  if (created.kind !== "created") throw new Error(`rollout not created: ${created.kind}`);
  return created.rollout;
}
