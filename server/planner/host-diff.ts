import "server-only";
import type { Host } from "@/lib/schemas/host";
import type { HostChange, RolloutSpec } from "@/lib/schemas/rollout";
import { ownEntry } from "./compare";
import type { LatticeIndex } from "./lattice-index";
import { changeHostFilter, type Selection } from "./select-hosts";
import type { KnownConfig } from "./types";
import {
  absentOutcome,
  outcomeOf,
  type BeforeEntry,
  type Outcome,
  type WorkloadChange,
} from "./workload-outcome";

export type { WorkloadChange } from "./workload-outcome";
export type Coverage = "change" | "at-target" | "stale";

/** A host the plan covers, with its before-state of every workload the spec touches there. */
export interface CoveredHost {
  host: Host;
  coverage: Coverage;
  before: readonly BeforeEntry[];
  /** Empty unless `coverage` is `change` or `stale`. */
  changes: HostChange[];
}

export interface HostDiff {
  /** Covered hosts with at least one change and not stale, in lattice order. */
  changed: CoveredHost[];
  skipped: { host: Host; reason: string }[];
  covered: CoveredHost[];
  /** Workload ids changed on at least one of `changed`. */
  changedIds: Set<string>;
  warnings: string[];
}

export function workloadChanges(spec: RolloutSpec): WorkloadChange[] {
  return spec.changes.flatMap((c) => (c.kind === "component" || c.kind === "provider" ? [c] : []));
}

/** The `changes` of an at-target host: shared, as only changed hosts' lists reach a plan. */
const NO_CHANGES: HostChange[] = [];

/**
 * Per-host before → after of every component and provider change (API.md "Rollouts"). A host
 * that does not run a workload is never given it: rollouts change running workloads only.
 */
export function diffHosts(
  spec: RolloutSpec,
  selection: Selection,
  index: LatticeIndex,
  known: KnownConfig,
): HostDiff {
  const warnings: string[] = [];
  const changes = workloadChanges(spec).map((change) => ({
    change,
    only: changeHostFilter(`${change.kind} ${change.id}`, change.hosts, index, warnings),
    outcome: outcomeOf(change, known, index),
    absent: absentOutcome(change),
    notRunning: 0,
    changed: 0,
  }));
  const diff: HostDiff = {
    changed: [],
    skipped: [],
    covered: [],
    changedIds: new Set(),
    warnings,
  };
  const stale: Host[] = [];
  // Reused for every host, overwritten rather than emptied: the loop allocates only what the
  // plan keeps, and arrays grown by `push` from empty would reserve 17 slots each.
  const outcomes: Outcome[] = [];
  for (const host of selection.candidates) {
    let count = 0;
    let hostChanges: HostChange[] | null = null;
    let missing: string[] | null = null;
    let atTarget = false;
    for (const entry of changes) {
      if (entry.only !== null && !entry.only.has(host.id)) continue;
      const outcome = entry.outcome(host);
      if (outcome === null) {
        outcomes[count++] = entry.absent;
        if (selection.hasSelector || entry.only !== null) {
          (missing ??= []).push(`${entry.change.kind} ${entry.change.id}`);
          entry.notRunning += 1;
        }
      } else if (outcome.change === null) {
        outcomes[count++] = outcome;
        atTarget = true;
      } else {
        outcomes[count++] = outcome;
        if (hostChanges === null) hostChanges = [outcome.change];
        else hostChanges.push(outcome.change);
        entry.changed += 1;
      }
    }
    let coverage: Coverage | null = null;
    if (hostChanges !== null && host.stale) {
      stale.push(host);
      diff.skipped.push({ host, reason: `stale: no heartbeat or event since ${host.lastSeen}` });
      coverage = "stale";
    } else if (hostChanges !== null) {
      coverage = "change";
    } else if (atTarget) {
      diff.skipped.push({ host, reason: "already at target" });
      coverage = "at-target";
    } else if (missing !== null) {
      diff.skipped.push({ host, reason: `does not run ${missing.join(", ")}` });
    }
    if (coverage === null) continue;
    const before = count === 1 ? outcomes[0].alone : outcomes.slice(0, count).map((o) => o.before);
    const covered: CoveredHost = { host, coverage, before, changes: hostChanges ?? NO_CHANGES };
    diff.covered.push(covered);
    if (coverage === "change") {
      diff.changed.push(covered);
      for (const change of covered.changes) diff.changedIds.add(change.id);
    }
  }
  for (const { change, notRunning, changed } of changes) {
    if (notRunning > 0) {
      warnings.push(
        `${notRunning} selected host${notRunning === 1 ? " does" : "s do"} not run ${change.kind} ${change.id} and ${notRunning === 1 ? "is" : "are"} skipped: a rollout changes running workloads and never places new ones`,
      );
    }
    if (change.kind === "provider" && changed > 0 && change.config === undefined) {
      if (ownEntry(known.provider, change.id) === null) {
        warnings.push(
          `provider ${change.id} is restarted without named config: providers have no hot swap (protocol §7.4) and their config list is not observable; give "config" to keep one`,
        );
      }
    }
  }
  if (stale.length > 0) {
    warnings.push(
      `stale hosts are skipped and keep their current state: ${stale.map((h) => `${h.friendlyName} (${h.id})`).join(", ")}`,
    );
  }
  return diff;
}
