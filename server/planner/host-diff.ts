import "server-only";
import type { Host } from "@/lib/schemas/host";
import type {
  ComponentChange,
  ComponentState,
  HostChange,
  ProviderChange,
  ProviderState,
  RolloutSpec,
} from "@/lib/schemas/rollout";
import { ownEntry, sameList, sameMap } from "./compare";
import type { LatticeIndex } from "./lattice-index";
import { changeHostFilter, type Selection } from "./select-hosts";
import type { KnownConfig } from "./types";

export type WorkloadChange = ComponentChange | ProviderChange;
export type Coverage = "change" | "at-target" | "stale";

/** A host the plan covers, with its before-state of every workload the spec touches there. */
export interface CoveredHost {
  hostId: string;
  coverage: Coverage;
  before: {
    kind: WorkloadChange["kind"];
    id: string;
    state: ComponentState | ProviderState | null;
  }[];
}

export interface HostDiff {
  /** Hosts with at least one change and not stale, in lattice order. */
  changed: { host: Host; changes: HostChange[] }[];
  skipped: { host: Host; reason: string }[];
  covered: CoveredHost[];
  warnings: string[];
}

type Outcome =
  | { type: "not-running" }
  | { type: "at-target"; before: ComponentState | ProviderState }
  | { type: "change"; change: HostChange };

export function workloadChanges(spec: RolloutSpec): WorkloadChange[] {
  return spec.changes.flatMap((c) => (c.kind === "component" || c.kind === "provider" ? [c] : []));
}

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
    notRunning: 0,
    changed: 0,
  }));
  const diff: HostDiff = { changed: [], skipped: [], covered: [], warnings };
  const stale: Host[] = [];
  for (const host of selection.candidates) {
    const hostChanges: HostChange[] = [];
    const before: CoveredHost["before"] = [];
    const missing: string[] = [];
    let atTarget = false;
    for (const entry of changes) {
      if (entry.only !== null && !entry.only.has(host.id)) continue;
      const outcome = diffOne(host, entry.change, known);
      switch (outcome.type) {
        case "not-running":
          before.push({ kind: entry.change.kind, id: entry.change.id, state: null });
          if (selection.hasSelector || entry.only !== null) {
            missing.push(`${entry.change.kind} ${entry.change.id}`);
            entry.notRunning += 1;
          }
          break;
        case "at-target":
          before.push({ kind: entry.change.kind, id: entry.change.id, state: outcome.before });
          atTarget = true;
          break;
        case "change":
          before.push({
            kind: entry.change.kind,
            id: entry.change.id,
            state: outcome.change.before,
          });
          hostChanges.push(outcome.change);
          entry.changed += 1;
          break;
      }
    }
    if (hostChanges.length > 0 && host.stale) {
      stale.push(host);
      diff.skipped.push({ host, reason: `stale: no heartbeat or event since ${host.lastSeen}` });
      diff.covered.push({ hostId: host.id, coverage: "stale", before });
    } else if (hostChanges.length > 0) {
      diff.changed.push({ host, changes: hostChanges });
      diff.covered.push({ hostId: host.id, coverage: "change", before });
    } else if (atTarget) {
      diff.skipped.push({ host, reason: "already at target" });
      diff.covered.push({ hostId: host.id, coverage: "at-target", before });
    } else if (missing.length > 0) {
      diff.skipped.push({ host, reason: `does not run ${missing.join(", ")}` });
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

function diffOne(host: Host, change: WorkloadChange, known: KnownConfig): Outcome {
  switch (change.kind) {
    case "component": {
      const current = host.components.find((c) => c.id === change.id);
      if (current === undefined) return { type: "not-running" };
      const before: ComponentState = {
        imageRef: current.imageRef,
        maxInstances: current.maxInstances,
        config: ownEntry(known.component, change.id),
        annotations: current.annotations,
      };
      const after: ComponentState = {
        imageRef: change.imageRef,
        maxInstances: change.maxInstances ?? before.maxInstances,
        config: change.config ?? before.config,
        annotations: change.annotations ?? current.annotations,
      };
      if (isAtTarget(before, after, change)) return { type: "at-target", before };
      return {
        type: "change",
        change: { kind: "component", id: change.id, method: change.method, before, after },
      };
    }
    case "provider": {
      const current = host.providers.find((p) => p.id === change.id);
      if (current === undefined) return { type: "not-running" };
      const before: ProviderState = {
        imageRef: current.imageRef,
        config: ownEntry(known.provider, change.id),
        annotations: current.annotations,
      };
      const after: ProviderState = {
        imageRef: change.imageRef,
        config: change.config ?? before.config,
        annotations: change.annotations ?? current.annotations,
      };
      if (isAtTarget(before, after, change)) return { type: "at-target", before };
      return { type: "change", change: { kind: "provider", id: change.id, before, after } };
    }
  }
}

/**
 * Same image, and the same count, config list and annotations where the change asks for them.
 * An unrecorded config list never counts as equal: the console cannot know it (API.md).
 */
function isAtTarget(
  before: ComponentState | ProviderState,
  after: ComponentState | ProviderState,
  change: WorkloadChange,
): boolean {
  if (before.imageRef !== after.imageRef) return false;
  if ("maxInstances" in before && "maxInstances" in after) {
    if (before.maxInstances !== after.maxInstances) return false;
  }
  if (change.config !== undefined) {
    if (!before.config || !sameList(before.config, change.config)) return false;
  }
  if (change.annotations !== undefined) {
    if (!sameMap(before.annotations ?? {}, change.annotations)) return false;
  }
  return true;
}
