import type { WorkloadKind } from "@/lib/api-client";
import { parseLabelFilter } from "@/lib/host-view";
import type { Host } from "@/lib/schemas/host";
import type { RolloutChange, RolloutSpecInput } from "@/lib/schemas/rollout";

export interface ConfigRow {
  key: string;
  value: string;
}

/** One link edit row: a link to put (or, with `isDelete`, remove), as the operator types it. */
export interface LinkRow {
  sourceId: string;
  target: string;
  witNamespace: string;
  witPackage: string;
  /** Comma- or space-separated interface names. */
  interfaces: string;
  name: string;
  isDelete: boolean;
  /** Kept from the link a row was started from (a put replaces the whole link). */
  sourceConfig: string[];
  targetConfig: string[];
}

export const LINK_FIELDS = [
  "sourceId",
  "target",
  "witNamespace",
  "witPackage",
  "interfaces",
  "name",
] as const;
export type LinkField = (typeof LINK_FIELDS)[number];

export function emptyLinkRow(): LinkRow {
  return {
    sourceId: "",
    target: "",
    witNamespace: "",
    witPackage: "",
    interfaces: "",
    name: "default",
    isDelete: false,
    sourceConfig: [],
    targetConfig: [],
  };
}

/** The New rollout form as the operator types it: text, turned into a spec on submit. */
export interface SpecForm {
  /** `component:http-api` or `provider:http-server`; "" until chosen. */
  target: string;
  image: string;
  instances: string;
  method: "update" | "replace";
  /** A named config to edit ("" = no config edit). */
  configName: string;
  configMode: "in-place" | "staged";
  stagedName: string;
  configRows: ConfigRow[];
  linkRows: LinkRow[];
  hostLabels: string;
  strategy: "rolling" | "canary" | "all-at-once";
  maxUnavailable: string;
  canaryHosts: string;
  approval: "none" | "after-canary" | "every-wave";
  order: string;
  progressDeadline: string;
  bake: string;
  onFailure: "rollback" | "pause";
  reason: string;
}

export function emptyForm(target = ""): SpecForm {
  return {
    target,
    image: "",
    instances: "",
    method: "update",
    configName: "",
    configMode: "in-place",
    stagedName: "",
    configRows: [],
    linkRows: [],
    hostLabels: "",
    strategy: "rolling",
    maxUnavailable: "1",
    canaryHosts: "1",
    approval: "none",
    order: "",
    progressDeadline: "60",
    bake: "0",
    onFailure: "rollback",
    reason: "",
  };
}

export function targetValue(kind: WorkloadKind, id: string): string {
  return `${kind}:${id}`;
}

export function parseTarget(target: string): { kind: WorkloadKind; id: string } | null {
  const at = target.indexOf(":");
  const kind = target.slice(0, at);
  const id = target.slice(at + 1);
  if (at < 0 || id === "") return null;
  return kind === "component" || kind === "provider" ? { kind, id } : null;
}

/** `zone=a, tier=edge` → `{zone: "a", tier: "edge"}`; a key alone is not a selector. */
export function parseHostLabels(text: string): Record<string, string> {
  return Object.fromEntries(
    parseLabelFilter(text).flatMap(([k, v]) => (v === null ? [] : [[k, v] as const])),
  );
}

/** Hosts the selector would pick among those running the target (what the form counts). */
export function matchingHosts(
  hosts: Host[],
  target: { kind: WorkloadKind; id: string } | null,
  labels: Record<string, string>,
): Host[] {
  return hosts.filter(
    (h) =>
      (target === null ||
        (target.kind === "component" ? h.components : h.providers).some(
          (w) => w.id === target.id,
        )) &&
      Object.entries(labels).every(([k, v]) => h.labels[k] === v),
  );
}

/** A number field: empty or not a number goes as NaN → null in JSON, so the server names it. */
function num(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

const splitList = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Where each part of the form lands in `changes`, so a 400's issue paths map back onto fields. */
export interface ChangeLayout {
  workload: number | null;
  config: number | null;
  /** `links[i]` is the index of link row i's change. */
  links: number[];
}

export function changeLayout(form: SpecForm): ChangeLayout {
  let next = 0;
  const workload = parseTarget(form.target) ? next++ : null;
  const config = form.configName !== "" ? next++ : null;
  return { workload, config, links: form.linkRows.map(() => next++) };
}

/**
 * The spec the form describes, its changes in the order of `changeLayout`: the workload
 * change, a config edit, then one change per link row.
 */
export function formToSpec(form: SpecForm): RolloutSpecInput {
  const target = parseTarget(form.target);
  const changes: RolloutChange[] = [];
  const stagedConfig =
    form.configName !== "" && form.configMode === "staged" ? form.stagedName.trim() : null;
  if (target?.kind === "component") {
    changes.push({
      kind: "component",
      id: target.id,
      imageRef: form.image.trim(),
      method: form.method,
      ...(form.instances.trim() === "" ? {} : { maxInstances: num(form.instances) }),
      ...(stagedConfig === null ? {} : { config: [stagedConfig] }),
    });
  } else if (target?.kind === "provider") {
    changes.push({ kind: "provider", id: target.id, imageRef: form.image.trim() });
  }
  if (form.configName !== "") {
    changes.push({
      kind: "config",
      name: stagedConfig ?? form.configName,
      values: Object.fromEntries(
        form.configRows.filter((r) => r.key.trim() !== "").map((r) => [r.key.trim(), r.value]),
      ),
    });
  }
  for (const row of form.linkRows) {
    changes.push({
      kind: "link",
      sourceId: row.sourceId.trim(),
      target: row.target.trim(),
      witNamespace: row.witNamespace.trim(),
      witPackage: row.witPackage.trim(),
      interfaces: splitList(row.interfaces),
      name: row.name.trim() === "" ? "default" : row.name.trim(),
      sourceConfig: row.sourceConfig,
      targetConfig: row.targetConfig,
      delete: row.isDelete,
    });
  }
  const labels = parseHostLabels(form.hostLabels);
  const order = splitList(form.order);
  return {
    changes,
    ...(Object.keys(labels).length > 0 ? { selector: { labels } } : {}),
    strategy: {
      type: form.strategy,
      maxUnavailable: num(form.maxUnavailable),
      canaryHosts: form.strategy === "canary" ? num(form.canaryHosts) : 1,
      approval: form.approval,
      ...(order.length > 0 ? { order } : {}),
    },
    gates: { progressDeadlineSeconds: num(form.progressDeadline), bakeSeconds: num(form.bake) },
    onFailure: form.onFailure,
    ...(form.reason.trim() === "" ? {} : { reason: form.reason.trim() }),
  };
}

export type SpecField =
  | "target"
  | "image"
  | "instances"
  | "config"
  | "hostLabels"
  | "strategy"
  | "maxUnavailable"
  | "canaryHosts"
  | "approval"
  | "order"
  | "progressDeadline"
  | "bake"
  | "onFailure"
  | "reason"
  /** A field of link row i, or `row` for the row as a whole. */
  | `link-${number}-${LinkField | "row"}`
  | "form";

const isLinkField = (s: string | undefined): s is LinkField => LINK_FIELDS.some((f) => f === s);

/**
 * Which field a 400 issue belongs to, from its path (`strategy.maxUnavailable`,
 * `changes.2.target`, …); `layout` says which change index is which part of the form.
 */
export function fieldOfIssue(
  path: string,
  layout: ChangeLayout = { workload: 0, config: 1, links: [] },
): SpecField {
  const parts = path.split(".");
  switch (parts[0]) {
    case "changes": {
      if (parts[1] === undefined) return "target";
      const index = Number(parts[1]);
      if (index === layout.config) return "config";
      const row = layout.links.indexOf(index);
      if (row >= 0) return `link-${row}-${isLinkField(parts[2]) ? parts[2] : "row"}`;
      if (parts[2] === "imageRef") return "image";
      if (parts[2] === "maxInstances") return "instances";
      if (parts[2] === "config") return "config";
      return "target";
    }
    case "selector":
      return "hostLabels";
    case "strategy":
      switch (parts[1]) {
        case "maxUnavailable":
          return "maxUnavailable";
        case "canaryHosts":
          return "canaryHosts";
        case "approval":
          return "approval";
        case "order":
          return "order";
        default:
          return "strategy";
      }
    case "gates":
      return parts[1] === "bakeSeconds" ? "bake" : "progressDeadline";
    case "onFailure":
      return "onFailure";
    case "reason":
      return "reason";
    default:
      return "form";
  }
}

/** Issues grouped by field, for showing each next to its input. */
export function issuesByField(
  issues: Array<{ path: string; message: string }>,
  layout?: ChangeLayout,
): Partial<Record<SpecField, string[]>> {
  const out: Partial<Record<SpecField, string[]>> = {};
  for (const issue of issues) {
    const field = fieldOfIssue(issue.path, layout);
    (out[field] ??= []).push(issue.message);
  }
  return out;
}
