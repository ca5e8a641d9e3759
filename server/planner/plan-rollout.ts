import "server-only";
import type { ComponentState, HostPlan, Plan, ProviderState } from "@/lib/schemas/rollout";
import { blastRadius } from "./blast-radius";
import { configListSafety } from "./config-list-safety";
import { diffHosts } from "./host-diff";
import { indexLattice } from "./lattice-index";
import { latticeSteps } from "./lattice-steps";
import { planHash } from "./plan-hash";
import { compareHosts, planWaves } from "./plan-waves";
import { preflight } from "./preflight";
import { selectHosts } from "./select-hosts";
import type { PlanInput } from "./types";

/**
 * (lattice snapshot, recorded config lists, spec) → Plan (API.md "Rollouts"). Pure: the same
 * input gives the same plan and hash, whatever the order of `hosts`.
 */
export function planRollout(input: PlanInput): Plan {
  const { spec, hosts, links, configValues, knownConfig } = input;
  const index = indexLattice(hosts);
  const selection = selectHosts(spec.selector, hosts, index);
  const diff = diffHosts(spec, selection, index, knownConfig);
  const changesByHost = new Map(diff.changed.map((c) => [c.host.id, c.changes]));
  const waves = planWaves(
    diff.changed.map((c) => c.host),
    spec.strategy,
  );
  const hostPlans: HostPlan[] = waves.ordered.map((host) => ({
    hostId: host.id,
    friendlyName: host.friendlyName,
    labels: host.labels,
    changes: changesByHost.get(host.id) ?? [],
  }));
  const lattice = latticeSteps(spec, { index, links, configValues, knownConfig });
  const checks = preflight(spec, { index, configValues, affected: waves.ordered });
  const lists = configListSafety(hostPlans);
  const errors = [...selection.errors, ...checks.errors, ...lattice.errors, ...lists.errors];
  if (hostPlans.length === 0 && lattice.steps.length === 0) errors.push("nothing to change");
  errors.push(...(input.notes?.errors ?? []));
  const warnings = [
    ...diff.warnings,
    ...waves.warnings,
    ...lattice.warnings,
    ...checks.warnings,
    ...lists.warnings,
    ...(input.notes?.warnings ?? []),
  ];
  const byOrder = compareHosts(spec.strategy.order ?? []);
  const skipped = [...diff.skipped]
    .sort((a, b) => byOrder(a.host, b.host))
    .map(({ host, reason }) => ({ hostId: host.id, reason }));
  const changedIds = new Set(hostPlans.flatMap((h) => h.changes.map((c) => c.id)));
  // Tuples rather than objects: the same content in a fraction of the canonical JSON.
  const covered = [...diff.covered]
    .sort((a, b) => (a.hostId < b.hostId ? -1 : 1))
    .map((c) => [c.hostId, c.coverage, c.before.map((b) => [b.kind, b.id, stateTuple(b.state)])]);
  const hash = planHash({
    spec,
    covered,
    waves: waves.waves,
    lattice: lattice.steps.map((s) => ({ kind: s.kind, id: s.id, before: s.before })),
  });
  return {
    hash,
    lattice: lattice.steps,
    hosts: hostPlans,
    skipped,
    waves: waves.waves,
    warnings,
    errors,
    blastRadius: blastRadius(changedIds, links, lattice.steps, index, waves.ordered),
    summary: { hosts: hostPlans.length, waves: waves.waves.length, skipped: skipped.length },
  };
}

function stateTuple(state: ComponentState | ProviderState | null): unknown[] | null {
  if (state === null) return null;
  const count = "maxInstances" in state ? state.maxInstances : null;
  return [state.imageRef, count, state.config ?? null, state.annotations ?? {}];
}
