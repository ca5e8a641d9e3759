import type { NatsConnection } from "@nats-io/transport-node";
import { waitForHost } from "@/lib/host-gate";
import {
  ctlSubject,
  CtlReply,
  DEFAULT_CTL_PREFIX,
  scaleComponentBody,
  startProviderBody,
  type LatticeEvent,
} from "@/lib/protocol";
import type { Host } from "@/lib/schemas/host";
import type { SimulatedLattice, SimulatorOptions } from "./lattice";
import {
  DEMO_COMPONENTS,
  DEMO_CONFIGS,
  DEMO_LINKS,
  DEMO_PROVIDERS,
  DEMO_SKEWED,
} from "./demo-manifest";
import { simulatedGateSource } from "./gate-source";
import { derivedRng } from "./rng";

/**
 * Deploys the demo app through the ctl protocol, the way wadm would: configs first, providers
 * on every host, components (with `count`, never `max_instances`), then links. Waits until
 * every host's own inventory shows what was started there. Placement and skew derive from the
 * seed.
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

  const expected = new Map<string, Workload[]>();
  const want = (hostId: string, workload: Workload) =>
    expected.set(hostId, [...(expected.get(hostId) ?? []), workload]);
  for (const [name, values] of Object.entries(DEMO_CONFIGS))
    await ctl(["config", "put", name], values);
  const starts: Promise<void>[] = [];
  hosts.forEach((hostId, index) => {
    for (const p of DEMO_PROVIDERS) {
      want(hostId, { kind: "provider", id: p.id, ref: p.ref });
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
      want(hostId, { kind: "component", id: c.id, ref });
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
  await confirmStarts(nc, lattice, expected, opts.fast ? 15_000 : 60_000);
}

/** A start the demo asked of one host, confirmed when the host's inventory lists it. */
interface Workload {
  kind: "provider" | "component";
  id: string;
  ref: string;
}

const missingOn = (host: Host | undefined, wanted: readonly Workload[]) =>
  wanted.filter(
    (w) =>
      !(w.kind === "provider" ? host?.providers : host?.components)?.some(
        (running) => running.id === w.id && running.imageRef === w.ref,
      ),
  );

/** The reason a start of one of `wanted` failed, when `event` says so. */
function startFailure(event: LatticeEvent, wanted: readonly Workload[]): string | undefined {
  const isWanted = (kind: Workload["kind"], id: string) =>
    wanted.some((w) => w.kind === kind && w.id === id);
  if (event.name === "provider_start_failed" && isWanted("provider", event.data.provider_id))
    return `provider ${event.data.provider_id}: ${event.data.error}`;
  if (event.name === "component_scale_failed" && isWanted("component", event.data.component_id))
    return `component ${event.data.component_id}: ${event.data.error}`;
  return undefined;
}

/**
 * Waits, through one gate per host, until every host's own inventory lists what was started
 * there; a start failure from that host fails the deployment at once.
 */
async function confirmStarts(
  nc: NatsConnection,
  lattice: SimulatedLattice,
  expected: ReadonlyMap<string, readonly Workload[]>,
  timeoutMs: number,
): Promise<void> {
  const source = simulatedGateSource(nc, lattice);
  try {
    const deadline = Date.now() + timeoutMs;
    const outcomes = await Promise.all(
      [...expected].map(async ([hostId, wanted]) => ({
        hostId,
        wanted,
        outcome: await waitForHost(source, {
          hostId,
          until: (host) => missingOn(host, wanted).length === 0,
          failOn: (event) => startFailure(event, wanted),
          deadline,
        }),
      })),
    );
    const failed = outcomes.flatMap(({ hostId, outcome }) =>
      outcome.kind === "failed" ? [`${hostId}: ${outcome.reason}`] : [],
    );
    if (failed.length > 0) throw new Error(`demo app: start failed on ${failed.join("; ")}`);
    const unconfirmed = outcomes.reduce(
      (n, { hostId, wanted, outcome }) =>
        outcome.kind === "passed" ? n : n + missingOn(source.host(hostId), wanted).length,
      0,
    );
    if (unconfirmed > 0) throw new Error(`demo app: ${unconfirmed} starts unconfirmed`);
  } finally {
    source.close();
  }
}
