import "server-only";
import type { Subscription } from "@nats-io/transport-node";
import { parseEvent, type LatticeEvent } from "@/lib/protocol";
import type { MessageStats } from "./message-stats";

/**
 * Drains the lattice event subscription in order — sequential on purpose, since per-host event
 * order is the publish order (protocol §3.1). Every message is validated; a malformed or
 * unknown one is counted per reason and dropped, never thrown (protocol §10).
 */
export async function consumeEvents(
  lattice: string,
  sub: Subscription,
  counters: MessageStats,
  now: () => number,
  onEvent: (event: LatticeEvent) => void,
): Promise<void> {
  try {
    for await (const msg of sub) {
      counters.stats.messages += 1;
      const parsed = parseEvent(msg.string());
      if (!parsed.ok) {
        const kind =
          parsed.reason === "unknown-type" ? `unknown-type:${parsed.detail}` : parsed.reason;
        counters.drop(kind, parsed.detail, now());
        continue;
      }
      counters.stats.applied += 1;
      try {
        onEvent(parsed.event);
      } catch (err) {
        // A bug applying one event must not end the subscription loop.
        counters.drop("apply-error", String(err), now());
      }
    }
  } catch (err) {
    // e.g. a permissions violation: the subscription is gone; say so loudly, once.
    counters.warnOnce(
      "subscription",
      `lattice ${lattice}: event subscription ended: ${String(err)}`,
      now(),
    );
  }
}
