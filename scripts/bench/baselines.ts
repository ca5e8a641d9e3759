/**
 * Baselines measured in the same run as the figures: a plain NATS request/reply round trip
 * (the floor under any event → anywhere latency) and a naive refresh that pings the lattice and
 * reads every host with `host.get` (what a console without an event-driven model would do).
 */
import type { NatsConnection } from "@nats-io/transport-node";
import type { CtlClient } from "@/server/lattice";
import { boundedAll } from "@/server/lattice/bounded-all";
import { percentile } from "./stats";

export async function natsRoundTrip(
  nc: NatsConnection,
  samples: number,
): Promise<{ p50: number; p95: number; p99: number }> {
  const subject = `bench.rtt.${Math.random().toString(36).slice(2)}`;
  const sub = nc.subscribe(subject, { callback: (_e, msg) => void msg.respond(msg.data) });
  await nc.flush();
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      await nc.request(subject, "ping", { timeout: 5_000 });
      times.push(performance.now() - started);
    }
  } finally {
    sub.unsubscribe();
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

/** Milliseconds to ping the lattice and read every host's inventory, 16 at a time. */
export async function naivePoll(ctl: CtlClient, hostCount: number): Promise<number> {
  const started = performance.now();
  const { hosts } = await ctl.ping({ windowMs: 10_000, stallMs: 500 });
  await boundedAll(hosts, 16, async (h) => {
    await ctl.getHost(h.id);
  });
  if (hosts.length !== hostCount) throw new Error(`naive poll saw ${hosts.length} hosts`);
  return performance.now() - started;
}
