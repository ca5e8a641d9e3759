/**
 * Rollout figures (issue 6, issue 8): the planner at lattice scale, and a rolling rollout
 * against simulated hosts with realistic timing — its wall time beside the hosts' own
 * operation times (the console's overhead), and the time of an automatic rollback.
 */
import { connect } from "@nats-io/transport-node";
import type { Host } from "@/lib/schemas/host";
import { RolloutSpec, type Rollout } from "@/lib/schemas/rollout";
import { planRollout } from "@/server/planner";
import type { RolloutService } from "@/server/rollouts";
import { startSimulatedLattice } from "@/server/simulator";
import { startConsole } from "../../tests/integration/test-console";
import { NatsServer } from "../../tests/helpers/nats-server";
import { ms, now, percentile } from "./stats";
import { measured, type BenchRow } from "./table";

function syntheticHosts(n: number): Host[] {
  const at = new Date(0).toISOString();
  return Array.from({ length: n }, (_, i) => ({
    id: `N${String(i).padStart(55, "0")}`,
    friendlyName: `bench-host-${i}`,
    version: "1.9.2",
    labels: { zone: "abc"[i % 3] ?? "a" },
    stale: false,
    lastSeen: at,
    uptimeSeconds: 60,
    uptimeReportedAt: at,
    components: Array.from({ length: 20 }, (_c, k) => ({
      id: `c${k}`,
      imageRef: `ghcr.io/acme/c${k}:1.0.0`,
      maxInstances: 4,
      annotations: {},
      limits: null,
    })),
    providers: ["http-server", "kv-redis"].map((id) => ({
      id,
      imageRef: `ghcr.io/wasmcloud/${id}:0.23.0`,
      health: "healthy" as const,
      annotations: {},
    })),
  }));
}

/** plan + diff + hash of one component's upgrade on every host (20 components, 2 providers each). */
export function benchPlanner(sizes: readonly number[]): BenchRow[] {
  const spec = RolloutSpec.parse({
    changes: [{ kind: "component", id: "c3", imageRef: "ghcr.io/acme/c3:1.1.0" }],
    strategy: { type: "rolling", maxUnavailable: 50, order: ["zone"] },
  });
  return sizes.map((n) => {
    const hosts = syntheticHosts(n);
    const input = {
      spec,
      hosts,
      links: [],
      configValues: () => null,
      knownConfig: { component: {}, provider: {} },
    };
    planRollout(input); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const t = now();
      planRollout(input);
      samples.push(ms(t));
    }
    return measured(
      {
        id: "planner",
        figure: "planner: plan + diff + hash (median of 5)",
        hosts: n,
        unit: "ms",
        target: n >= 10_000 ? "< 100 ms" : null,
      },
      percentile(samples, 50),
    );
  });
}

function until(
  service: RolloutService,
  id: string,
  done: (r: Rollout) => boolean,
): Promise<Rollout> {
  return new Promise((resolve) => {
    const off = service.onChange((r) => {
      if (r.id === id && done(r)) {
        off();
        resolve(r);
      }
    });
  });
}

/**
 * A rolling update of every host against simulated hosts with realistic timing. Each host's
 * own time runs from its update request to its success event (both seen on NATS); with
 * `maxUnavailable` hosts at once, the hosts' time of a wave is its slowest host's.
 */
export async function benchRollout(opts: {
  hosts: number;
  maxUnavailable: number;
  log: (line: string) => void;
}): Promise<BenchRow[]> {
  const server = await NatsServer.start();
  const lattice = `bench${Date.now().toString(36)}`;
  const nc = await connect({ servers: server.url });
  const sim = await startSimulatedLattice({
    natsUrl: server.url,
    lattice,
    hosts: opts.hosts,
    fast: false,
    heartbeatSeconds: 30,
    deployApp: true,
  });
  const console_ = await startConsole(server.url, lattice, { leaseMs: 10_000 });
  const sent = new Map<string, number>();
  const own = new Map<string, number>();
  const target = { ref: "ghcr.io/acme/counter:0.9.0" };
  const subs = [
    nc.subscribe(`wasmbus.ctl.v1.${lattice}.component.update.*`, {
      callback: (_e, m) => {
        sent.set(m.subject.split(".").at(-1) ?? "", performance.now());
      },
    }),
    nc.subscribe(`wasmbus.evt.${lattice}.component_scaled`, {
      callback: (_e, m) => {
        const ev: { source: string; data: { image_ref: string; max_instances: number } } = m.json();
        const at = sent.get(ev.source);
        if (at !== undefined && ev.data.image_ref === target.ref && ev.data.max_instances > 0) {
          if (!own.has(ev.source)) own.set(ev.source, performance.now() - at);
        }
      },
    }),
  ];
  await nc.flush();
  const rows: BenchRow[] = [];
  try {
    const { service } = console_;
    const run = async (imageRef: string, wanted: (r: Rollout) => boolean) => {
      sent.clear();
      own.clear();
      target.ref = imageRef;
      const spec = RolloutSpec.parse({
        changes: [{ kind: "component", id: "counter", imageRef }],
        strategy: { type: "rolling", maxUnavailable: opts.maxUnavailable },
        gates: { progressDeadlineSeconds: 30 },
      });
      const plan = await service.plan(spec);
      const t = performance.now();
      const created = await service.create(spec, plan.hash, "bench");
      if (created.kind !== "created") throw new Error(`rollout not created: ${created.kind}`);
      const done = await until(service, created.rollout.id, wanted);
      return { wall: performance.now() - t, plan, done };
    };
    opts.log(`rolling update of ${opts.hosts} hosts, ${opts.maxUnavailable} at a time`);
    const forward = await run("ghcr.io/acme/counter:0.9.0", (r) => r.state === "succeeded");
    const critical = forward.plan.waves.reduce(
      (sum, wave) => sum + Math.max(...wave.map((id) => own.get(id) ?? 0)),
      0,
    );
    rows.push(
      measured(
        {
          id: "rollout.wall",
          figure: `rolling update, ${opts.maxUnavailable} at a time: wall time`,
          hosts: opts.hosts,
          unit: "ms",
          baseline: {
            figure: "the hosts' own update times (slowest per wave, summed)",
            value: critical,
          },
        },
        forward.wall,
      ),
      measured(
        {
          id: "rollout.overhead",
          figure: "rolling update: console overhead over the hosts' own time",
          hosts: opts.hosts,
          unit: "%",
          target: "< 5 %",
        },
        (forward.wall / critical - 1) * 100,
      ),
    );
    // Rolling the finished rollout back: a new rollout from its restore-spec, same strategy.
    target.ref = "ghcr.io/acme/counter:0.8.1";
    sent.clear();
    own.clear();
    const t = performance.now();
    const back = await service.act(forward.done.id, "rollback", "bench");
    if (back.kind !== "ok") throw new Error(`rollback refused: ${back.kind}`);
    await until(service, back.rollout.id, (r) => r.state === "succeeded");
    rows.push(
      measured(
        {
          id: "rollout.rollback",
          figure: "rollback of the finished rollout (restore-spec, same strategy): wall time",
          hosts: opts.hosts,
          unit: "ms",
          baseline: {
            figure: "the hosts' own update times (slowest per wave, summed)",
            value: forward.plan.waves.reduce(
              (sum, wave) => sum + Math.max(...wave.map((id) => own.get(id) ?? 0)),
              0,
            ),
          },
        },
        performance.now() - t,
      ),
    );
  } finally {
    for (const s of subs) s.unsubscribe();
    await console_.stop();
    await sim.stop();
    await nc.close();
    await server.dispose();
  }
  return rows;
}
