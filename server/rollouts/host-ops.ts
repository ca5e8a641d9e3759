import "server-only";
import type { HostOp } from "@/lib/schemas/rollout-record";
import type { ComponentState, HostChange, ProviderState } from "@/lib/schemas/rollout";

type NameList = readonly string[] | null | undefined;

function sameList(a: NameList, b: NameList): boolean {
  if (!a || !b) return (a ?? null) === (b ?? null);
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function componentOps(
  id: string,
  method: "update" | "replace",
  from: ComponentState,
  target: ComponentState,
): HostOp[] {
  // A list never recorded is kept as it is now rather than replaced by a guess (the planner
  // warns about it): an empty list would drop the component's config.
  const to = { ...target, config: target.config ?? from.config ?? null };
  const annotations = to.annotations ?? from.annotations ?? {};
  const configChanges = (to.config ?? null) !== null && !sameList(to.config, from.config);
  if (method === "replace") {
    return [
      {
        op: "component-replace",
        id,
        imageRef: to.imageRef,
        count: to.maxInstances,
        config: to.config ?? null,
        annotations,
      },
    ];
  }
  const ops: HostOp[] = [];
  if (from.imageRef !== to.imageRef) {
    ops.push({ op: "component-update", id, imageRef: to.imageRef, annotations });
  }
  if (from.maxInstances !== to.maxInstances || configChanges) {
    ops.push({
      op: "component-scale",
      id,
      imageRef: to.imageRef,
      count: to.maxInstances,
      config: to.config ?? null,
      annotations,
    });
  }
  return ops;
}

function providerOps(id: string, from: ProviderState, target: ProviderState): HostOp[] {
  const to = { ...target, config: target.config ?? from.config ?? null };
  if (from.imageRef === to.imageRef && sameList(from.config, to.config)) return [];
  return [
    {
      op: "provider-replace",
      id,
      imageRef: to.imageRef,
      config: to.config ?? null,
      annotations: to.annotations ?? from.annotations ?? {},
    },
  ];
}

/**
 * The operations that take one host from one side of its plan to the other: `forward` goes
 * before → after, `rollback` after → before. Components first, then providers, then the bake.
 */
export function hostOps(
  changes: readonly HostChange[],
  direction: "forward" | "rollback",
  bakeSeconds: number,
): HostOp[] {
  const ops: HostOp[] = [];
  const forward = direction === "forward";
  // Rollouts change running workloads only; a side that is absent has nothing to do.
  for (const change of changes) {
    switch (change.kind) {
      case "component": {
        const [from, to] = forward ? [change.before, change.after] : [change.after, change.before];
        if (from && to) ops.push(...componentOps(change.id, change.method, from, to));
        break;
      }
      case "provider": {
        const [from, to] = forward ? [change.before, change.after] : [change.after, change.before];
        if (from && to) ops.push(...providerOps(change.id, from, to));
        break;
      }
    }
  }
  if (ops.length > 0 && bakeSeconds > 0) ops.push({ op: "bake", seconds: bakeSeconds });
  return ops;
}

/** A one-line description of an op, for the rollout view and log. */
export function describeOp(op: HostOp): string {
  switch (op.op) {
    case "component-update":
      return `update ${op.id} to ${op.imageRef}`;
    case "component-scale":
      return `scale ${op.id} to ${op.count}`;
    case "component-replace":
      return `replace ${op.id} with ${op.imageRef}`;
    case "provider-replace":
      return `restart provider ${op.id} on ${op.imageRef}`;
    case "bake":
      return `bake ${op.seconds} s`;
  }
}
