import type { NatsConnection } from "@nats-io/transport-node";
import {
  ctlSubject,
  DEFAULT_CTL_PREFIX,
  encodeReply,
  eventSubject,
  type HostInventoryWire,
} from "@/lib/protocol";
import type { Host } from "@/lib/schemas/host";
import type { DeltaFrame } from "@/lib/schemas/stream";
import { CtlClient, LatticeObserver, type Logger, type ObserverOptions } from "@/server/lattice";
import { ManagedConnection } from "@/server/nats";
import { every, waitUntil } from "../helpers/wait-until";

let counter = 0;
export const freshLattice = (tag: string) =>
  `${tag}${process.pid}x${Date.now().toString(36)}x${counter++}`;

export const quietLogger: Logger = { info: () => {}, warn: () => {} };

export interface TestObserver {
  observer: LatticeObserver;
  ctl: CtlClient;
  connection: ManagedConnection;
  /** Every delta received so far. */
  deltas: DeltaFrame[];
  dispose(): Promise<void>;
}

/** An observer on its own connection, with test-sized windows. */
export function startObserver(
  natsUrl: string,
  lattice: string,
  overrides: Partial<ObserverOptions> = {},
): TestObserver {
  const connection = new ManagedConnection({ servers: natsUrl, name: `test-console-${lattice}` });
  const ctl = new CtlClient({
    lattice,
    prefix: DEFAULT_CTL_PREFIX,
    connection: () => connection.connection,
  });
  const observer = new LatticeObserver({
    lattice,
    connection,
    ctl,
    heartbeatSeconds: 30,
    forgetSeconds: 600,
    resyncSeconds: 60,
    discoveryConcurrency: 16,
    pingWindowMs: 1_000,
    pingStallMs: 150,
    batchMs: 20,
    logger: quietLogger,
    ...overrides,
  });
  const deltas: DeltaFrame[] = [];
  observer.subscribe((d) => deltas.push(d));
  return {
    observer,
    ctl,
    connection,
    deltas,
    dispose: async () => {
      await observer.stop();
      await connection.close();
    },
  };
}

/**
 * Resolves once `check` holds, re-checking on every delta and on a slow clock tick: staleness
 * is derived from the clock, and counters and quiet periodic pings have no change hook. Fails
 * with `what` at the deadline. For one host's model, `untilHost` (the observer's gate) is exact.
 */
export function until(
  observer: LatticeObserver,
  what: string,
  check: () => boolean,
  timeoutMs = 15_000,
): Promise<void> {
  return waitUntil({
    what,
    check: () => (check() ? true : undefined),
    on: [(wake) => observer.subscribe(wake), every(100)],
    timeoutMs,
  }).then(() => undefined);
}

/**
 * Waits through the observer's gate until one host's model satisfies `predicate`; anything but
 * a pass (the deadline) fails with `what`. Resolves with the host as the gate saw it.
 */
export async function untilHost(
  observer: LatticeObserver,
  hostId: string,
  what: string,
  predicate: (host: Host | undefined) => boolean,
  timeoutMs = 15_000,
): Promise<Host | undefined> {
  const outcome = await observer.waitForHost({
    hostId,
    until: predicate,
    deadline: Date.now() + timeoutMs,
  });
  if (outcome.kind !== "passed") throw new Error(`gate on ${hostId} ${outcome.kind}: ${what}`);
  return outcome.host;
}

/**
 * A minimal wasmCloud 1.x host written against the protocol document only: it answers
 * `host.ping` and `host.get.<id>` and publishes CloudEvents. Proves the console discovers hosts
 * it did not start.
 */
export class HandWrittenHost {
  inventory: HostInventoryWire;
  hostGets = 0;
  private seq = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly lattice: string,
    readonly id: string,
    inventory: Partial<HostInventoryWire> = {},
  ) {
    this.inventory = {
      host_id: id,
      friendly_name: `hand-written-${id.slice(-4).toLowerCase()}`,
      version: "1.9.2",
      labels: { "hostcore.arch": "x86_64", "hostcore.os": "linux", "hostcore.osfamily": "unix" },
      uptime_human: "1m",
      uptime_seconds: 60,
      components: [],
      providers: [],
      ...inventory,
    };
    const subject = (...t: string[]) => ctlSubject(DEFAULT_CTL_PREFIX, lattice, ...t);
    nc.subscribe(subject("host", "ping"), {
      callback: (_e, msg) => {
        const { host_id, friendly_name, labels, version, uptime_seconds, uptime_human } =
          this.inventory;
        msg.respond(
          encodeReply(true, "", {
            id: host_id,
            friendly_name,
            labels,
            version,
            uptime_seconds,
            uptime_human,
            lattice,
          }),
        );
      },
    });
    nc.subscribe(subject("host", "get", id), {
      callback: (_e, msg) => {
        this.hostGets += 1;
        msg.respond(encodeReply(true, "", this.inventory));
      },
    });
  }

  publish(name: string, data: unknown): void {
    this.seq += 1;
    const event = {
      specversion: "1.0",
      id: `${this.id.slice(-6)}-${this.seq}`,
      type: `com.wasmcloud.lattice.${name}`,
      source: this.id,
      datacontenttype: "application/json",
      time: new Date().toISOString(),
      data,
    };
    this.nc.publish(eventSubject(this.lattice, name), JSON.stringify(event));
  }

  heartbeat(): void {
    this.publish("host_heartbeat", this.inventory);
  }
}

export const hostKey = (c: string) => `N${c.repeat(55)}`;
