import type { z } from "zod";

/** A ctl reply before encoding (protocol §1.3); `"no-reply"` = stay silent (lost auctions). */
export type CtlResult = { success: boolean; message: string; response?: unknown } | "no-reply";

export const ok = (message = "", response?: unknown): CtlResult =>
  response === undefined ? { success: true, message } : { success: true, message, response };

export const fail = (message: string): CtlResult => ({ success: false, message });

/** A refusal whose text becomes the reply `message`. */
export class CtlError extends Error {}

/**
 * Decodes a request body as the 1.9 host does: JSON, lenient schema, and on failure only the
 * outermost context string (e.g. `failed to deserialize component scale command`).
 */
export function decode<S extends z.ZodType>(
  schema: S,
  body: Uint8Array,
  context: string,
  emptyAs?: unknown,
): z.output<S> {
  const text = new TextDecoder().decode(body);
  let json: unknown = emptyAs;
  if (text.trim() !== "" || emptyAs === undefined) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new CtlError(context);
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CtlError(context);
  return parsed.data;
}

/** `5m 2s`, `1day 3h 4m 5s` — humantime-style, no sub-seconds (protocol §5.1). */
export function uptimeHuman(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const parts: string[] = [];
  const days = Math.floor(s / 86_400);
  const units: [number, string][] = [
    [Math.floor((s % 86_400) / 3_600), "h"],
    [Math.floor((s % 3_600) / 60), "m"],
    [s % 60, "s"],
  ];
  if (days > 0) parts.push(`${days}${days === 1 ? "day" : "days"}`);
  for (const [value, unit] of units) if (value > 0) parts.push(`${value}${unit}`);
  return parts.length > 0 ? parts.join(" ") : "0s";
}
