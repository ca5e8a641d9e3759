import "server-only";
import type { HostPlan, Plan } from "@/lib/schemas/rollout";
import { blastRadius } from "./blast-radius";
import { configListSafety } from "./config-list-safety";
import { diffHosts } from "./host-diff";
import { indexLattice } from "./lattice-index";
import { latticeSteps } from "./lattice-steps";
import { planHash } from "./plan-hash";
import { planWaves, sortByHost } from "./plan-waves";
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
  const waves = planWaves(diff.changed, spec.strategy);
  const hostPlans: HostPlan[] = waves.ordered.map(({ host, changes }) => ({
    hostId: host.id,
    friendlyName: host.friendlyName,
    labels: host.labels,
    changes,
  }));
  const lattice = latticeSteps(spec, { index, links, configValues, knownConfig });
  const checks = preflight(spec, { index, configValues, affected: hostPlans });
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
  const skipped = sortByHost(diff.skipped, spec.strategy.order ?? []).map(({ host, reason }) => ({
    hostId: host.id,
    reason,
  }));
  const hash = planHash({
    spec,
    covered: diff.covered.sort((a, b) => (a.host.id < b.host.id ? -1 : 1)),
    waves: waves.waves,
    lattice: lattice.steps,
  });
  return {
    hash,
    lattice: lattice.steps,
    hosts: hostPlans,
    skipped,
    waves: waves.waves,
    warnings,
    errors,
    blastRadius: blastRadius(diff.changedIds, links, lattice.steps, index, hostPlans),
    summary: { hosts: hostPlans.length, waves: waves.waves.length, skipped: skipped.length },
  };
}
