import type { NatsConnection } from "@nats-io/transport-node";
import { z } from "zod";
import {
  ctlSubject,
  CtlReply,
  DEFAULT_CTL_PREFIX,
  eventWildcard,
  EVENT_TYPE_PREFIX,
  scaleComponentBody,
  startProviderBody,
} from "@/lib/protocol";
import type { SimulatedLattice, SimulatorOptions } from "./lattice";
import {
  DEMO_COMPONENTS,
  DEMO_CONFIGS,
  DEMO_LINKS,
  DEMO_PROVIDERS,
  DEMO_SKEWED,
} from "./demo-manifest";
import { derivedRng } from "./rng";

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
          ctl(
            ["provider", "start", hostId],
            startProviderBody({ hostId, providerId: p.id, providerRef: p.ref, config: p.config }),
          ),
        );
      }
      const zone = lattice.inventory(hostId)?.labels?.zone ?? "";
      for (const c of DEMO_COMPONENTS.filter((c) => c.placement(index, zone))) {
        const ref = c.id === DEMO_SKEWED.id && skewed.has(hostId) ? DEMO_SKEWED.ref : c.ref;
        pending.add(`${hostId}/${c.id}`);
        starts.push(
          ctl(
            ["component", "scale", hostId],
            scaleComponentBody({
              hostId,
              componentId: c.id,
              componentRef: ref,
              count: c.count,
              config: c.config,
              annotations: c.annotations,
            }),
          ),
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
