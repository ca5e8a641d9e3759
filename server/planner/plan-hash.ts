import "server-only";
import { createHash } from "node:crypto";

/** Emits `value` as JSON with object keys sorted at every depth and `undefined` members dropped. */
function writeCanonical(value: unknown, emit: (text: string) => void): void {
  if (value === null || typeof value !== "object") {
    emit(JSON.stringify(value) ?? "null");
    return;
  }
  if (Array.isArray(value)) {
    emit("[");
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) emit(",");
      writeCanonical(value[i], emit);
    }
    emit("]");
    return;
  }
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  emit("{");
  let first = true;
  for (const [key, member] of entries) {
    if (member === undefined) continue;
    emit(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    writeCanonical(member, emit);
  }
  emit("}");
}

export function canonicalJson(value: unknown): string {
  let text = "";
  writeCanonical(value, (part) => {
    text += part;
  });
  return text;
}

const CHUNK = 1 << 16;

/**
 * The plan's content hash (API.md: `hash`): sha256 over the canonical JSON of the spec and the
 * before-state the plan rests on, streamed in chunks so a 10,000-host plan never builds one
 * giant string. The caller passes covered hosts sorted by id, so input order never matters,
 * and only what the spec touches, so unrelated drift never matters.
 */
export function planHash(content: unknown): string {
  const hash = createHash("sha256");
  let buffer = "";
  writeCanonical(content, (part) => {
    buffer += part;
    if (buffer.length >= CHUNK) {
      hash.update(buffer);
      buffer = "";
    }
  });
  hash.update(buffer);
  return hash.digest("hex");
}
