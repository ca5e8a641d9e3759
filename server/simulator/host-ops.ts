import { StopHostCommand } from "@/lib/protocol";
import { decode, fail, ok, type CtlResult } from "./ctl";
import type { SimHost } from "./host";

const DEFAULT_STOP_TIMEOUT_MS = 10_000;

/** `host.ping`: one envelope per host, `response` = Host with `id` (protocol §5.2). */
export function pingHost(host: SimHost): CtlResult {
  return ok("", host.pingInfo());
}

/** `host.get.{hostId}`: the inventory (protocol §5.1); the body is ignored. */
export function getHost(host: SimHost): CtlResult {
  return ok("", host.inventory());
}

/**
 * `host.stop.{hostId}` (protocol §2.1): reply, stop heartbeats and intake, then publish
 * `host_stopped` only if the simulated shutdown fits in `timeout` ms; otherwise vanish silently.
 */
export function stopHost(host: SimHost, body: Uint8Array): CtlResult {
  // 1.9 accepts an empty payload.
  const cmd = decode(StopHostCommand, body, "failed to deserialize stop command", {});
  if (cmd.host_id && cmd.host_id !== host.id) return fail(`invalid host_id [${cmd.host_id}]`);
  const deadline = cmd.timeout ?? DEFAULT_STOP_TIMEOUT_MS;
  // Halting after the reply has been written: setImmediate runs after the reply's microtask.
  setImmediate(() => {
    if (!host.isLive) return;
    host.halt("stopped");
    host.ctx.log(`${host.friendlyName}: stopping (deadline ${deadline} ms)`);
    const shutdownMs = host.ctx.timing.hostShutdownMs;
    if (shutdownMs > deadline) return;
    setTimeout(() => host.emit("host_stopped", { labels: host.sortedLabels() }), shutdownMs);
  });
  return ok("successfully handled stop host");
}
