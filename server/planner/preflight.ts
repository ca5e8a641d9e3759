import "server-only";
import { imageRefProblem } from "@/lib/image-ref";
import type { RolloutSpec } from "@/lib/schemas/rollout";
import { workloadChanges, type WorkloadChange } from "./host-diff";
import { hostsRunning, type LatticeIndex } from "./lattice-index";
import { linkKey } from "./lattice-steps";
import type { Findings } from "./types";

const MANAGED_BY = "wasmcloud.dev/managed-by";
const APPSPEC = "wasmcloud.dev/appspec";

export interface PreflightContext {
  index: LatticeIndex;
  configValues: (name: string) => Record<string, string> | null;
  /** Hosts the plan changes (not skipped). */
  affected: readonly { hostId: string }[];
}

/** Checks that do not depend on how hosts are diffed (issue 6, pre-flight). */
export function preflight(spec: RolloutSpec, ctx: PreflightContext): Findings {
  const found: Findings = { errors: [], warnings: [] };
  const workloads = workloadChanges(spec);
  for (const change of workloads) {
    const problem = imageRefProblem(change.imageRef);
    if (problem !== null) {
      found.errors.push(`${change.kind} ${change.id}: image ref "${change.imageRef}" ${problem}`);
    }
  }
  checkConfigReferences(spec, ctx, found);
  checkConflicts(spec, workloads, ctx.index, found);
  checkLinkTargets(spec, ctx, found);
  checkWadm(spec, workloads, ctx.index, found);
  return found;
}

/** Hosts fail a scale, provider start or link put that names a missing config (protocol §6.2). */
function checkConfigReferences(spec: RolloutSpec, ctx: PreflightContext, found: Findings): void {
  const put = new Set<string>();
  const deleted = new Set<string>();
  for (const c of spec.changes) {
    if (c.kind === "config") (c.values === null ? deleted : put).add(c.name);
  }
  const refs: { owner: string; names: readonly string[] }[] = spec.changes.flatMap((c) => {
    switch (c.kind) {
      case "component":
      case "provider":
        return [{ owner: `${c.kind} ${c.id}`, names: c.config ?? [] }];
      case "link":
        return c.delete
          ? []
          : [{ owner: `link ${linkKey(c)}`, names: [...c.sourceConfig, ...c.targetConfig] }];
      case "config":
        return [];
    }
  });
  for (const { owner, names } of refs) {
    for (const name of new Set(names)) {
      if (deleted.has(name)) {
        found.errors.push(`${owner} names config ${name}, which this rollout deletes`);
      } else if (!put.has(name) && ctx.configValues(name) === null) {
        found.errors.push(
          `${owner} names config ${name}, which does not exist; add a config change that puts it`,
        );
      }
    }
  }
}

/**
 * Components and providers share `COMPONENT_{id}` keys in LATTICEDATA (protocol §6.4), so one
 * id must not be both; and two changes may not aim at the same thing on the same host.
 */
function checkConflicts(
  spec: RolloutSpec,
  workloads: readonly WorkloadChange[],
  index: LatticeIndex,
  found: Findings,
): void {
  for (const change of workloads) {
    const other = change.kind === "component" ? index.providerHosts : index.componentHosts;
    if (other(change.id).length > 0) {
      const otherKind = change.kind === "component" ? "provider" : "component";
      found.errors.push(
        `${change.kind} ${change.id} conflicts with the ${otherKind} ${change.id} already in the lattice: they share the key COMPONENT_${change.id} (protocol §6.4)`,
      );
    }
  }
  const seen = new Map<string, WorkloadChange[]>();
  for (const change of workloads) {
    const earlier = seen.get(change.id) ?? [];
    if (earlier.some((e) => overlaps(e.hosts, change.hosts))) {
      found.errors.push(
        `two changes target ${change.kind} ${change.id} on the same hosts; make it one change`,
      );
    } else if (earlier.some((e) => e.kind !== change.kind)) {
      found.errors.push(`${change.id} is changed both as a component and as a provider`);
    }
    seen.set(change.id, [...earlier, change]);
  }
  const keys = new Set<string>();
  for (const c of spec.changes) {
    const key =
      c.kind === "config" ? `config ${c.name}` : c.kind === "link" ? `link ${linkKey(c)}` : null;
    if (key === null) continue;
    if (keys.has(key)) found.errors.push(`two changes target ${key}; make it one change`);
    keys.add(key);
  }
}

function overlaps(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  const set = new Set(a);
  return b.some((id) => set.has(id));
}

function checkLinkTargets(spec: RolloutSpec, ctx: PreflightContext, found: Findings): void {
  let affected: ReadonlySet<string> | null = null; // only links need it
  for (const c of spec.changes) {
    if (c.kind !== "link" || c.delete) continue;
    const ids = (affected ??= new Set(ctx.affected.map((h) => h.hostId)));
    const running = hostsRunning(ctx.index, c.target);
    if (running.length === 0) {
      found.warnings.push(
        `link ${linkKey(c)}: target ${c.target} runs on no host; calls through it fail until it starts`,
      );
    } else if (ids.size > 0 && !running.some((h) => ids.has(h.id))) {
      found.warnings.push(
        `link ${linkKey(c)}: target ${c.target} runs on none of the hosts this rollout changes`,
      );
    }
  }
}

/** wadm reconciles its workloads back to the manifest (protocol §8); links follow their source. */
function checkWadm(
  spec: RolloutSpec,
  workloads: readonly WorkloadChange[],
  index: LatticeIndex,
  found: Findings,
): void {
  const advice =
    "wadm reconciles manual changes away: change the application's manifest instead, or undeploy it from wadm first";
  const appOf = (kind: "component" | "provider", id: string): string | null => {
    const running = kind === "component" ? index.componentsOn(id) : index.providersOn(id);
    for (const { annotations } of running.values()) {
      if (annotations[MANAGED_BY] === "wadm") return annotations[APPSPEC] ?? "";
    }
    return null;
  };
  const app = (name: string) => (name === "" ? "wadm" : `wadm application ${name}`);
  for (const change of workloads) {
    const name = appOf(change.kind, change.id);
    if (name !== null)
      found.warnings.push(`${change.kind} ${change.id} is managed by ${app(name)}: ${advice}`);
  }
  for (const c of spec.changes) {
    if (c.kind !== "link") continue;
    const name = appOf("component", c.sourceId) ?? appOf("provider", c.sourceId);
    if (name !== null) {
      found.warnings.push(
        `link ${linkKey(c)} belongs to ${c.sourceId}, managed by ${app(name)}: ${advice}`,
      );
    }
  }
}
