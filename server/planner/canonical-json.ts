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

/** Text JSON.stringify leaves as it is: no quote, backslash, control character or surrogate. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** `JSON.stringify(text)`, without its cost for the common plain id (issue 8). */
export function quote(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
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
 * sha256 over text written piece by piece, fed to the hash in chunks so a 10,000-host plan
 * never builds one giant string.
 */
export class HashStream {
  private readonly hash = createHash("sha256");
  private buffer = "";

  readonly write = (text: string): void => {
    this.buffer += text;
    if (this.buffer.length >= CHUNK) {
      this.hash.update(this.buffer);
      this.buffer = "";
    }
  };

  /** Writes `value` as canonical JSON (see `canonicalJson`). */
  value(value: unknown): void {
    writeCanonical(value, this.write);
  }

  digest(): string {
    this.hash.update(this.buffer);
    this.buffer = "";
    return this.hash.digest("hex");
  }
}
