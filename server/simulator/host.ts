import type { Msg, Subscription } from "@nats-io/transport-node";
import { encodeReply, type EventName, type HostInventoryWire, type PingHost } from "@/lib/protocol";
import type { LatticeContext, RunningComponent, RunningProvider } from "./context";
import type { CtlResult } from "./ctl";
import { inventoryOf, pingInfoOf } from "./host-views";
import { dispatch } from "./dispatch";
import type { HostIdentity } from "./identity";

export const HOST_VERSION = "1.9.2";

export interface HostFeatures {
  componentAuctions?: boolean;
  providerAuctions?: boolean;
  /** experimental `builtin-http-server` + `builtin-messaging-nats`, default on (§2.5) */
  builtinProviders?: boolean;
}

export type HostState = "running" | "stopped" | "crashed";

/**
 * One simulated wasmCloud 1.9.2 host: its subscriptions (protocol §1.5), heartbeat (§4),
 * inventory (§5) and the bookkeeping every handler needs. The handlers live in their own
 * modules (dispatch.ts routes to them).
 */
export class SimHost {
  readonly id: string;
  readonly friendlyName: string;
  readonly version = HOST_VERSION;
  readonly labels = new Map<string, string>();
  readonly components = new Map<string, RunningComponent>();
  readonly providers = new Map<string, RunningProvider>();
  /**
   * provider id → its start task in flight: a second start is acked, waits for it (the task
   * holds the provider-table lock) and then fails if the first one succeeded (protocol §9).
   */
  readonly startingProviders = new Map<string, Promise<void>>();
  /** provider id → its stop in flight; a start waits for it (protocol §7.4). */
  readonly stoppingProviders = new Map<string, Promise<void>>();
  state: HostState = "running";
  /** alive but mute: no replies, events or heartbeats (fault injection). */
  isSilent = false;
  private readonly startedAt = Date.now();
  private readonly subs: Subscription[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private heartbeat?: ReturnType<typeof setInterval>;
  private componentQueue: Promise<void> = Promise.resolve();

  constructor(
    readonly ctx: LatticeContext,
    readonly identity: HostIdentity,
    /** labels given at boot (a restart keeps these, not the ones put later) */
    readonly bootLabels: Record<string, string>,
    /** `WASMCLOUD_{COMPONENT,PROVIDER}_AUCTION_ENABLED` (protocol §1.5), default on */
    readonly features: HostFeatures = {},
  ) {
    const labels = bootLabels;
    this.id = identity.hostId;
    this.friendlyName = identity.friendlyName;
    const base = { "hostcore.arch": "x86_64", "hostcore.os": "linux", "hostcore.osfamily": "unix" };
    for (const [k, v] of Object.entries({ ...labels, ...base })) this.labels.set(k, v);
  }

  get isLive(): boolean {
    return this.state === "running";
  }

  /** Subscribes everything, then announces itself (protocol §9 "Identity and boot"). */
  async start(): Promise<void> {
    const { nc, prefix, lattice } = this.ctx;
    const base = `${prefix}.v1.${lattice}`;
    const plain = [
      "host.ping",
      "registry.put",
      ...(this.features.componentAuctions === false ? [] : ["component.auction"]),
      ...(this.features.providerAuctions === false ? [] : ["provider.auction"]),
      `host.*.${this.id}`,
      `label.*.${this.id}`,
      `component.*.${this.id}`,
      `provider.*.${this.id}`,
    ];
    const queued: [string, string][] = [
      ["link.*", "link"],
      ["claims.get", "claims"],
      ["config.>", "config"],
    ];
    const callback = (err: Error | null, msg: Msg) => {
      if (!err) void this.onRequest(msg, base);
    };
    for (const s of plain) this.subs.push(nc.subscribe(`${base}.${s}`, { callback }));
    for (const [s, group] of queued) {
      this.subs.push(nc.subscribe(`${base}.${s}`, { queue: `${base}.${group}`, callback }));
    }
    await nc.flush();
    this.emit("host_started", {
      friendly_name: this.friendlyName,
      labels: this.sortedLabels(),
      uptime_seconds: 0,
      version: this.version,
    });
    // The first heartbeat goes out one full interval after boot (protocol §4).
    this.heartbeat = setInterval(() => {
      if (this.isLive) this.emit("host_heartbeat", this.inventory());
    }, this.ctx.timing.heartbeatMs);
  }

  private async onRequest(msg: Msg, base: string): Promise<void> {
    if (!this.isLive) return;
    const tokens = msg.subject.slice(base.length + 1).split(".");
    let result: CtlResult;
    try {
      result = await dispatch(this, tokens, msg.data, msg.reply !== undefined && msg.reply !== "");
    } catch (e) {
      result = { success: false, message: e instanceof Error ? e.message : String(e) };
    }
    if (result === "no-reply" || !msg.reply) return;
    this.reply(msg, encodeReply(result.success, result.message, result.response));
  }

  private reply(msg: Msg, body: string): void {
    if (this.isSilent || !this.isLive) return;
    const fault = this.ctx.faults.replyFault(this.id);
    const send = () => {
      try {
        msg.respond(body);
      } catch (e) {
        this.ctx.log(`${this.friendlyName}: reply failed: ${String(e)}`);
      }
    };
    switch (fault.mode) {
      case "none":
        return send();
      case "drop":
        return;
      case "slow":
        this.later(fault.delayMs ?? this.ctx.timing.slowReplyMs, send);
        return;
    }
  }

  /** Publishes a lattice event from this host (`source` = its key), unless muted or dropped. */
  emit(name: EventName, data: object): void {
    if (this.isSilent || this.state === "crashed") return;
    if (this.ctx.faults.areEventsDropped(this.id)) return;
    const event = this.ctx.events.build(name, this.id, data);
    try {
      this.ctx.nc.publish(this.ctx.events.subject(this.ctx.lattice, name), JSON.stringify(event));
    } catch (e) {
      this.ctx.log(`${this.friendlyName}: event ${name} lost: ${String(e)}`);
    }
  }

  /** Runs `fn` after `ms` unless the host halts first; errors are logged, never thrown. */
  later(ms: number, fn: () => void | Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.isLive) return;
      Promise.resolve()
        .then(fn)
        .catch((e: unknown) => this.ctx.log(`${this.friendlyName}: ${String(e)}`));
    }, ms);
    this.timers.add(timer);
  }

  /** Serialises component tasks, as the host's component table lock does (protocol §1.4). */
  serial(task: () => Promise<void>): void {
    this.componentQueue = this.componentQueue
      .then(() => (this.isLive ? task() : undefined))
      .catch((e: unknown) => this.ctx.log(`${this.friendlyName}: ${String(e)}`));
  }

  sortedLabels(): Record<string, string> {
    return Object.fromEntries([...this.labels.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  uptimeSeconds(): number {
    return Math.floor((Date.now() - this.startedAt) / 1000);
  }

  /** The host's truth, as `host.get` answers it (protocol §5.1). */
  inventory(): HostInventoryWire {
    return inventoryOf(this);
  }

  /** This host's `host.ping` answer (protocol §5.2). */
  pingInfo(): PingHost {
    return pingInfoOf(this);
  }

  /** Stops heartbeats and ctl intake (first step of a graceful stop, and of a crash). */
  halt(state: Exclude<HostState, "running">): void {
    this.state = state;
    clearInterval(this.heartbeat);
    for (const sub of this.subs.splice(0)) sub.unsubscribe();
    for (const p of this.providers.values()) clearTimeout(p.healthTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
