import "server-only";
import type {
  ComponentChange,
  ComponentState,
  HostChange,
  LinkChange,
  Plan,
  ProviderChange,
  ProviderState,
  RolloutChange,
  RolloutSpec,
} from "@/lib/schemas/rollout";
import { canonicalJson } from "./canonical-json";
import type { Findings } from "./types";

export interface RestoreInput {
  spec: RolloutSpec;
  plan: Plan;
  /** Hosts the rollout sent at least one request to. */
  touchedHostIds: readonly string[];
}

interface Group {
  change: HostChange;
  hostIds: string[];
}

/**
 * The spec that returns every touched host to its recorded before-state (API.md
 * `restore-spec`). Hosts are grouped by identical before-state, each group a change restricted
 * to its `hosts`, so a fleet of mixed versions comes back mixed. Every lattice step of the plan
 * is reversed: those steps ran before the first wave.
 */
export function restoreSpec(input: RestoreInput): { spec: RolloutSpec; notes: Findings } {
  const { spec, plan } = input;
  const notes: Findings = { errors: [], warnings: [] };
  const touched = new Set(input.touchedHostIds);
  const groups = new Map<string, Group>();
  for (const host of plan.hosts) {
    if (!touched.has(host.hostId)) continue;
    for (const change of host.changes) {
      const method = change.kind === "component" ? change.method : null;
      const key = canonicalJson([
        change.kind,
        change.id,
        method,
        change.before,
        change.after?.config,
      ]);
      const group = groups.get(key);
      if (group) group.hostIds.push(host.hostId);
      else groups.set(key, { change, hostIds: [host.hostId] });
    }
  }
  const changes: RolloutChange[] = [];
  for (const step of plan.lattice) {
    switch (step.kind) {
      case "config":
        changes.push({ kind: "config", name: step.id, values: step.before });
        break;
      case "link": {
        if (step.before !== null) changes.push(linkPut(step.before));
        else if (step.after !== null) changes.push({ ...linkPut(step.after), delete: true });
        break;
      }
    }
  }
  for (const { change, hostIds } of groups.values()) {
    const restored = restoreChange(change, hostIds, notes);
    if (restored !== null) changes.push(restored);
  }
  if (changes.length === 0)
    notes.errors.push("nothing to restore: the rollout touched no host and no config or link");
  return {
    spec: {
      changes,
      strategy: spec.strategy,
      gates: spec.gates,
      onFailure: spec.onFailure,
      reason: `restore of ${spec.reason ?? "an earlier rollout"}`.slice(0, 500),
    },
    notes,
  };
}

function linkPut(link: {
  sourceId: string;
  target: string;
  name: string;
  witNamespace: string;
  witPackage: string;
  interfaces: string[];
  sourceConfig: string[];
  targetConfig: string[];
}): LinkChange {
  return { kind: "link", ...link, delete: false };
}

function restoreChange(
  change: HostChange,
  hostIds: string[],
  notes: Findings,
): RolloutChange | null {
  const where = `on ${hostIds.join(", ")}`;
  if (change.before === null) {
    notes.errors.push(
      `${change.kind} ${change.id} did not run ${where} before; a rollout cannot remove it`,
    );
    return null;
  }
  checkConfigRecorded(change.kind, change.id, change.before, change.after, where, notes);
  switch (change.kind) {
    case "component":
      return restoreComponent(change.id, change.method, change.before, hostIds);
    case "provider":
      return restoreProvider(change.id, change.before, hostIds);
  }
}

/** API.md: a rollback that needs a config-name list the console never recorded is an error. */
function checkConfigRecorded(
  kind: HostChange["kind"],
  id: string,
  before: ComponentState | ProviderState,
  after: ComponentState | ProviderState | null,
  where: string,
  notes: Findings,
): void {
  const wanted = before.config ?? null;
  const now = after?.config ?? null;
  if (wanted !== null || now === null) return;
  notes.errors.push(
    `restoring ${kind} ${id} ${where} needs the config-name list it used before, which the console never recorded`,
  );
}

function restoreComponent(
  id: string,
  method: ComponentChange["method"],
  before: ComponentState,
  hostIds: string[],
): ComponentChange {
  return {
    kind: "component",
    id,
    imageRef: before.imageRef,
    method,
    hosts: hostIds,
    ...(before.maxInstances >= 1 ? { maxInstances: before.maxInstances } : {}),
    ...(before.config ? { config: before.config } : {}),
    ...(before.annotations ? { annotations: before.annotations } : {}),
  };
}

function restoreProvider(id: string, before: ProviderState, hostIds: string[]): ProviderChange {
  return {
    kind: "provider",
    id,
    imageRef: before.imageRef,
    hosts: hostIds,
    ...(before.config ? { config: before.config } : {}),
    ...(before.annotations ? { annotations: before.annotations } : {}),
  };
}
