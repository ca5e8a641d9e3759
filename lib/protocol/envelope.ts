import { z } from "zod";

/**
 * The ctl v1 reply envelope (protocol §1.3). `response` is absent when there is no payload.
 * Hosts also have a last-resort `{"success": false, "error": "…"}` body; it is normalised to
 * `message` so callers only ever look at `success` and `message`.
 */
export const CtlReply = z
  .union([
    // First: the ordinary shape would also accept it (message defaults to "") and lose `error`.
    z.object({ success: z.literal(false), error: z.string() }),
    z.object({
      success: z.boolean(),
      message: z.string().default(""),
      response: z.unknown().optional(),
    }),
  ])
  .transform((r) =>
    "error" in r
      ? { success: false as const, message: r.error, response: undefined }
      : { success: r.success, message: r.message, response: r.response },
  );
export type CtlReply = z.output<typeof CtlReply>;

/** Serialises a reply the way hosts do: `response` omitted, not null, when there is none. */
export function encodeReply(success: boolean, message: string, response?: unknown): string {
  return JSON.stringify(
    response === undefined ? { success, message } : { success, message, response },
  );
}
