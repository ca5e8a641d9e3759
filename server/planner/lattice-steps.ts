import "server-only";
import type { Host } from "@/lib/schemas/host";
import type {
  ApiLinkShape,
  ConfigChange,
  LatticeStep,
  LinkChange,
  RolloutSpec,
} from "@/lib/schemas/rollout";
import { sameList, sameMap } from "./compare";
import { hostsRunning, nameHosts, type LatticeIndex } from "./lattice-index";
import type { Findings, KnownConfig } from "./types";

export interface LatticeContext {
  index: LatticeIndex;
  links: readonly ApiLinkShape[];
  configValues: (name: string) => Record<string, string> | null;
  knownConfig: KnownConfig;
}

/** A link's key (protocol §6.1): source, namespace, package and name — not the target. */
export function linkKey(link: {
  sourceId: string;
  witNamespace: string;
  witPackage: string;
  name: string;
}): string {
  return `${link.sourceId}/${link.witNamespace}:${link.witPackage}/${link.name}`;
}

export function toApiLink(change: LinkChange): ApiLinkShape {
  const { sourceId, target, name, witNamespace, witPackage, interfaces } = change;
  const { sourceConfig, targetConfig } = change;
  return {
    sourceId,
    target,
    name,
    witNamespace,
    witPackage,
    interfaces,
    sourceConfig,
    targetConfig,
  };
}

/**
 * Config and link steps, configs first so links that name them can be put (protocol §6.1 step
 * 1). They take effect on every host at once, so each step's warning names the hosts it reaches.
 */
export function latticeSteps(
  spec: RolloutSpec,
  ctx: LatticeContext,
): Findings & { steps: LatticeStep[] } {
  const out: Findings & { steps: LatticeStep[] } = { steps: [], errors: [], warnings: [] };
  const configChanges = spec.changes.flatMap((c) => (c.kind === "config" ? [c] : []));
  const users = configUsers(new Set(configChanges.map((c) => c.name)), ctx);
  const staged = new Set(
    spec.changes.flatMap((c) =>
      c.kind === "component" || c.kind === "provider" ? (c.config ?? []) : [],
    ),
  );
  for (const change of configChanges) configStep(change, ctx, users, staged, out);
  const byKey = new Map<string, ApiLinkShape[]>();
  for (const link of ctx.links) {
    const key = linkKey(link);
    const list = byKey.get(key);
    if (list) list.push(link);
    else byKey.set(key, [link]);
  }
  for (const change of spec.changes) {
    if (change.kind === "link") linkStep(change, byKey.get(linkKey(change)) ?? [], ctx.index, out);
  }
  return out;
}

function configStep(
  change: ConfigChange,
  ctx: LatticeContext,
  users: ReadonlyMap<string, Set<Host>>,
  staged: ReadonlySet<string>,
  out: Findings & { steps: LatticeStep[] },
): void {
  const before = ctx.configValues(change.name);
  const after = change.values;
  if (before === null && after === null) {
    out.warnings.push(`config ${change.name} does not exist; there is nothing to delete`);
    return;
  }
  if (before !== null && after !== null && sameMap(before, after)) return;
  if (before === null && staged.has(change.name)) {
    out.steps.push({ kind: "config", id: change.name, before, after, mode: "staged" });
    return;
  }
  out.steps.push({ kind: "config", id: change.name, before, after, mode: "in-place" });
  const hosts = users.get(change.name);
  const where = hosts && hosts.size > 0 ? nameHosts(hosts) : "every host that uses it";
  out.warnings.push(
    `config ${change.name} is ${after === null ? "deleted" : "changed"} in place: it takes effect on every host at once (protocol §6.2): ${where}`,
  );
}

/**
 * Config name → hosts running a workload known to use it (recorded lists, link configs). Ids
 * are collected first so each workload's hosts are walked once, however many links name it.
 */
function configUsers(names: ReadonlySet<string>, ctx: LatticeContext): Map<string, Set<Host>> {
  const ids = new Map<string, Set<string>>();
  const add = (name: string, workloadId: string) => {
    if (!names.has(name)) return;
    const set = ids.get(name) ?? new Set<string>();
    set.add(workloadId);
    ids.set(name, set);
  };
  for (const known of [ctx.knownConfig.component, ctx.knownConfig.provider]) {
    for (const [id, list] of Object.entries(known)) for (const name of list) add(name, id);
  }
  for (const link of ctx.links) {
    for (const name of link.sourceConfig) add(name, link.sourceId);
    for (const name of link.targetConfig) add(name, link.target);
  }
  const users = new Map<string, Set<Host>>();
  for (const [name, workloadIds] of ids) {
    const hosts = new Set<Host>();
    for (const id of workloadIds) for (const host of hostsRunning(ctx.index, id)) hosts.add(host);
    users.set(name, hosts);
  }
  return users;
}

function sameLink(a: ApiLinkShape, b: ApiLinkShape): boolean {
  return (
    a.target === b.target &&
    sameList([...a.interfaces].sort(), [...b.interfaces].sort()) &&
    sameList(a.sourceConfig, b.sourceConfig) &&
    sameList(a.targetConfig, b.targetConfig)
  );
}

function linkStep(
  change: LinkChange,
  existing: readonly ApiLinkShape[],
  index: LatticeIndex,
  out: Findings & { steps: LatticeStep[] },
): void {
  const id = linkKey(change);
  if (change.delete) {
    const [before, ...more] = existing;
    if (before === undefined) {
      out.warnings.push(`link ${id} does not exist; there is nothing to delete`);
      return;
    }
    if (more.length > 0) {
      out.warnings.push(
        `link ${id} exists ${existing.length} times; link.del removes only the first (protocol §10)`,
      );
    }
    out.steps.push({ kind: "link", id, before, after: null });
  } else {
    const after = toApiLink(change);
    const before = existing.find((l) => l.target === change.target) ?? null;
    if (before !== null && sameLink(before, after)) return;
    const clash = existing.find(
      (l) => l.target !== change.target && l.interfaces.some((i) => after.interfaces.includes(i)),
    );
    if (clash) {
      out.errors.push(
        `link ${id} to ${change.target} shares an interface with the existing link to ${clash.target}; hosts reject it (protocol §6.1): delete that link first`,
      );
    }
    out.steps.push({ kind: "link", id, before, after });
  }
  const sources = hostsRunning(index, change.sourceId);
  const where = sources.length > 0 ? nameHosts(sources) : `${change.sourceId} runs on no host now`;
  out.warnings.push(
    `link ${id} changes on every host running ${change.sourceId} at once (a link belongs to its source, API.md): ${where}`,
  );
}
