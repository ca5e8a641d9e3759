import type { Msg, NatsConnection, Subscription } from "@nats-io/transport-node";
import { z } from "zod";
import { controlSubject, SimCommand, type SimHostSummary } from "./control-schema";
import type { Faults } from "./faults";
import type { HostFeatures } from "./host";

/** What the control channel needs from the running lattice. */
export interface ControlTarget {
  faults: Faults;
  listHosts(): SimHostSummary[];
  addHosts(
    count: number,
    labels?: Record<string, string>,
    features?: HostFeatures,
  ): Promise<string[]>;
  crashHost(hostId: string): void;
  restartHost(hostId: string): Promise<void>;
  silenceHost(hostId: string, silent: boolean): void;
  unsilenceAll(): void;
}

/**
 * Serves `wasmsim.{lattice}.control` (request/reply, JSON). Replies `{ok:true,result?}` or
 * `{ok:false,error}`; a bad body is a reply, never a crash.
 */
export function serveControl(
  nc: NatsConnection,
  lattice: string,
  target: ControlTarget,
): Subscription {
  return nc.subscribe(controlSubject(lattice), {
    callback: (err, msg) => {
      if (!err) void answer(msg, target);
    },
  });
}

async function answer(msg: Msg, target: ControlTarget): Promise<void> {
  let reply: object;
  try {
    const parsed = SimCommand.safeParse(parseJson(msg.string()));
    reply = parsed.success
      ? { ok: true, result: await run(parsed.data, target) }
      : { ok: false, error: z.prettifyError(parsed.error) };
  } catch (e) {
    reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  try {
    if (msg.reply) msg.respond(JSON.stringify(reply));
  } catch {
    // the requester is gone or the connection closed: nothing to tell
  }
}

async function run(cmd: z.output<typeof SimCommand>, target: ControlTarget): Promise<unknown> {
  const { faults } = target;
  switch (cmd.op) {
    case "list-hosts":
      return target.listHosts();
    case "add-hosts":
      return {
        hostIds: await target.addHosts(cmd.count, cmd.labels, {
          componentAuctions: cmd.componentAuctions,
          providerAuctions: cmd.providerAuctions,
          builtinProviders: cmd.builtinProviders,
        }),
      };
    case "crash-host":
      return target.crashHost(cmd.hostId);
    case "restart-host":
      return target.restartHost(cmd.hostId);
    case "silence-host":
      return target.silenceHost(cmd.hostId, cmd.silent);
    case "set-provider-health":
      return faults.setProviderHealth(
        cmd.hostId,
        cmd.providerId,
        cmd.responding === false ? "silent" : cmd.healthy ? "healthy" : "unhealthy",
      );
    case "fail-image":
      return faults.failImage(cmd.imageRef, cmd.error ?? "manifest unknown");
    case "hang-update":
      return faults.hangUpdate(cmd.imageRef);
    case "reply-fault":
      return faults.setReplyFault(cmd.hostId, { mode: cmd.mode, delayMs: cmd.delayMs });
    case "drop-events":
      return faults.setDropEvents(cmd.hostId, cmd.enabled);
    case "slow-fetch":
      return faults.slowFetch(cmd.imageRef, cmd.delayMs);
    case "lose-link-writes":
      return faults.setLoseLinkWrites(cmd.sourceId, cmd.enabled, cmd.windowMs);
    case "reset-faults":
      faults.reset();
      return target.unsilenceAll();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
