import "server-only";
import type { Subscription } from "@nats-io/transport-node";
import { eventWildcard, type LatticeEvent } from "@/lib/protocol";
import type { Host } from "@/lib/schemas/host";
import type { ConnectionState, LatticeSummary } from "@/lib/schemas/lattice";
import type { DeltaFrame, FeedEvent, SnapshotFrame } from "@/lib/schemas/stream";
import type { ManagedConnection } from "@/server/nats";
import type { CtlClient } from "./ctl-client";
import { DeltaBatcher } from "./delta-batcher";
import { consumeEvents } from "./event-intake";
import { isFeedWorthy, toFeedEvent } from "./event-summary";
import { FeedRing } from "./feed-ring";
import { waitForHost, type GateOutcome, type HostGate } from "./host-gate";
import { ListenerSet } from "./listener-set";
import { emptyLatticeState, type LatticeInput, type LatticeState } from "./lattice-state";
import { countLattice, StaleTracker } from "./lattice-summary";
import { consoleLogger, MessageStats, type Logger, type ObserverStats } from "./message-stats";
import { reduceLattice } from "./reducer";
import { Resyncer, type ResyncKind } from "./resyncer";
import { toApiHost } from "./to-api-host";

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface ObserverOptions {
  lattice: string;
  connection: ManagedConnection;
  ctl: CtlClient;
  heartbeatSeconds: number;
  forgetSeconds: number;
  resyncSeconds: number;
  discoveryConcurrency: number;
  pingWindowMs: number;
  pingStallMs: number;
  batchMs?: number;
  feedSize?: number;
  logger?: Logger;
  now?: () => number;
}

/**
 * Materialises one lattice from events, heartbeats and inventory reads (DESIGN.md "Data flow:
 * live status"): one NATS subscription, a pure reducer, deltas fanned out to every listener.
 */
export class LatticeObserver {
  readonly lattice: string;
  private state: LatticeState = emptyLatticeState;
  private readonly feed: FeedRing;
  private readonly counters: MessageStats;
  private readonly batcher: DeltaBatcher;
  private readonly resyncer: Resyncer;
  private readonly deltaListeners: ListenerSet<DeltaFrame>;
  private readonly resyncListeners: ListenerSet<string>;
  private readonly eventListeners: ListenerSet<LatticeEvent>;
  private readonly changeListeners: ListenerSet<readonly string[]>;
  private readonly staleness = new StaleTracker();
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly heartbeatMs: number;
  private readonly now: () => number;
  private sub: Subscription | null = null;
  private isReady = false;
  private stopped = false;
  private readonly unwatch: () => void;
  /** Resolves once the first discovery (ping + inventories) has completed. */
  readonly firstDiscovery: Promise<void>;

  constructor(private readonly options: ObserverOptions) {
    this.lattice = options.lattice;
    this.heartbeatMs = options.heartbeatSeconds * 1000;
    this.now = options.now ?? Date.now;
    const logger = options.logger ?? consoleLogger;
    const feedSize = options.feedSize ?? 500;
    this.feed = new FeedRing(feedSize);
    this.counters = new MessageStats(this.lattice, logger);
    const onListenerError = (err: unknown) =>
      this.counters.warnOnce(
        "listener",
        `lattice ${this.lattice}: listener failed: ${String(err)}`,
        this.now(),
      );
    this.deltaListeners = new ListenerSet(onListenerError);
    this.resyncListeners = new ListenerSet(onListenerError);
    this.eventListeners = new ListenerSet(onListenerError);
    this.changeListeners = new ListenerSet(onListenerError);
    this.batcher = new DeltaBatcher(
      { host: (id) => this.host(id) },
      (frame) => this.deltaListeners.emit(frame),
      options.batchMs ?? 20,
      feedSize,
    );
    this.resyncer = new Resyncer({
      ctl: options.ctl,
      concurrency: options.discoveryConcurrency,
      pingWindowMs: options.pingWindowMs,
      pingStallMs: options.pingStallMs,
      stats: this.counters,
      apply: (input) => this.apply(input),
      now: this.now,
    });
    this.unwatch = options.connection.onChange((change) =>
      this.onConnection(change.state, change.reconnected),
    );
    this.firstDiscovery = this.start();
  }

  get connection(): ConnectionState {
    return this.options.connection.state;
  }

  get ready(): boolean {
    return this.isReady;
  }

  /** Open delta listeners (one per SSE connection). */
  get listenerCount(): number {
    return this.deltaListeners.size;
  }

  get stats(): ObserverStats {
    return this.counters.stats;
  }

  host(id: string): Host | undefined {
    const model = this.state.hosts.get(id);
    return model && toApiHost(model, this.now(), this.heartbeatMs);
  }

  /** Every host, by friendly name then id, so API answers are stable. */
  hosts(): Host[] {
    const now = this.now();
    return [...this.state.hosts.values()]
      .map((m) => toApiHost(m, now, this.heartbeatMs))
      .sort((a, b) => byText(a.friendlyName, b.friendlyName) || byText(a.id, b.id));
  }

  /** Recent feed events, oldest first; with a filter, only one host's and/or one type's. */
  events(filter: { host?: string; type?: string } = {}): FeedEvent[] {
    const { host, type } = filter;
    if (host === undefined && type === undefined) return this.feed.list();
    return this.feed
      .list()
      .filter(
        (e) => (host === undefined || e.hostId === host) && (type === undefined || e.type === type),
      );
  }

  summary(): LatticeSummary {
    const counts = countLattice(this.state, this.now(), this.heartbeatMs);
    return {
      name: this.lattice,
      ...counts,
      connection: this.connection,
      ready: this.isReady,
      messageCounters: structuredClone(this.counters.stats),
    };
  }

  /**
   * The current state, after emitting any pending delta: a stream's later deltas are then
   * relative to exactly this (see `StreamSource.snapshot`).
   */
  snapshot(): SnapshotFrame {
    this.batcher.flush();
    return {
      connection: this.connection,
      ready: this.isReady,
      hosts: this.hosts(),
      events: this.events(),
    };
  }

  /** Deltas from now on; take `snapshot()` in the same tick to have no gap. */
  subscribe(listener: (delta: DeltaFrame) => void): () => void {
    return this.deltaListeners.add(listener);
  }

  /**
   * Every validated event, after it was applied to the state: what rollout gates wait on
   * (protocol §10 "Outcomes": `component_scaled` from that source, `health_check_passed`, …).
   */
  onEvent(listener: (event: LatticeEvent) => void): () => void {
    return this.eventListeners.add(listener);
  }

  /**
   * Re-reads one host's inventory and lets it decide (protocol §10: after a deadline, timeout
   * or surprising event). Throws the ctl client's named errors, e.g. `HostGoneError`.
   */
  async refreshHost(hostId: string): Promise<Host | undefined> {
    const inventory = await this.options.ctl.getHost(hostId);
    this.apply({ kind: "inventory", inventory });
    return this.host(inventory.host_id);
  }

  /** The ids of hosts whose model changed, right after each change is applied. */
  onHostsChanged(listener: (hostIds: readonly string[]) => void): () => void {
    return this.changeListeners.add(listener);
  }

  /**
   * Waits until a host's model satisfies `gate.until`, a `gate.failOn` event arrives, the
   * deadline passes or the signal aborts (rollout gates, tests, the demo).
   */
  waitForHost(gate: Omit<HostGate, "now">): Promise<GateOutcome> {
    return waitForHost(this, { ...gate, now: this.now });
  }

  /** Called after the observer re-read the lattice (reconnect, forced resync). */
  onResync(listener: (reason: string) => void): () => void {
    return this.resyncListeners.add(listener);
  }

  /** Re-reads the lattice now: `full` = every host's inventory, `light` = ping + hinted hosts. */
  async resync(kind: ResyncKind, reason: string): Promise<void> {
    await this.resyncer.run(kind);
    if (kind === "full") this.resyncListeners.emit(reason);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.forEach((t) => clearInterval(t));
    this.unwatch();
    this.resyncer.stop();
    this.sub?.unsubscribe();
    this.batcher.flush();
    this.batcher.cancel();
  }

  private async start(): Promise<void> {
    // Rejects only when the connection is closed before it was ever established.
    const nc = await this.options.connection.connected.catch(() => null);
    if (!nc || this.stopped) return;
    // Subscribe first, then discover: an event racing the sweep is then never lost (§10).
    this.sub = nc.subscribe(eventWildcard(this.lattice));
    void consumeEvents(this.lattice, this.sub, this.counters, this.now, (e) => this.handleEvent(e));
    await nc.flush();
    await this.resyncer.run("full");
    if (this.stopped) return;
    this.isReady = true;
    this.batcher.readyChanged(true);
    const tickMs = Math.max(100, Math.min(1000, this.heartbeatMs / 4));
    const resyncMs = Math.max(this.options.resyncSeconds, this.options.heartbeatSeconds) * 1000;
    this.timers.push(setInterval(() => this.tick(), tickMs));
    this.timers.push(setInterval(() => void this.resync("light", "periodic"), resyncMs));
  }

  private handleEvent(event: LatticeEvent): void {
    if (isFeedWorthy(event)) {
      const feedEvent = toFeedEvent(event);
      this.feed.push(feedEvent);
      this.batcher.event(feedEvent);
    }
    this.apply({ kind: "event", event });
    this.eventListeners.emit(event);
  }

  private apply(input: LatticeInput): void {
    const result = reduceLattice(this.state, input, this.now());
    this.state = result.state;
    this.batcher.hostsChanged(result.changedHostIds);
    this.batcher.hostsRemoved(result.removedHostIds);
    if (result.changedHostIds.length > 0 || result.removedHostIds.length > 0) {
      this.changeListeners.emit([...result.changedHostIds, ...result.removedHostIds]);
    }
    this.staleness.forget(result.removedHostIds);
    this.resyncer.hint(result.resyncHostIds);
  }

  /** Forgets hosts silent past HOST_FORGET_SECONDS and pushes staleness flips. */
  private tick(): void {
    this.apply({ kind: "expire", forgetAfterMs: this.options.forgetSeconds * 1000 });
    this.batcher.hostsChanged(this.staleness.flipped(this.state, this.now(), this.heartbeatMs));
  }

  private onConnection(state: ConnectionState, reconnected: boolean): void {
    this.batcher.connectionChanged(state);
    // Events published while disconnected are lost (no replay, §3.1): re-read everything.
    if (reconnected && this.isReady) void this.resync("full", "reconnected");
  }
}
