import "server-only";
import type { Subscription } from "@nats-io/transport-node";
import { eventWildcard, parseEvent } from "@/lib/protocol";
import type { Host } from "@/lib/schemas/host";
import type { ConnectionState, LatticeSummary } from "@/lib/schemas/lattice";
import type { DeltaFrame, FeedEvent, SnapshotFrame } from "@/lib/schemas/stream";
import type { ManagedConnection } from "@/server/nats";
import type { CtlClient } from "./ctl-client";
import { DeltaBatcher } from "./delta-batcher";
import { isFeedWorthy, toFeedEvent } from "./event-summary";
import { FeedRing } from "./feed-ring";
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
  private readonly listeners = new Set<(delta: DeltaFrame) => void>();
  private readonly resyncListeners = new Set<(reason: string) => void>();
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
    this.feed = new FeedRing(options.feedSize ?? 500);
    this.counters = new MessageStats(this.lattice, logger);
    this.batcher = new DeltaBatcher(
      { host: (id) => this.host(id) },
      (frame) => this.fanOut(frame),
      options.batchMs ?? 50,
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
    return this.listeners.size;
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

  events(): FeedEvent[] {
    return this.feed.list();
  }

  summary(): LatticeSummary {
    const counts = countLattice(this.state, this.now(), this.heartbeatMs);
    return { name: this.lattice, ...counts, connection: this.connection, ready: this.isReady };
  }

  snapshot(): SnapshotFrame {
    return {
      connection: this.connection,
      ready: this.isReady,
      hosts: this.hosts(),
      events: this.events(),
    };
  }

  /** Deltas from now on; take `snapshot()` in the same tick to have no gap. */
  subscribe(listener: (delta: DeltaFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after the observer re-read the lattice (reconnect, forced resync). */
  onResync(listener: (reason: string) => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** Re-reads the lattice now: `full` = every host's inventory, `light` = ping + hinted hosts. */
  async resync(kind: ResyncKind, reason: string): Promise<void> {
    await this.resyncer.run(kind);
    if (kind === "full") this.resyncListeners.forEach((l) => l(reason));
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
    void this.consume(this.sub);
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

  private async consume(sub: Subscription): Promise<void> {
    // Sequential on purpose: per-host event order is the publish order (protocol §3.1).
    try {
      for await (const msg of sub) {
        try {
          this.onMessage(msg.string());
        } catch (err) {
          // A bug applying one message must not end the subscription loop.
          this.counters.drop("apply-error", String(err), this.now());
        }
      }
    } catch (err) {
      // e.g. a permissions violation: the subscription is gone; say so loudly, once.
      this.counters.warnOnce(
        "subscription",
        `lattice ${this.lattice}: event subscription ended: ${String(err)}`,
        this.now(),
      );
    }
  }

  private onMessage(raw: string): void {
    const now = this.now();
    this.counters.stats.messages += 1;
    const parsed = parseEvent(raw);
    if (!parsed.ok) {
      const kind =
        parsed.reason === "unknown-type" ? `unknown-type:${parsed.detail}` : parsed.reason;
      this.counters.drop(kind, parsed.detail, now);
      return;
    }
    this.counters.stats.applied += 1;
    if (isFeedWorthy(parsed.event)) {
      const feedEvent = toFeedEvent(parsed.event);
      this.feed.push(feedEvent);
      this.batcher.event(feedEvent);
    }
    this.apply({ kind: "event", event: parsed.event });
  }

  private apply(input: LatticeInput): void {
    const result = reduceLattice(this.state, input, this.now());
    this.state = result.state;
    this.batcher.hostsChanged(result.changedHostIds);
    this.batcher.hostsRemoved(result.removedHostIds);
    this.staleness.forget(result.removedHostIds);
    this.resyncer.hint(result.resyncHostIds);
  }

  /** A failing listener must neither starve the others nor crash the timer that flushes. */
  private fanOut(frame: DeltaFrame): void {
    for (const listener of this.listeners) {
      try {
        listener(frame);
      } catch (err) {
        this.counters.warnOnce(
          "listener",
          `lattice ${this.lattice}: delta listener failed: ${String(err)}`,
          this.now(),
        );
      }
    }
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
