import "server-only";
import type { LatticeStep, RolloutSpec } from "@/lib/schemas/rollout";
import type { CoveredHost } from "./host-diff";
import { canonicalJson, HashStream, quote } from "./canonical-json";
import type { BeforeEntry } from "./workload-outcome";

export interface HashedContent {
  spec: RolloutSpec;
  /** Sorted by host id, so input order never matters. */
  covered: readonly CoveredHost[];
  waves: readonly (readonly string[])[];
  lattice: readonly LatticeStep[];
}

/**
 * The plan's content hash (API.md: `hash`): sha256 over the canonical JSON (`canonicalJson`) of
 *
 *     { covered: [[hostId, coverage, [[kind, id, [imageRef, count, config, annotations] | null], …]], …],
 *       lattice: [{ kind, id, before }, …], spec, waves }
 *
 * — the spec and the before-state the plan rests on, and only what the spec touches, so
 * unrelated drift never matters. Tuples rather than objects: the same content in a fraction of
 * the text. The covered hosts, the bulk of it, are written directly instead of through the
 * generic writer, and each shared before-state is rendered once (issue 8); the text is
 * byte-for-byte what `canonicalJson` gives for the same value.
 */
export function planHash(content: HashedContent): string {
  const out = new HashStream();
  const rendered = new Map<BeforeEntry, string>();
  const entryText = (entry: BeforeEntry): string => {
    let text = rendered.get(entry);
    if (text === undefined) {
      text = `[${JSON.stringify(entry.kind)},${JSON.stringify(entry.id)},${stateText(entry.state)}]`;
      rendered.set(entry, text);
    }
    return text;
  };
  out.write('{"covered":[');
  content.covered.forEach((host, i) => {
    out.write(`${i > 0 ? "," : ""}[${quote(host.host.id)},${JSON.stringify(host.coverage)},[`);
    host.before.forEach((entry, k) => out.write(k > 0 ? `,${entryText(entry)}` : entryText(entry)));
    out.write("]]");
  });
  out.write('],"lattice":');
  out.value(content.lattice.map((s) => ({ kind: s.kind, id: s.id, before: s.before })));
  out.write(',"spec":');
  out.value(content.spec);
  out.write(',"waves":[');
  content.waves.forEach((wave, i) => {
    out.write(i > 0 ? ",[" : "[");
    wave.forEach((id, k) => out.write(k > 0 ? `,${quote(id)}` : quote(id)));
    out.write("]");
  });
  out.write("]}");
  return out.digest();
}

function stateText(state: BeforeEntry["state"]): string {
  if (state === null) return "null";
  const count = "maxInstances" in state ? JSON.stringify(state.maxInstances) : "null";
  const config = state.config ? canonicalJson(state.config) : "null";
  const annotations = state.annotations ? canonicalJson(state.annotations) : "{}";
  return `[${JSON.stringify(state.imageRef)},${count},${config},${annotations}]`;
}
