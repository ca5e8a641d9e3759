import "server-only";
import type { ComponentStatus, Host, ProviderStatus } from "@/lib/schemas/host";
import type {
  ComponentChange,
  ComponentState,
  HostChange,
  ProviderChange,
  ProviderState,
} from "@/lib/schemas/rollout";
import { ownEntry, sameList, sameMap } from "./compare";
import type { LatticeIndex } from "./lattice-index";
import type { KnownConfig } from "./types";

export type WorkloadChange = ComponentChange | ProviderChange;

/** A workload's before-state on one host as the plan hash covers it (`null`: not running). */
export interface BeforeEntry {
  kind: WorkloadChange["kind"];
  id: string;
  state: ComponentState | ProviderState | null;
}

/** One change on one host: its before-state there and the change, `null` when at target. */
export interface Outcome {
  before: BeforeEntry;
  /** `[before]`, for the many hosts a spec touches in one workload only. */
  alone: readonly BeforeEntry[];
  change: HostChange | null;
}

/** The outcome on a host that does not run the workload. */
export function absentOutcome(change: WorkloadChange): Outcome {
  const before: BeforeEntry = { kind: change.kind, id: change.id, state: null };
  return { before, alone: [before], change: null };
}

/**
 * The outcome of `change` on a host, `null` when the host does not run the workload. Hosts
 * whose workload has the same image and count and no annotations get the very same outcome
 * object, states included: a fleet on one version costs one set of states instead of one per
 * host (issue 8). Sharing is safe because a plan is data that nothing mutates.
 */
export function outcomeOf(
  change: WorkloadChange,
  known: KnownConfig,
  index: LatticeIndex,
): (host: Host) => Outcome | null {
  // image → count → outcome; providers have no count and use 0
  const shared = new Map<string, Map<number, Outcome>>();
  const lookup = (imageRef: string, count: number): Outcome | undefined =>
    shared.get(imageRef)?.get(count);
  const keep = (imageRef: string, count: number, outcome: Outcome): Outcome => {
    const byCount = shared.get(imageRef);
    if (byCount === undefined) shared.set(imageRef, new Map([[count, outcome]]));
    else byCount.set(count, outcome);
    return outcome;
  };
  switch (change.kind) {
    case "component": {
      const config = ownEntry(known.component, change.id);
      const running = index.componentsOn(change.id);
      return (host) => {
        const current = running.get(host);
        if (current === undefined) return null;
        if (!isEmpty(current.annotations)) return componentOutcome(change, current, config);
        const { imageRef, maxInstances } = current;
        return (
          lookup(imageRef, maxInstances) ??
          keep(imageRef, maxInstances, componentOutcome(change, current, config))
        );
      };
    }
    case "provider": {
      const config = ownEntry(known.provider, change.id);
      const running = index.providersOn(change.id);
      return (host) => {
        const current = running.get(host);
        if (current === undefined) return null;
        if (!isEmpty(current.annotations)) return providerOutcome(change, current, config);
        return (
          lookup(current.imageRef, 0) ??
          keep(current.imageRef, 0, providerOutcome(change, current, config))
        );
      };
    }
  }
}

function isEmpty(map: Readonly<Record<string, string>>): boolean {
  for (const key in map) if (Object.hasOwn(map, key)) return false;
  return true;
}

function componentOutcome(
  change: ComponentChange,
  current: ComponentStatus,
  config: string[] | null,
): Outcome {
  const before: ComponentState = {
    imageRef: current.imageRef,
    maxInstances: current.maxInstances,
    config,
    annotations: current.annotations,
  };
  const after: ComponentState = {
    imageRef: change.imageRef,
    maxInstances: change.maxInstances ?? before.maxInstances,
    config: change.config ?? before.config,
    annotations: change.annotations ?? current.annotations,
  };
  const entry: BeforeEntry = { kind: "component", id: change.id, state: before };
  return {
    before: entry,
    alone: [entry],
    change: isAtTarget(before, after, change)
      ? null
      : { kind: "component", id: change.id, method: change.method, before, after },
  };
}

function providerOutcome(
  change: ProviderChange,
  current: ProviderStatus,
  config: string[] | null,
): Outcome {
  const before: ProviderState = {
    imageRef: current.imageRef,
    config,
    annotations: current.annotations,
  };
  const after: ProviderState = {
    imageRef: change.imageRef,
    config: change.config ?? before.config,
    annotations: change.annotations ?? current.annotations,
  };
  const entry: BeforeEntry = { kind: "provider", id: change.id, state: before };
  return {
    before: entry,
    alone: [entry],
    change: isAtTarget(before, after, change)
      ? null
      : { kind: "provider", id: change.id, before, after },
  };
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
