import { connect, type NatsConnection, type Subscription } from "@nats-io/transport-node";
import { DEFAULT_CTL_PREFIX, type HostInventoryWire } from "@/lib/protocol";
import type { SimulatedLattice, SimulatorOptions } from "./options";
import type { LatticeContext } from "./context";
import type { SimHostSummary } from "./control-schema";
import { serveControl, type ControlTarget } from "./control";
import { deployDemoApp } from "./demo-app";
import { EventFactory } from "./events";
import { Faults } from "./faults";
import { SimHost, type HostFeatures } from "./host";

export type { SimulatedLattice, SimulatorOptions } from "./options";
import { hostIdentity } from "./identity";
import { LatticeStore } from "./lattice-store";
import { derivedRng } from "./rng";
import { makeTiming } from "./timing";

/** Boots `hosts` simulated wasmCloud 1.9.2 hosts on one lattice (see README.md). */
export async function startSimulatedLattice(opts: SimulatorOptions): Promise<SimulatedLattice> {
  const nc = await connect({
    servers: opts.natsUrl,
    name: `wasmcloud-simulator-${opts.lattice}`,
    // nats-server may restart underneath: reconnect forever (subscriptions are replayed).
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
  });
  try {
    const lattice = new Lattice(nc, await LatticeStore.open(nc, opts.lattice), opts);
    await lattice.addHosts(opts.hosts);
    if (opts.deployApp) await deployDemoApp(nc, lattice, opts);
    return lattice;
  } catch (e) {
    await nc.close();
    throw e;
  }
}

class Lattice implements SimulatedLattice, ControlTarget {
  readonly lattice: string;
  readonly faults = new Faults();
  private readonly ctx: LatticeContext;
  private readonly hosts: SimHost[] = [];
  private readonly zones: string[];
  private readonly seed: number;
  private readonly control: Subscription;

  constructor(
    private readonly nc: NatsConnection,
    store: LatticeStore,
    opts: SimulatorOptions,
  ) {
    this.lattice = opts.lattice;
    this.seed = opts.seed ?? 1;
    this.zones = opts.zones && opts.zones.length > 0 ? opts.zones : ["a", "b", "c"];
    this.ctx = {
      nc,
      lattice: opts.lattice,
      prefix: opts.ctlPrefix ?? DEFAULT_CTL_PREFIX,
      natsUrl: opts.natsUrl.split(",")[0]?.trim() ?? opts.natsUrl,
      store,
      faults: this.faults,
      events: new EventFactory(this.seed),
      timing: makeTiming(
        derivedRng(this.seed, "timing"),
        opts.fast ?? false,
        opts.heartbeatSeconds ?? 30,
      ),
      log: opts.log ?? (() => {}),
    };
    this.control = serveControl(nc, opts.lattice, this);
    void this.watchConnection(store);
  }

  /** After a reconnect the server may have lost its store: make sure the buckets exist. */
  private async watchConnection(store: LatticeStore): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === "disconnect") this.ctx.log(`NATS disconnected, reconnecting`);
      if (status.type !== "reconnect") continue;
      this.ctx.log(`NATS reconnected`);
      await store.ensureBuckets().catch((e: unknown) => this.ctx.log(`KV buckets: ${String(e)}`));
    }
  }

  hostIds(): string[] {
    return this.hosts.filter((h) => h.isLive).map((h) => h.id);
  }

  inventory(hostId: string): HostInventoryWire | undefined {
    const host = this.liveHost(hostId);
    return host?.inventory();
  }

  async addHosts(
    count: number,
    labels: Record<string, string> = {},
    features: HostFeatures = {},
  ): Promise<string[]> {
    const added: SimHost[] = [];
    for (let i = 0; i < count; i++) {
      const index = this.hosts.length;
      const zone = this.zones[index % this.zones.length] ?? "a";
      const host = new SimHost(
        this.ctx,
        hostIdentity(this.seed, index),
        { zone, ...labels },
        features,
      );
      this.hosts.push(host);
      added.push(host);
    }
    await Promise.all(added.map((h) => h.start()));
    for (const h of added)
      this.ctx.log(`host ${h.friendlyName} ${h.id} started (zone=${h.labels.get("zone")})`);
    return added.map((h) => h.id);
  }

  listHosts(): SimHostSummary[] {
    return this.hosts.map((h) => ({
      hostId: h.id,
      friendlyName: h.friendlyName,
      labels: h.sortedLabels(),
      state: h.state,
      isSilent: h.isSilent,
    }));
  }

  /** A silent crash: heartbeats, subscriptions and timers stop; no `host_stopped`. */
  crashHost(hostId: string): void {
    this.requireHost(hostId).halt("crashed");
    this.ctx.log(`host ${hostId} crashed`);
  }

  /**
   * The process dies and comes back with the same key (protocol §4): empty inventory, uptime
   * from zero, a new `host_started`. A crashed or stopped host can be restarted too.
   */
  async restartHost(hostId: string): Promise<void> {
    const index = this.hosts.findIndex((h) => h.id === hostId);
    const old = this.hosts[index];
    if (!old) throw new Error(`no simulated host ${hostId}`);
    if (old.isLive) old.halt("crashed");
    const host = new SimHost(this.ctx, old.identity, old.bootLabels, old.features);
    this.hosts[index] = host;
    await host.start();
    this.ctx.log(`host ${host.friendlyName} ${host.id} restarted`);
  }

  silenceHost(hostId: string, silent: boolean): void {
    this.requireHost(hostId).isSilent = silent;
  }

  unsilenceAll(): void {
    for (const h of this.hosts) h.isSilent = false;
  }

  async stop(): Promise<void> {
    this.control.unsubscribe();
    for (const h of this.hosts) if (h.isLive) h.halt("crashed");
    await this.nc.drain().catch(() => this.nc.close());
  }

  private liveHost(hostId: string): SimHost | undefined {
    return this.hosts.find((h) => h.id === hostId && h.isLive);
  }

  private requireHost(hostId: string): SimHost {
    const host = this.liveHost(hostId);
    if (!host) throw new Error(`no live simulated host ${hostId}`);
    return host;
  }
}
