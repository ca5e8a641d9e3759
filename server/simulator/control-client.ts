import type { NatsConnection } from "@nats-io/transport-node";
import { controlSubject, SimReply, type SimCommand } from "./control-schema";

export class SimControlError extends Error {}

/**
 * Sends one fault-injection command to a simulated lattice over NATS and returns its
 * `result`; throws `SimControlError` on an `{ok:false}` reply.
 */
export async function simControl(
  nc: NatsConnection,
  lattice: string,
  command: SimCommand,
  timeoutMs = 5_000,
): Promise<unknown> {
  const msg = await nc.request(controlSubject(lattice), JSON.stringify(command), {
    timeout: timeoutMs,
  });
  const reply = SimReply.safeParse(msg.json());
  if (!reply.success) throw new SimControlError("malformed control reply");
  if (!reply.data.ok) throw new SimControlError(reply.data.error);
  return reply.data.result;
}
