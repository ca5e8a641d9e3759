import type { NatsConnection } from "@nats-io/transport-node";
import { CtlReply, ctlSubject, DEFAULT_CTL_PREFIX } from "@/lib/protocol";

/**
 * Rescales the demo app's `counter` on one host with a raw ctl v1 request, as wash or wadm
 * would send it (`count`, never `max_instances`: protocol §2.3); throws if the host refuses.
 */
export async function scaleCounter(
  nc: NatsConnection,
  lattice: string,
  hostId: string,
  count: number,
): Promise<void> {
  const body = {
    component_id: "counter",
    component_ref: "ghcr.io/acme/counter:0.8.1",
    count,
    host_id: hostId,
    config: ["counter-config"],
  };
  const subject = ctlSubject(DEFAULT_CTL_PREFIX, lattice, "component", "scale", hostId);
  const msg = await nc.request(subject, JSON.stringify(body), { timeout: 5_000 });
  const reply = CtlReply.parse(msg.json());
  if (!reply.success) throw new Error(`scale refused by ${hostId}: ${reply.message}`);
}
