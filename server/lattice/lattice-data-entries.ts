import "server-only";
import { z } from "zod";
import { ConfigValues, Link } from "@/lib/protocol";
import type { ApiLink } from "@/lib/schemas/lattice-data";

/** What one KV value means to the console: a value, nothing of interest, or garbage. */
export type EntryParse<T> =
  { kind: "value"; value: T } | { kind: "ignored" } | { kind: "malformed"; detail: string };

export const COMPONENT_PREFIX = "COMPONENT_";
export const SECRET_PREFIX = "SECRET_";

/**
 * `COMPONENT_{id}` in `LATTICEDATA_{lattice}` (protocol §6.4). Hosts write `url` at start and
 * `links` on link put, so either may be missing from an entry written by the other path.
 */
const ComponentSpec = z.object({
  url: z.string().optional(),
  links: z.array(Link).default([]),
});

/** A config as kept in memory: a secret reference keeps no values at all (protocol §6.2). */
export type StoredConfig = { secret: true } | { secret: false; values: Record<string, string> };

export function toApiLink(link: Link): ApiLink {
  return {
    sourceId: link.source_id,
    target: link.target,
    name: link.name,
    witNamespace: link.wit_namespace,
    witPackage: link.wit_package,
    interfaces: link.interfaces,
    sourceConfig: link.source_config,
    targetConfig: link.target_config,
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Link order of the API: by the delete key of protocol §6.1, then by target. */
export function compareLinks(a: ApiLink, b: ApiLink): number {
  return (
    byText(a.sourceId, b.sourceId) ||
    byText(a.witNamespace, b.witNamespace) ||
    byText(a.witPackage, b.witPackage) ||
    byText(a.name, b.name) ||
    byText(a.target, b.target)
  );
}

function parseJson(value: Uint8Array): { ok: true; json: unknown } | { ok: false } {
  try {
    return { ok: true, json: JSON.parse(new TextDecoder().decode(value)) };
  } catch {
    return { ok: false };
  }
}

/** The links of one `LATTICEDATA` entry; `CLAIMS_*` and legacy `LINKDEF_*`/`REFMAP_*` are ignored. */
export function parseSpecEntry(key: string, value: Uint8Array): EntryParse<ApiLink[]> {
  if (!key.startsWith(COMPONENT_PREFIX)) return { kind: "ignored" };
  const json = parseJson(value);
  if (!json.ok) return { kind: "malformed", detail: `${key}: not JSON` };
  const spec = ComponentSpec.safeParse(json.json);
  if (!spec.success)
    return { kind: "malformed", detail: `${key}: ${spec.error.issues[0]?.message}` };
  return { kind: "value", value: spec.data.links.map(toApiLink) };
}

/**
 * One `CONFIGDATA` entry. A `SECRET_*` value is not even parsed: its shape belongs to the
 * secrets backend, and the console must never hold or show it (protocol §6.2, §10).
 */
export function parseConfigEntry(key: string, value: Uint8Array): EntryParse<StoredConfig> {
  if (key.startsWith(SECRET_PREFIX)) return { kind: "value", value: { secret: true } };
  const json = parseJson(value);
  if (!json.ok) return { kind: "malformed", detail: `${key}: not JSON` };
  const values = ConfigValues.safeParse(json.json);
  if (!values.success) {
    return { kind: "malformed", detail: `${key}: ${values.error.issues[0]?.message}` };
  }
  return { kind: "value", value: { secret: false, values: values.data } };
}
