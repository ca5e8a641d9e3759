import "server-only";
import type { CtlClient } from "./ctl-client";
import { boundedAll } from "./bounded-all";
import { LatticeError } from "./errors";
import type { LatticeInput } from "./lattice-state";
import type { MessageStats } from "./message-stats";

/**
 * `full`: ping, then `host.get` for every host (start, reconnect). `light`: ping to find unknown
 * hosts, then `host.get` only for hosts that need it — heartbeats already carry full inventories,
 * and at 10,000 hosts every extra per-host request is 10,000 requests (protocol §4).
 */
export type ResyncKind = "full" | "light";

export interface ResyncerOptions {
  ctl: CtlClient;
  concurrency: number;
  pingWindowMs: number;
  pingStallMs: number;
  stats: MessageStats;
  apply: (input: LatticeInput) => void;
  now: () => number;
  /** Delay before re-reading hinted hosts, so a burst of hints becomes one sweep. */
  hintDelayMs?: number;
}

export class Resyncer {
  private readonly hinted = new Set<string>();
  private hintTimer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: ResyncerOptions) {}

  /** Hosts whose inventory the reducer wants re-read (update pair, lagging heartbeat, new host). */
  hint(hostIds: readonly string[]): void {
    if (hostIds.length === 0 || this.stopped) return;
    for (const id of hostIds) this.hinted.add(id);
    this.hintTimer ??= setTimeout(() => {
      this.hintTimer = undefined;
      void this.serialize(() => {
        const ids = [...this.hinted];
        this.hinted.clear();
        return this.readInventories(ids);
      });
    }, this.options.hintDelayMs ?? 200);
  }

  run(kind: ResyncKind): Promise<void> {
    return this.serialize(() => this.sweep(kind));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.hintTimer);
  }

  /** One sweep at a time: overlapping sweeps would only double the requests. */
  private serialize(work: () => Promise<void>): Promise<void> {
    const next = this.running.then(work, work);
    this.running = next.catch(() => undefined);
    return next;
  }

  private async sweep(kind: ResyncKind): Promise<void> {
    if (this.stopped) return;
    const { ctl, stats } = this.options;
    stats.stats.resyncs += 1;
    let pinged: string[] = [];
    try {
      // No early stop on known hosts here: finding the hosts we do not know yet is the point.
      const result = await ctl.ping({
        windowMs: this.options.pingWindowMs,
        stallMs: this.options.pingStallMs,
      });
      if (result.malformed > 0)
        stats.drop("malformed-ping-reply", `${result.malformed} replies`, this.options.now());
      for (const host of result.hosts) this.options.apply({ kind: "ping", host });
      pinged = result.hosts.map((h) => h.id);
    } catch (err) {
      this.logFailure("ping", err);
    }
    // A light sweep reads only hosts hinted so far, e.g. by the pings just applied (new or
    // rebooted hosts); a full one reads every host that answered as well.
    const targets = new Set(kind === "full" ? [...pinged, ...this.hinted] : this.hinted);
    this.hinted.clear();
    await this.readInventories([...targets]);
  }

  private async readInventories(hostIds: readonly string[]): Promise<void> {
    await boundedAll(hostIds, this.options.concurrency, async (hostId) => {
      if (this.stopped) return;
      this.options.stats.stats.hostGets += 1;
      try {
        const inventory = await this.options.ctl.getHost(hostId);
        this.options.apply({ kind: "inventory", inventory });
      } catch (err) {
        this.options.stats.stats.hostGetFailures += 1;
        this.logFailure("host.get", err);
      }
    });
  }

  private logFailure(what: string, err: unknown): void {
    const code = err instanceof LatticeError ? err.code : "error";
    const text = err instanceof Error ? err.message : String(err);
    this.options.stats.warnOnce(
      `${what}:${code}`,
      `lattice ${this.options.ctl.lattice}: ${what} failed: ${text}`,
      this.options.now(),
    );
  }
}
