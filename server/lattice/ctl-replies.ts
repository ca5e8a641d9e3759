import "server-only";
import { z } from "zod";
import { isSafeToken, PingHost, type CtlReply } from "@/lib/protocol";
import { parseReply } from "./ctl-transport";
import { CtlRefusedError, InvalidIdError, MalformedReplyError } from "./errors";

/** A host's acknowledgement: accepted, not done (protocol §10 "Outcomes"). */
export type CtlAck = { message: string };

/** An id that ends up as a subject token or KV key must be one safe token (protocol §1.2). */
export function token(what: string, value: string): string {
  if (!isSafeToken(value)) throw new InvalidIdError(what, value);
  return value;
}

/** Decides on `success` only; `message` is carried as text (protocol §1.3). */
export function ack(subject: string, reply: CtlReply): CtlAck {
  if (!reply.success) throw new CtlRefusedError(subject, reply.message);
  return { message: reply.message };
}

export function payload<S extends z.ZodType>(
  subject: string,
  reply: CtlReply,
  schema: S,
): z.output<S> {
  if (!reply.success) throw new CtlRefusedError(subject, reply.message);
  const parsed = schema.safeParse(reply.response);
  if (!parsed.success) throw new MalformedReplyError(subject, z.prettifyError(parsed.error));
  return parsed.data;
}

/** One ping reply's host, or undefined for a refusal or a malformed reply (counted by callers). */
export function parsePing(subject: string, raw: string): PingHost | undefined {
  try {
    const reply = parseReply(subject, raw);
    if (!reply.success) return undefined;
    const host = PingHost.safeParse(reply.response);
    return host.success ? host.data : undefined;
  } catch {
    return undefined;
  }
}
