import "server-only";
import { readFileSync } from "node:fs";
import { connect, credsAuthenticator, type NatsConnection } from "@nats-io/transport-node";
import type { ConnectionState } from "@/lib/schemas/lattice";

export interface ConnectionOptions {
  servers: string;
  /** Client name shown in the server's connz; includes the lattice. */
  name: string;
  credsFile?: string;
  caFile?: string;
}

export type ConnectionChange = { state: ConnectionState; reconnected: boolean };

/**
 * One NATS connection with its status tracked from `nc.status()`. It never gives up: the first
 * connect waits for the server and reconnects retry forever, so a nats-server restart is a
 * pause, not an outage of the console.
 */
export class ManagedConnection {
  private nc: NatsConnection | null = null;
  private current: ConnectionState = "connecting";
  private readonly listeners = new Set<(change: ConnectionChange) => void>();
  private closing = false;
  private wake: (() => void) | undefined;
  readonly connected: Promise<NatsConnection>;

  constructor(readonly options: ConnectionOptions) {
    this.connected = this.open();
    // The first connect retries until it succeeds; it only rejects when closed first.
    this.connected.catch(() => this.set("disconnected", false));
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** The live connection, or null before the first connect. */
  get connection(): NatsConnection | null {
    return this.nc;
  }

  onChange(listener: (change: ConnectionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.wake?.();
    const nc = this.nc;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
    this.set("disconnected", false);
  }

  /**
   * Connects, retrying until the server answers or `close()` is called. (nats.js's own
   * `waitOnFirstConnect` cannot be cancelled, which would leave a console that is shutting
   * down retrying forever.)
   */
  private async open(): Promise<NatsConnection> {
    for (let attempt = 0; ; attempt += 1) {
      if (this.closing) throw new Error("connection closed before it was established");
      try {
        const nc = await this.connectOnce();
        if (this.closing) {
          await nc.close();
          throw new Error("connection closed before it was established");
        }
        this.nc = nc;
        this.set("connected", false);
        void this.watch(nc);
        return nc;
      } catch (err) {
        if (this.closing) throw err;
        // The URL may carry credentials: log the lattice's client name, not the servers.
        if (attempt % 20 === 0)
          console.warn(`${this.options.name}: NATS not reachable yet: ${String(err)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(250 * 2 ** attempt, 5_000));
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private connectOnce(): Promise<NatsConnection> {
    const { servers, name, credsFile, caFile } = this.options;
    return connect({
      servers,
      name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      authenticator: credsFile ? credsAuthenticator(readFileSync(credsFile)) : undefined,
      tls: caFile ? { caFile } : undefined,
    });
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      switch (status.type) {
        case "disconnect":
          this.set("disconnected", false);
          break;
        case "reconnect":
          this.set("connected", true);
          break;
        default:
          break;
      }
    }
    this.set("disconnected", false);
  }

  private set(state: ConnectionState, reconnected: boolean): void {
    if (state === this.current && !reconnected) return;
    this.current = state;
    for (const listener of this.listeners) listener({ state, reconnected });
  }
}
