import "server-only";
import {
  createInbox,
  NoRespondersError,
  RequestError,
  TimeoutError,
  type NatsConnection,
} from "@nats-io/transport-node";
import { CtlReply } from "@/lib/protocol";
import { CtlTimeoutError, HostGoneError, MalformedReplyError, NoHostsError } from "./errors";

/** Who is expected to answer: decides what "no responders" means (protocol §1.4). */
export type Responder = { kind: "host"; hostId: string } | { kind: "queue"; lattice: string };

function isNoResponders(err: unknown): boolean {
  return (
    err instanceof NoRespondersError ||
    (err instanceof RequestError &&
      (err.isNoResponders() || err.cause instanceof NoRespondersError))
  );
}

export function parseReply(subject: string, raw: string): CtlReply {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new MalformedReplyError(subject, "not JSON");
  }
  const reply = CtlReply.safeParse(json);
  if (!reply.success) throw new MalformedReplyError(subject, reply.error.issues[0]?.message ?? "");
  return reply.data;
}

/** One request, one reply envelope; NATS failures become named errors. */
export async function ctlRequest(
  nc: NatsConnection,
  subject: string,
  body: unknown,
  responder: Responder,
  timeoutMs: number,
): Promise<CtlReply> {
  try {
    const payload = body === undefined ? "" : JSON.stringify(body);
    const msg = await nc.request(subject, payload, { timeout: timeoutMs });
    return parseReply(subject, msg.string());
  } catch (err) {
    if (isNoResponders(err)) {
      throw responder.kind === "host"
        ? new HostGoneError(responder.hostId, { cause: err })
        : new NoHostsError(responder.lattice, { cause: err });
    }
    if (err instanceof TimeoutError) throw new CtlTimeoutError(subject, timeoutMs, { cause: err });
    throw err;
  }
}

export interface GatherOptions {
  /** Upper bound of the collection window. */
  windowMs: number;
  /** Once at least one reply arrived, stop after this long without another. */
  stallMs?: number;
  /** Receives each reply; returning true stops early (every expected reply is in). */
  onReply: (raw: string) => boolean;
}

/**
 * Scatter-gather (protocol §1.4): publish with a reply inbox and hand each raw reply to
 * `onReply` until the window closes. There is no end marker; "no responders" just means
 * nobody answered.
 */
export async function ctlGather(
  nc: NatsConnection,
  subject: string,
  options: GatherOptions,
): Promise<void> {
  const inbox = createInbox();
  const sub = nc.subscribe(inbox);
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  const windowTimer = setTimeout(() => sub.unsubscribe(), options.windowMs);
  const collect = (async () => {
    for await (const msg of sub) {
      // An empty 503 status message is the server's "no responders".
      if (msg.data.length === 0 && msg.headers?.code === 503) break;
      if (options.onReply(msg.string())) break;
      if (options.stallMs !== undefined) {
        clearTimeout(stallTimer);
        stallTimer = setTimeout(() => sub.unsubscribe(), options.stallMs);
      }
    }
  })();
  nc.publish(subject, "", { reply: inbox });
  try {
    await collect;
  } finally {
    clearTimeout(windowTimer);
    clearTimeout(stallTimer);
    sub.unsubscribe();
  }
}
