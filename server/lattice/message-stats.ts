import "server-only";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.info(m),
  warn: (m) => console.warn(m),
};

const MAX_KINDS = 64;

export interface ObserverStats {
  /** Messages received on `wasmbus.evt.<lattice>.>`. */
  messages: number;
  /** Events that passed validation and were applied. */
  applied: number;
  /** Dropped messages per reason ("malformed", "unknown-type:<name>", …). */
  dropped: Record<string, number>;
  hostGets: number;
  hostGetFailures: number;
  resyncs: number;
}

/**
 * Counts what the observer receives and drops. A bad message is counted and logged at most once
 * per kind per interval, so a host spewing garbage cannot flood the log (protocol §10).
 */
export class MessageStats {
  readonly stats: ObserverStats = {
    messages: 0,
    applied: 0,
    dropped: {},
    hostGets: 0,
    hostGetFailures: 0,
    resyncs: 0,
  };
  private readonly lastLogged = new Map<string, number>();

  constructor(
    private readonly lattice: string,
    private readonly logger: Logger,
    private readonly logEveryMs = 60_000,
  ) {}

  drop(reason: string, detail: string, now: number): void {
    // Reasons can carry a sender-chosen event name: cap the distinct kinds kept.
    const isKnown = Object.hasOwn(this.stats.dropped, reason);
    const kind = isKnown || Object.keys(this.stats.dropped).length < MAX_KINDS ? reason : "other";
    this.stats.dropped[kind] = (this.stats.dropped[kind] ?? 0) + 1;
    this.warnOnce(
      kind,
      `lattice ${this.lattice}: dropped ${kind} message (${this.stats.dropped[kind]} so far): ${detail}`,
      now,
    );
  }

  warnOnce(kind: string, message: string, now: number): void {
    const last = this.lastLogged.get(kind);
    if (last !== undefined && now - last < this.logEveryMs) return;
    this.lastLogged.set(kind, now);
    this.logger.warn(message);
  }
}
