import { shortId } from "@/lib/format";
import type { ApiLinkShape, HostChange, LatticeStep, Plan } from "@/lib/schemas/rollout";

/** One field of one change on a host, before → after; `null` when absent on that side. */
export interface FieldDiff {
  field: "image" | "instances" | "config" | "link";
  before: string | null;
  after: string | null;
}

export interface ChangeLine {
  kind: HostChange["kind"];
  id: string;
  /** `update` (hot swap) or `replace` for components; providers always restart. */
  method: "update" | "replace" | "restart";
  fields: FieldDiff[];
}

/** Hosts whose changes read the same: one line of the preview with a count. */
export interface HostGroup {
  /** Stable for the same changes: used to match groups across two plans. */
  key: string;
  lines: ChangeLine[];
  hostIds: string[];
}

function configText(config: string[] | null | undefined): string | null {
  if (config === undefined || config === null) return null;
  return config.length === 0 ? "(none)" : config.join(", ");
}

/** The fields of a change worth a line: the image always, count and config when they differ. */
export function changeLine(change: HostChange): ChangeLine {
  const before = change.before;
  const after = change.after;
  const fields: FieldDiff[] = [
    { field: "image", before: before?.imageRef ?? null, after: after?.imageRef ?? null },
  ];
  if (change.kind === "component") {
    const b = change.before?.maxInstances ?? null;
    const a = change.after?.maxInstances ?? null;
    if (b !== a) {
      fields.push({
        field: "instances",
        before: b === null ? null : String(b),
        after: a === null ? null : String(a),
      });
    }
  }
  const configBefore = configText(before?.config);
  const configAfter = configText(after?.config);
  if (configBefore !== configAfter && configAfter !== null) {
    fields.push({ field: "config", before: configBefore, after: configAfter });
  }
  return {
    kind: change.kind,
    id: change.id,
    method: change.kind === "component" ? change.method : "restart",
    fields,
  };
}

/**
 * Groups the plan's hosts by what changes on them, so 200 identical hosts read as one line
 * with a count. Largest groups first; hosts keep plan order inside a group.
 */
export function groupHostChanges(plan: Pick<Plan, "hosts">): HostGroup[] {
  const groups = new Map<string, HostGroup>();
  for (const host of plan.hosts) {
    const lines = host.changes.map(changeLine);
    const key = JSON.stringify(lines);
    const group = groups.get(key);
    if (group) group.hostIds.push(host.hostId);
    else groups.set(key, { key, lines, hostIds: [host.hostId] });
  }
  return [...groups.values()].sort((a, b) => b.hostIds.length - a.hostIds.length);
}

/**
 * Host id → the name to show: the plan's friendly name, else the lattice's (skipped hosts are
 * not among the plan's hosts), else a short id.
 */
export function hostNamer(
  plan: Pick<Plan, "hosts">,
  known: ReadonlyMap<string, string> = new Map(),
): (hostId: string) => string {
  const names = new Map(plan.hosts.map((h) => [h.hostId, h.friendlyName]));
  return (hostId) => names.get(hostId) ?? known.get(hostId) ?? shortId(hostId);
}

/** A lattice-wide step as one line: `config greeter-config: greeting: Hello → Hi`. */
export function latticeStepLines(step: LatticeStep): FieldDiff[] {
  switch (step.kind) {
    case "config": {
      const keys = new Set([...Object.keys(step.before ?? {}), ...Object.keys(step.after ?? {})]);
      if (step.after === null) return [{ field: "config", before: "present", after: null }];
      return [...keys]
        .sort()
        .filter((k) => step.before?.[k] !== step.after?.[k])
        .map((k) => ({
          field: "config",
          before: step.before?.[k] === undefined ? null : `${k}=${step.before[k]}`,
          after: step.after?.[k] === undefined ? null : `${k}=${step.after[k]}`,
        }));
    }
    case "link": {
      const text = (l: ApiLinkShape | null) =>
        l === null
          ? null
          : `${l.sourceId} → ${l.target} (${l.witNamespace}:${l.witPackage} ${l.interfaces.join(",")})`;
      return [{ field: "link", before: text(step.before), after: text(step.after) }];
    }
  }
}

/** What differs between the reviewed plan and the one the lattice gives now (a 409 drift). */
export interface PlanDrift {
  /** Groups of the new plan that the old one did not have with the same hosts. */
  groups: Set<string>;
  /** Hosts whose changes, wave or presence differ. */
  hosts: Set<string>;
  wavesChanged: boolean;
  latticeChanged: boolean;
  skippedChanged: boolean;
}

export function planDrift(previous: Plan, next: Plan): PlanDrift {
  const signature = (p: Plan) =>
    new Map(p.hosts.map((h) => [h.hostId, JSON.stringify(h.changes.map(changeLine))]));
  const before = signature(previous);
  const after = signature(next);
  const hosts = new Set<string>();
  for (const [id, sig] of after) if (before.get(id) !== sig) hosts.add(id);
  for (const id of before.keys()) if (!after.has(id)) hosts.add(id);
  const waveOf = (p: Plan) => new Map(p.waves.flatMap((w, i) => w.map((id) => [id, i] as const)));
  const wavesBefore = waveOf(previous);
  for (const [id, wave] of waveOf(next)) if (wavesBefore.get(id) !== wave) hosts.add(id);
  const previousGroups = new Set(
    groupHostChanges(previous).map((g) => `${g.key}|${[...g.hostIds].sort().join(",")}`),
  );
  const groups = new Set(
    groupHostChanges(next)
      .filter((g) => !previousGroups.has(`${g.key}|${[...g.hostIds].sort().join(",")}`))
      .map((g) => g.key),
  );
  return {
    groups,
    hosts,
    wavesChanged: JSON.stringify(previous.waves) !== JSON.stringify(next.waves),
    latticeChanged: JSON.stringify(previous.lattice) !== JSON.stringify(next.lattice),
    skippedChanged: JSON.stringify(previous.skipped) !== JSON.stringify(next.skipped),
  };
}
