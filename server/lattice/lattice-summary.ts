import "server-only";
import { isStale, type LatticeState } from "./lattice-state";

export interface LatticeCounts {
  hostCount: number;
  staleHostCount: number;
  componentCount: number;
  providerCount: number;
}

/** Counts distinct component/provider ids: one id on many hosts is one workload (§7.5). */
export function countLattice(state: LatticeState, now: number, heartbeatMs: number): LatticeCounts {
  const components = new Set<string>();
  const providers = new Set<string>();
  let staleHostCount = 0;
  for (const model of state.hosts.values()) {
    if (isStale(model, now, heartbeatMs)) staleHostCount += 1;
    for (const id of model.components.keys()) components.add(id);
    for (const id of model.providers.keys()) providers.add(id);
  }
  return {
    hostCount: state.hosts.size,
    staleHostCount,
    componentCount: components.size,
    providerCount: providers.size,
  };
}

/**
 * Which hosts crossed the staleness line since the last call. Staleness is derived from the
 * clock, so nothing else would tell listeners that a silent host went stale.
 */
export class StaleTracker {
  private readonly reported = new Set<string>();

  flipped(state: LatticeState, now: number, heartbeatMs: number): string[] {
    const flipped: string[] = [];
    for (const model of state.hosts.values()) {
      const stale = isStale(model, now, heartbeatMs);
      if (stale === this.reported.has(model.id)) continue;
      if (stale) this.reported.add(model.id);
      else this.reported.delete(model.id);
      flipped.push(model.id);
    }
    return flipped;
  }

  forget(ids: readonly string[]): void {
    for (const id of ids) this.reported.delete(id);
  }
}
