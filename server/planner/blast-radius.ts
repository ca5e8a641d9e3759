import "server-only";
import type { ApiLinkShape, BlastRadiusEntry, LatticeStep } from "@/lib/schemas/rollout";
import type { LatticeIndex } from "./lattice-index";

/**
 * Every component and provider linked to or from a changed workload: what may misbehave while
 * that workload restarts or swaps (issue 6, blast radius). Links are the lattice's plus the
 * ones this plan puts; `hostIds` are the changed hosts on which the linked workload runs.
 */
export function blastRadius(
  changedIds: ReadonlySet<string>,
  links: readonly ApiLinkShape[],
  steps: readonly LatticeStep[],
  index: LatticeIndex,
  affected: readonly { hostId: string }[],
): BlastRadiusEntry[] {
  if (changedIds.size === 0) return [];
  const vias = new Map<string, Set<string>>();
  const add = (id: string, link: ApiLinkShape) => {
    const via = `${link.sourceId} → ${link.target} (${link.witNamespace}:${link.witPackage}, ${link.name})`;
    const set = vias.get(id) ?? new Set<string>();
    set.add(via);
    vias.set(id, set);
  };
  const planned = steps.flatMap((s) => (s.kind === "link" && s.after !== null ? [s.after] : []));
  for (const link of [...links, ...planned]) {
    if (changedIds.has(link.sourceId)) add(link.target, link);
    if (changedIds.has(link.target)) add(link.sourceId, link);
  }
  if (vias.size === 0) return [];
  const affectedIds = new Set(affected.map((h) => h.hostId));
  const entries: BlastRadiusEntry[] = [];
  for (const [id, via] of vias) {
    const isProvider = index.providerHosts(id).length > 0 && index.componentHosts(id).length === 0;
    const running = isProvider ? index.providerHosts(id) : index.componentHosts(id);
    entries.push({
      kind: isProvider ? "provider" : "component",
      id,
      via: [...via].sort(),
      hostIds: running
        .filter((h) => affectedIds.has(h.id))
        .map((h) => h.id)
        .sort(),
    });
  }
  return entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
