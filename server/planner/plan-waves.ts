import "server-only";
import type { Host } from "@/lib/schemas/host";
import type { Strategy } from "@/lib/schemas/rollout";

/** Code-unit order, not locale order: the same plan on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function label(host: Host, key: string): string | undefined {
  return Object.hasOwn(host.labels, key) ? host.labels[key] : undefined;
}

/**
 * Items with the same `order` label values (a missing label is its own value, sorted last),
 * groups in ascending value order, key by key. Bucketing first keeps label lookups out of the
 * sort's comparisons (issue 8). Input order is kept inside a group.
 */
function groupByOrder<T extends { host: Host }>(
  items: readonly T[],
  order: readonly string[],
  depth = 0,
): T[][] {
  const key = order[depth];
  if (key === undefined) return items.length === 0 ? [] : [items.slice()];
  const byValue = new Map<string | undefined, T[]>();
  for (const item of items) {
    const value = label(item.host, key);
    const group = byValue.get(value);
    if (group) group.push(item);
    else byValue.set(value, [item]);
  }
  const values = [...byValue.keys()].sort((a, b) =>
    a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : compareText(a, b),
  );
  return values.flatMap((value) => groupByOrder(byValue.get(value) ?? [], order, depth + 1));
}

function byName(a: { host: Host }, b: { host: Host }): number {
  return compareText(a.host.friendlyName, b.host.friendlyName) || compareText(a.host.id, b.host.id);
}

/**
 * Wave order: each `order` label ascending in key order (hosts missing a label last), then
 * friendly name, then id — a total order, so waves never depend on input order. The sort is
 * stable: the same host listed twice keeps its input order.
 */
function sortedGroups<T extends { host: Host }>(items: readonly T[], order: readonly string[]) {
  const groups = groupByOrder(items, order);
  for (const group of groups) group.sort(byName);
  return groups;
}

/** `items` in wave order (see `sortedGroups`). */
export function sortByHost<T extends { host: Host }>(
  items: readonly T[],
  order: readonly string[],
): T[] {
  return sortedGroups(items, order).flat();
}

function pushChunks<T>(waves: T[][], items: readonly T[], size: number): void {
  for (let i = 0; i < items.length; i += size) waves.push(items.slice(i, i + size));
}

export interface WavePlan<T> {
  waves: string[][];
  /** Items in wave order. */
  ordered: T[];
  warnings: string[];
}

/**
 * Waves by strategy (API.md "Waves"): `rolling` = chunks of `maxUnavailable`; `canary` = a first
 * wave of `canaryHosts`, then chunks; `all-at-once` = one wave. With `order`, a wave never spans
 * two label-value groups, so zone a finishes before zone b starts — the canary wave included,
 * which is why it may hold fewer than `canaryHosts` when the first group is smaller.
 */
export function planWaves<T extends { host: Host }>(
  hosts: readonly T[],
  strategy: Strategy,
): WavePlan<T> {
  const warnings: string[] = [];
  if (hosts.length === 0) return { waves: [], ordered: [], warnings };
  const order = strategy.type === "all-at-once" ? [] : (strategy.order ?? []);
  const groups = sortedGroups(hosts, order);
  const waves: T[][] = [];
  switch (strategy.type) {
    case "all-at-once":
      waves.push(groups.flat());
      break;
    case "rolling":
      for (const group of groups) pushChunks(waves, group, strategy.maxUnavailable);
      break;
    case "canary": {
      if (strategy.canaryHosts >= hosts.length) {
        warnings.push(
          `the canary (${strategy.canaryHosts} hosts) covers every affected host (${hosts.length}): no later wave is protected by it`,
        );
      }
      const [first = [], ...rest] = groups;
      waves.push(first.slice(0, strategy.canaryHosts));
      pushChunks(waves, first.slice(strategy.canaryHosts), strategy.maxUnavailable);
      for (const group of rest) pushChunks(waves, group, strategy.maxUnavailable);
      break;
    }
  }
  return { waves: waves.map((w) => w.map((h) => h.host.id)), ordered: waves.flat(), warnings };
}
