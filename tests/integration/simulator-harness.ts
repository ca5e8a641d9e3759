import { connect, type NatsConnection, type Subscription } from "@nats-io/transport-node";
import { afterAll, beforeAll, expect } from "vitest";
import {
  CtlReply,
  ctlSubject,
  DEFAULT_CTL_PREFIX,
  eventWildcard,
  EVENT_TYPE_PREFIX,
} from "@/lib/protocol";
import {
  startSimulatedLattice,
  type SimulatedLattice,
  type SimulatorOptions,
} from "@/server/simulator";
import { NatsServer } from "../helpers/nats-server";
import { waitUntil } from "../helpers/wait-until";

/** A raw CloudEvent as received, with its name split off. */
export interface SeenEvent {
  name: string;
  subject: string;
  raw: Record<string, unknown>;
  source: string;
  data: Record<string, unknown>;
}

let counter = 0;
export const freshLattice = () => `sim${process.pid}x${Date.now().toString(36)}x${counter++}`;

/** Records every event of a lattice; `waitFor` resolves on a match or fails at the deadline. */
export class EventLog {
  readonly events: SeenEvent[] = [];
  private readonly sub: Subscription;
  private readonly arrivals = new Set<() => void>();

  constructor(nc: NatsConnection, lattice: string) {
    this.sub = nc.subscribe(eventWildcard(lattice), {
      callback: (_err, msg) => {
        const raw: Record<string, unknown> = msg.json();
        const type = String(raw.type);
        const data = raw.data;
        this.events.push({
          name: type.slice(EVENT_TYPE_PREFIX.length),
          subject: msg.subject,
          raw,
          source: String(raw.source),
          data: typeof data === "object" && data !== null ? { ...data } : {},
        });
        for (const wake of [...this.arrivals]) wake();
      },
    });
  }

  named(name: string, pred: (e: SeenEvent) => boolean = () => true): SeenEvent[] {
    return this.events.filter((e) => e.name === name && pred(e));
  }

  /** Waits until `count` events named `name` match `pred`; returns them. */
  waitFor(
    name: string,
    pred: (e: SeenEvent) => boolean = () => true,
    { count = 1, timeoutMs = 5_000 } = {},
  ): Promise<SeenEvent[]> {
    return waitUntil({
      what: `${count} × ${name}`,
      check: () => {
        const found = this.named(name, pred);
        return found.length >= count ? found : undefined;
      },
      on: [
        (wake) => {
          this.arrivals.add(wake);
          return () => this.arrivals.delete(wake);
        },
      ],
      timeoutMs,
      detail: () => `saw ${this.events.map((e) => e.name).join(",")}`,
    });
  }

  close(): void {
    this.sub.unsubscribe();
  }
}

/** A client connection, an event log and a simulated lattice, all for one test. */
export interface Scenario {
  nc: NatsConnection;
  lattice: string;
  sim: SimulatedLattice;
  events: EventLog;
  prefix: string;
  ctl(
    tokens: string[],
    body?: unknown,
    timeoutMs?: number,
  ): Promise<CtlReply & { raw: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startScenario(
  natsUrl: string,
  opts: Partial<SimulatorOptions> = {},
): Promise<Scenario> {
  const lattice = opts.lattice ?? freshLattice();
  const nc = await connect({ servers: natsUrl, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  const events = new EventLog(nc, lattice);
  await nc.flush();
  const sim = await startSimulatedLattice({
    natsUrl,
    lattice,
    hosts: 2,
    fast: true,
    heartbeatSeconds: 60,
    ...opts,
  });
  const prefix = opts.ctlPrefix ?? DEFAULT_CTL_PREFIX;
  return {
    nc,
    lattice,
    sim,
    events,
    prefix,
    async ctl(tokens, body, timeoutMs = 5_000) {
      const payload =
        body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
      const msg = await nc.request(ctlSubject(prefix, lattice, ...tokens), payload, {
        timeout: timeoutMs,
      });
      const raw: Record<string, unknown> = msg.json();
      return { ...CtlReply.parse(raw), raw };
    },
    async close() {
      events.close();
      await sim.stop();
      await nc.close();
    },
  };
}

/**
 * One nats-server for a describe block, started before its tests and disposed after, and a
 * runner that gives each test its own scenario (fresh lattice) and always closes it. The
 * runner passes the first host's id along for single-host suites.
 */
export function simulatorSuite(defaults: Partial<SimulatorOptions> = {}) {
  let server: NatsServer | undefined;
  beforeAll(async () => {
    server = await NatsServer.start();
  });
  afterAll(async () => {
    await server?.dispose();
  });
  const nats = (): NatsServer => {
    if (!server) throw new Error("nats-server is not started yet");
    return server;
  };
  async function withScenario(
    fn: (s: Scenario, hostId: string) => Promise<void>,
    opts: Partial<SimulatorOptions> = {},
  ): Promise<void> {
    const s = await startScenario(nats().url, { ...defaults, ...opts });
    try {
      await fn(s, s.sim.hostIds()[0]);
    } finally {
      await s.close();
    }
  }
  return { nats, withScenario };
}

/** Asserts the §1.3 success envelope; `response` must be absent, not null, on acks. */
export function expectAck(
  reply: { success: boolean; raw: Record<string, unknown> },
  message?: string,
) {
  expect(reply.raw.success, JSON.stringify(reply.raw)).toBe(true);
  expect(typeof reply.raw.message).toBe("string");
  if (message !== undefined) expect(reply.raw.message).toBe(message);
  expect(Object.hasOwn(reply.raw, "response")).toBe(false);
}
