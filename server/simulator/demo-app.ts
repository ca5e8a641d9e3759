import type { NatsConnection } from "@nats-io/transport-node";
import { z } from "zod";
import {
  ctlSubject,
  CtlReply,
  DEFAULT_CTL_PREFIX,
  eventWildcard,
  EVENT_TYPE_PREFIX,
} from "@/lib/protocol";
import type { Link } from "@/lib/protocol";
import type { SimulatedLattice, SimulatorOptions } from "./lattice";
import { derivedRng } from "./rng";

export const DEMO_PROVIDERS = [
  { id: "http-server", ref: "ghcr.io/wasmcloud/http-server:0.23.0", config: [] },
  { id: "kv-redis", ref: "ghcr.io/wasmcloud/keyvalue-redis:0.28.1", config: ["kv-redis-url"] },
] as const;

const WADM = {
  "wasmcloud.dev/managed-by": "wadm",
  "wasmcloud.dev/appspec": "inventory",
  "wasmcloud.dev/scaler": "inventory-inventory-worker-spreadscaler",
  "wasmcloud.dev/spread_name": "default",
};

/** Components of the demo app; `placement(index, zone)` decides which hosts run one. */
const DEMO_COMPONENTS = [
  {
    id: "http-api",
    ref: "ghcr.io/acme/http-api:1.4.0",
    count: 16,
    config: ["http-api-config"],
    annotations: {},
    placement: () => true,
  },
  {
    id: "counter",
    ref: "ghcr.io/acme/counter:0.8.1",
    count: 4,
    config: ["counter-config"],
    annotations: {},
    placement: () => true,
  },
  {
    id: "greeter",
    ref: "ghcr.io/acme/greeter:2.1.0",
    count: 8,
    config: ["greeter-config"],
    annotations: {},
    placement: (_i: number, zone: string) => zone !== "c",
  },
  {
    id: "inventory-worker",
    ref: "ghcr.io/acme/inventory-worker:0.3.0",
    count: 2,
    config: [],
    annotations: WADM,
    placement: (i: number) => i % 2 === 0,
  },
];
/** The older tag a couple of hosts still run: version skew for the console to show. */
export const DEMO_SKEWED = { id: "http-api", ref: "ghcr.io/acme/http-api:1.3.2" };

const DEMO_CONFIGS: Record<string, Record<string, string>> = {
  "http-api-config": { port: "8080", log_level: "info" },
  "counter-config": { bucket: "counters" },
  "greeter-config": { greeting: "Hello" },
  "kv-redis-url": { url: "redis://redis.acme.internal:6379" },
};

const http = { wit_namespace: "wasi", wit_package: "http", interfaces: ["incoming-handler"] };
const kv = { wit_namespace: "wasi", wit_package: "keyvalue", interfaces: ["store", "atomics"] };
const DEMO_LINKS: Partial<Link>[] = [
  {
    source_id: "http-server",
    target: "http-api",
    name: "default",
    ...http,
    source_config: ["http-api-config"],
  },
  // a second HTTP route needs its own link name: same source/namespace/package/name would conflict
  { source_id: "http-server", target: "greeter", name: "greeter", ...http },
  {
    source_id: "http-api",
    target: "kv-redis",
    name: "default",
    ...kv,
    target_config: ["kv-redis-url"],
  },
  {
    source_id: "counter",
    target: "kv-redis",
    name: "default",
    ...kv,
    target_config: ["kv-redis-url"],
  },
  {
    source_id: "inventory-worker",
    target: "kv-redis",
    name: "default",
    ...kv,
    interfaces: ["store"],
  },
  {
    source_id: "http-api",
    target: "counter",
    name: "default",
    wit_namespace: "acme",
    wit_package: "counter",
    interfaces: ["count"],
  },
];

/**
 * Deploys the demo app through the ctl protocol, the way wadm would: configs first, providers
 * on every host, components (with `count`, never `max_instances`), then links. Waits until
 * every start is confirmed by its event. Placement and skew derive from the seed.
 */
export async function deployDemoApp(
  nc: NatsConnection,
  lattice: SimulatedLattice,
  opts: SimulatorOptions,
): Promise<void> {
  const prefix = opts.ctlPrefix ?? DEFAULT_CTL_PREFIX;
  const ctl = async (tokens: string[], body: object) => {
    const msg = await nc.request(
      ctlSubject(prefix, lattice.lattice, ...tokens),
      JSON.stringify(body),
      { timeout: 10_000 },
    );
    const reply = CtlReply.parse(msg.json());
    if (!reply.success) throw new Error(`demo app: ${tokens.join(".")}: ${reply.message}`);
  };
  const hosts = lattice.hostIds();
  const rng = derivedRng(opts.seed ?? 1, "demo-skew");
  const skewed = new Set<string>();
  while (hosts.length >= 3 && skewed.size < 2)
    skewed.add(hosts[Math.floor(rng() * hosts.length)] ?? "");

  const pending = new Set<string>();
  const done = watchStarts(nc, lattice.lattice, pending);
  await nc.flush();
  try {
    for (const [name, values] of Object.entries(DEMO_CONFIGS))
      await ctl(["config", "put", name], values);
    const starts: Promise<void>[] = [];
    hosts.forEach((hostId, index) => {
      for (const p of DEMO_PROVIDERS) {
        pending.add(`${hostId}/${p.id}`);
        starts.push(
          ctl(["provider", "start", hostId], {
            provider_id: p.id,
            provider_ref: p.ref,
            host_id: hostId,
            config: p.config,
            annotations: {},
          }),
        );
      }
      const zone = lattice.inventory(hostId)?.labels?.zone ?? "";
      for (const c of DEMO_COMPONENTS.filter((c) => c.placement(index, zone))) {
        const ref = c.id === DEMO_SKEWED.id && skewed.has(hostId) ? DEMO_SKEWED.ref : c.ref;
        pending.add(`${hostId}/${c.id}`);
        starts.push(
          ctl(["component", "scale", hostId], {
            component_id: c.id,
            component_ref: ref,
            count: c.count,
            host_id: hostId,
            config: c.config,
            annotations: c.annotations,
          }),
        );
      }
    });
    await Promise.all(starts);
    for (const link of DEMO_LINKS) await ctl(["link", "put"], link);
    await done.wait(opts.fast ? 15_000 : 60_000);
  } finally {
    done.close();
  }
}

const StartEvent = z.object({
  type: z.string(),
  source: z.string(),
  data: z.object({ provider_id: z.string().optional(), component_id: z.string().optional() }),
});

/** Removes `{host}/{id}` from `pending` on each provider_started / component_scaled. */
function watchStarts(nc: NatsConnection, lattice: string, pending: Set<string>) {
  let notify = () => {};
  const sub = nc.subscribe(eventWildcard(lattice), {
    callback: (_err, msg) => {
      try {
        const event = StartEvent.safeParse(msg.json());
        if (!event.success) return;
        const { type, source, data } = event.data;
        const name = type.slice(EVENT_TYPE_PREFIX.length);
        const id =
          name === "provider_started"
            ? data.provider_id
            : name === "component_scaled"
              ? data.component_id
              : undefined;
        if (id !== undefined && pending.delete(`${source}/${id}`)) notify();
      } catch {
        // not ours to judge: other publishers may share the subject space
      }
    },
  });
  return {
    wait: (timeoutMs: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`demo app: ${pending.size} starts unconfirmed`)),
          timeoutMs,
        );
        notify = () => {
          if (pending.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        };
        notify();
      }),
    close: () => sub.unsubscribe(),
  };
}
