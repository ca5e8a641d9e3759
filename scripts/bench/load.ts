/**
 * Load and probes. The background load publishes `component_scaled` events on behalf of every
 * host at a fixed rate (the bench is the hosts' event source, so the rate does not depend on
 * how fast the simulators can act). Probes are real rescales of one host's `counter` through
 * the ctl protocol, each with a unique instance count as its stamp; the time a probe's event
 * appears on NATS is the start of every latency figure.
 */
import type { NatsConnection } from "@nats-io/transport-node";
import { z } from "zod";
import { eventSubject, EVENT_TYPE_PREFIX } from "@/lib/protocol";
import { deprioritise, fillerIds, fillerRef, PROBE_COMPONENT } from "./lattice";
import { spawnLineChild } from "./line-child";
import { scaleCounter } from "./scale";

/** Wall-clock milliseconds with sub-ms precision, comparable with the browser's. */
export const epochNow = () => performance.timeOrigin + performance.now();

const TICK_MS = 50;

/** Publishes `perHostPerSecond` events per host per second until stopped; returns the count. */
export function startEventLoad(
  nc: NatsConnection,
  lattice: string,
  hostIds: string[],
  perHostPerSecond: number,
): { stop: () => number } {
  const subject = eventSubject(lattice, "component_scaled");
  const perTick = (hostIds.length * perHostPerSecond * TICK_MS) / 1000;
  let cursor = 0;
  let published = 0;
  /** Events the rate asked for that this machine could not publish in time. */
  let skipped = 0;
  const started = performance.now();
  const timer = setInterval(() => {
    // Catch up by elapsed time, so a late tick does not lower the rate; but a machine that
    // cannot publish this fast gets a lower rate (reported as sent), not an unbounded backlog.
    const due =
      Math.floor(((performance.now() - started) / TICK_MS) * perTick) - published - skipped;
    const batch = Math.min(due, Math.ceil(perTick * 4));
    skipped += Math.max(0, due - batch);
    for (let i = 0; i < batch; i++) {
      const hostId = hostIds[cursor % hostIds.length] ?? "";
      const component = fillerIds[Math.floor(cursor / hostIds.length) % fillerIds.length] ?? "";
      cursor += 1;
      published += 1;
      nc.publish(
        subject,
        JSON.stringify({
          specversion: "1.0",
          id: `load-${published}`,
          type: `${EVENT_TYPE_PREFIX}component_scaled`,
          source: hostId,
          datacontenttype: "application/json",
          time: new Date().toISOString(),
          data: {
            host_id: hostId,
            component_id: component,
            image_ref: fillerRef(component),
            max_instances: 1 + (published % 5),
            annotations: {},
          },
        }),
      );
    }
  }, TICK_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return published;
    },
  };
}

/**
 * `startEventLoad` in a child process at lower CPU priority, like the simulators: the load
 * stands in for hosts on other machines, so on a shared machine it yields to the console,
 * the browser and the bench's own NATS client (whose timestamps start every latency figure).
 */
export async function spawnEventLoad(
  natsUrl: string,
  lattice: string,
  hostIds: string[],
  perHostPerSecond: number,
): Promise<{ stop: () => Promise<number> }> {
  const load = spawnLineChild(
    "scripts/bench/load-process.ts",
    [natsUrl, lattice, String(perHostPerSecond)],
    "event load",
  );
  deprioritise(load.child);
  load.send(JSON.stringify(hostIds));
  if ((await load.next()) !== "ready") throw new Error("event load did not start");
  return {
    stop: async () => {
      load.send("stop");
      return z.object({ published: z.number() }).parse(JSON.parse(await load.next())).published;
    },
  };
}

const ProbeEvent = z.object({
  source: z.string(),
  data: z.object({ component_id: z.string(), max_instances: z.number() }),
});

/**
 * Sends stamped probes to `hostId` every `intervalMs` and records when each probe's event was
 * on NATS. Stamps start at `firstStamp` and are unique within a run.
 */
export function startProbes(
  nc: NatsConnection,
  lattice: string,
  hostId: string,
  opts: { intervalMs: number; firstStamp: number },
) {
  const onNats = new Map<number, number>();
  const sub = nc.subscribe(eventSubject(lattice, "component_scaled"), {
    callback: (_err, msg) => {
      const at = epochNow();
      const text = msg.string();
      if (!text.includes(hostId) || !text.includes(`"${PROBE_COMPONENT}"`)) return;
      const event = ProbeEvent.safeParse(JSON.parse(text));
      if (!event.success || event.data.source !== hostId) return;
      if (event.data.data.component_id !== PROBE_COMPONENT) return;
      if (!onNats.has(event.data.data.max_instances)) onNats.set(event.data.data.max_instances, at);
    },
  });
  let stamp = opts.firstStamp;
  const failures: unknown[] = [];
  const send = () => {
    const count = stamp++;
    scaleCounter(nc, lattice, hostId, count).catch((e: unknown) => failures.push(e));
  };
  send();
  const timer = setInterval(send, opts.intervalMs);
  return {
    onNats,
    /** Stops sending; the last probes' events may still arrive. */
    stop: () => clearInterval(timer),
    close: () => sub.unsubscribe(),
    sent: () => stamp - opts.firstStamp,
    /** Probe requests that failed (e.g. timed out on an overloaded machine). */
    failures: () => failures.length,
  };
}

/** Latencies (ms) of the stamps seen on both sides; stamps not seen are left out. */
export function latencies(onNats: Map<number, number>, seen: Map<number, number>): number[] {
  const out: number[] = [];
  for (const [stamp, at] of onNats) {
    const visible = seen.get(stamp);
    if (visible !== undefined) out.push(Math.max(0, visible - at));
  }
  return out;
}
