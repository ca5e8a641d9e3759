import "server-only";
import { createHash } from "node:crypto";

/** JSON with object keys sorted at every depth and `undefined` members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
  const members = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
  return `{${members.join(",")}}`;
}

/**
 * The plan's content hash (API.md: `hash`): sha256 over the spec and the before-state the plan
 * rests on. The caller passes covered hosts sorted by id, so input order never matters, and
 * only the workloads, configs and links the spec touches, so unrelated drift never matters.
 */
export function planHash(content: unknown): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}
