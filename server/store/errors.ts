import "server-only";
import type { z } from "zod";

/** Someone else wrote the entry since it was read: re-read and decide again. */
export class WriteConflictError extends Error {
  readonly code = "write_conflict";
  constructor(
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(`KV entry ${key} changed since it was read`, options);
    this.name = "WriteConflictError";
  }
}

/** A KV entry that does not match its schema (written by something else, or damaged). */
export class CorruptEntryError extends Error {
  readonly code = "corrupt_entry";
  constructor(
    readonly key: string,
    readonly issues: z.ZodError,
  ) {
    super(`KV entry ${key} is malformed: ${issues.issues.map((i) => i.message).join("; ")}`);
    this.name = "CorruptEntryError";
  }
}
