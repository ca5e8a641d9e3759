import type { Host } from "@/lib/schemas/host";
import type { SnapshotFrame, SnapshotWire } from "@/lib/schemas/stream";

/** Numbers distinct objects in first-seen order (identity, not value: views are shared). */
function indexer<T extends object>(): { table: T[]; index: (value: T) => number } {
  const table: T[] = [];
  const seen = new Map<T, number>();
  return {
    table,
    index(value) {
      let at = seen.get(value);
      if (at === undefined) {
        at = table.push(value) - 1;
        seen.set(value, at);
      }
      return at;
    },
  };
}

/**
 * A snapshot in its wire form: each distinct workload object once. The server's models and
 * views are interned, so equal workloads on different hosts are the same object; unequal
 * objects with equal values only cost a longer table, never a wrong host.
 */
export function encodeSnapshot(frame: SnapshotFrame): SnapshotWire {
  const components = indexer<Host["components"][number]>();
  const providers = indexer<Host["providers"][number]>();
  const hosts = frame.hosts.map((host) => ({
    ...host,
    components: host.components.map(components.index),
    providers: host.providers.map(providers.index),
  }));
  return {
    connection: frame.connection,
    ready: frame.ready,
    events: frame.events,
    components: components.table,
    providers: providers.table,
    hosts,
  };
}

/**
 * The snapshot a wire frame describes, or null when a host names a workload the tables do not
 * have (a malformed frame: the caller reconnects as for any unreadable frame). Hosts share
 * the workload objects: treat them as immutable.
 */
export function decodeSnapshot(wire: SnapshotWire): SnapshotFrame | null {
  const hosts: Host[] = [];
  for (const host of wire.hosts) {
    const components = host.components.map((i) => entry(wire.components, i));
    const providers = host.providers.map((i) => entry(wire.providers, i));
    if (!isComplete(components) || !isComplete(providers)) return null;
    hosts.push({ ...host, components, providers });
  }
  return { connection: wire.connection, ready: wire.ready, events: wire.events, hosts };
}

/** The table's entry at `index`, if `index` is one (an integer within the table). */
function entry<T>(table: readonly T[], index: unknown): T | undefined {
  return typeof index === "number" && Number.isInteger(index) && index >= 0
    ? table[index]
    : undefined;
}

function isComplete<T>(list: (T | undefined)[]): list is T[] {
  return list.every((entry) => entry !== undefined);
}
