import type { NatsConnection } from "@nats-io/transport-node";
import {
  CtlReply,
  ctlSubject,
  DEFAULT_CTL_PREFIX,
  HostInventory,
  scaleComponentBody,
} from "@/lib/protocol";

const COUNTER = { id: "counter", ref: "ghcr.io/acme/counter:0.8.1", config: ["counter-config"] };

/** What a rescale must carry over from the running component (protocol §10). */
export interface RunningCounter {
  imageRef: string;
  annotations: Record<string, string>;
}

/** The `counter` component as `host.get` reports it on one host, or the demo's if absent. */
export async function readCounter(
  nc: NatsConnection,
  lattice: string,
  hostId: string,
): Promise<RunningCounter> {
  const subject = ctlSubject(DEFAULT_CTL_PREFIX, lattice, "host", "get", hostId);
  const reply = CtlReply.parse((await nc.request(subject, "", { timeout: 5_000 })).json());
  if (!reply.success) throw new Error(`host.get refused by ${hostId}: ${reply.message}`);
  const running = HostInventory.parse(reply.response).components.find((c) => c.id === COUNTER.id);
  return { imageRef: running?.image_ref ?? COUNTER.ref, annotations: running?.annotations ?? {} };
}

/**
 * Rescales the demo app's `counter` on one host with a raw ctl v1 request, as wash or wadm
 * would send it (`count`, never `max_instances`: protocol §2.3), carrying the component's
 * current annotations, which a rescale would otherwise wipe (§10). Pass `current` (from
 * `readCounter`) to keep the `host.get` out of a timed section. Throws if the host refuses.
 */
export async function scaleCounter(
  nc: NatsConnection,
  lattice: string,
  hostId: string,
  count: number,
  current?: RunningCounter,
): Promise<void> {
  const { imageRef, annotations } = current ?? (await readCounter(nc, lattice, hostId));
  const body = scaleComponentBody({
    hostId,
    componentId: COUNTER.id,
    componentRef: imageRef,
    count,
    annotations,
    config: COUNTER.config,
  });
  const subject = ctlSubject(DEFAULT_CTL_PREFIX, lattice, "component", "scale", hostId);
  const msg = await nc.request(subject, JSON.stringify(body), { timeout: 5_000 });
  const reply = CtlReply.parse(msg.json());
  if (!reply.success) throw new Error(`scale refused by ${hostId}: ${reply.message}`);
}
