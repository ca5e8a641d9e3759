import "server-only";
import type { Host } from "@/lib/schemas/host";
import type { HostSelector } from "@/lib/schemas/rollout";
import type { LatticeIndex } from "./lattice-index";

export interface Selection {
  /** Hosts the selector admits, in lattice order. */
  candidates: readonly Host[];
  /** With a selector, selected hosts that do not run a workload are reported as skipped. */
  hasSelector: boolean;
  errors: string[];
}

/**
 * Candidate hosts: every pair of `labels`, the listed `hosts` (an unknown id is an error — the
 * operator named a host the plan cannot reach), or every host when there is no selector.
 */
export function selectHosts(
  selector: HostSelector | undefined,
  hosts: readonly Host[],
  index: LatticeIndex,
): Selection {
  if (selector === undefined) return { candidates: hosts, hasSelector: false, errors: [] };
  if ("labels" in selector) {
    const pairs = Object.entries(selector.labels);
    const candidates = hosts.filter((h) => pairs.every(([k, v]) => h.labels[k] === v));
    return { candidates, hasSelector: true, errors: [] };
  }
  const errors: string[] = [];
  const candidates: Host[] = [];
  for (const id of new Set(selector.hosts)) {
    const host = index.host(id);
    if (host) candidates.push(host);
    else errors.push(`selector names host ${id}, which is not in the lattice`);
  }
  return { candidates, hasSelector: true, errors };
}

/**
 * The hosts a change's own `hosts` field admits (`null` = no restriction). An id that left the
 * lattice is a warning, not an error: a restore spec names every host it once touched, and one
 * gone host must not block returning the others.
 */
export function changeHostFilter(
  label: string,
  hostIds: readonly string[] | undefined,
  index: LatticeIndex,
  warnings: string[],
): ReadonlySet<string> | null {
  if (hostIds === undefined) return null;
  const gone = hostIds.filter((id) => index.host(id) === undefined);
  if (gone.length > 0) {
    warnings.push(`${label} names hosts not in the lattice, left out: ${gone.join(", ")}`);
  }
  return new Set(hostIds);
}
