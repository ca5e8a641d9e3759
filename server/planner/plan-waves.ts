import "server-only";
import type { Host } from "@/lib/schemas/host";
import type { Strategy } from "@/lib/schemas/rollout";

/** Code-unit order, not locale order: the same plan on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Host order for waves: each `order` label ascending in key order (hosts missing a label
 * last), then friendly name, then id — a total order, so waves never depend on input order.
 */
export function compareHosts(order: readonly string[]): (a: Host, b: Host) => number {
  return (a, b) => {
    for (const key of order) {
      const va = Object.hasOwn(a.labels, key) ? a.labels[key] : undefined;
      const vb = Object.hasOwn(b.labels, key) ? b.labels[key] : undefined;
      if (va === vb) continue;
      if (va === undefined) return 1;
      if (vb === undefined) return -1;
      return compareText(va, vb);
    }
    return compareText(a.friendlyName, b.friendlyName) || compareText(a.id, b.id);
  };
}

/** Consecutive hosts with the same `order` label values; a missing label is its own value. */
function groupByOrder(sorted: readonly Host[], order: readonly string[]): Host[][] {
  const groups: Host[][] = [];
  let lastKey: string | null = null;
  for (const host of sorted) {
    const key = JSON.stringify(
      order.map((k) => (Object.hasOwn(host.labels, k) ? host.labels[k] : null)),
    );
    const current = groups.at(-1);
    if (current !== undefined && key === lastKey) current.push(host);
    else groups.push([host]);
    lastKey = key;
  }
  return groups;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export interface WavePlan {
  waves: string[][];
  /** Hosts in wave order. */
  ordered: Host[];
  warnings: string[];
}

/**
 * Waves by strategy (API.md "Waves"): `rolling` = chunks of `maxUnavailable`; `canary` = a first
 * wave of `canaryHosts`, then chunks; `all-at-once` = one wave. With `order`, a wave never spans
 * two label-value groups, so zone a finishes before zone b starts — the canary wave included,
 * which is why it may hold fewer than `canaryHosts` when the first group is smaller.
 */
export function planWaves(hosts: readonly Host[], strategy: Strategy): WavePlan {
  const warnings: string[] = [];
  if (hosts.length === 0) return { waves: [], ordered: [], warnings };
  const order = strategy.type === "all-at-once" ? [] : (strategy.order ?? []);
  const ordered = [...hosts].sort(compareHosts(order));
  const groups = groupByOrder(ordered, order);
  const waves: Host[][] = [];
  switch (strategy.type) {
    case "all-at-once":
      waves.push(ordered);
      break;
    case "rolling":
      for (const group of groups) waves.push(...chunk(group, strategy.maxUnavailable));
      break;
    case "canary": {
      if (strategy.canaryHosts >= hosts.length) {
        warnings.push(
          `the canary (${strategy.canaryHosts} hosts) covers every affected host (${hosts.length}): no later wave is protected by it`,
        );
      }
      const [first = [], ...rest] = groups;
      waves.push(first.slice(0, strategy.canaryHosts));
      waves.push(...chunk(first.slice(strategy.canaryHosts), strategy.maxUnavailable));
      for (const group of rest) waves.push(...chunk(group, strategy.maxUnavailable));
      break;
    }
  }
  return { waves: waves.map((w) => w.map((h) => h.id)), ordered: waves.flat(), warnings };
}
