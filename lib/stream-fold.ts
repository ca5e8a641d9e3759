import type { Host, HostList } from "@/lib/schemas/host";
import type { DeltaFrame, FeedEvent, SnapshotFrame } from "@/lib/schemas/stream";

/** A parsed frame of the lattice stream that carries state (heartbeats and resyncs do not). */
export type StateFrame =
  { kind: "snapshot"; frame: SnapshotFrame } | { kind: "delta"; frame: DeltaFrame };

/**
 * Applies stream frames, in order, to the cached host list. A snapshot replaces the list; a
 * delta replaces changed hosts in place, appends new ones and drops removed ones. Hosts the
 * frames do not mention keep their identity, so memoised rows skip re-rendering, and when
 * nothing changes the input object itself is returned. A delta with no list to apply to
 * (it cannot happen after a snapshot) leaves the cache empty so the caller refetches.
 */
export function foldHosts(
  current: HostList | undefined,
  frames: StateFrame[],
): HostList | undefined {
  let hosts = current?.hosts;
  for (const f of frames) {
    hosts = f.kind === "snapshot" ? f.frame.hosts : hosts && applyDelta(hosts, f.frame);
  }
  if (hosts === undefined) return undefined;
  return hosts === current?.hosts ? current : { hosts };
}

function applyDelta(hosts: Host[], delta: DeltaFrame): Host[] {
  if (delta.upserts.length === 0 && delta.removed.length === 0) return hosts;
  const upserts = new Map(delta.upserts.map((h) => [h.id, h]));
  const removed = new Set(delta.removed);
  const next: Host[] = [];
  for (const host of hosts) {
    if (removed.has(host.id)) continue;
    const updated = upserts.get(host.id);
    next.push(updated ?? host);
    upserts.delete(host.id);
  }
  for (const added of upserts.values()) if (!removed.has(added.id)) next.push(added);
  return next;
}

/** The changes a batch makes to hosts other views cache one by one (host detail pages). */
export function hostChanges(frames: StateFrame[]): {
  upserted: Map<string, Host>;
  removed: Set<string>;
  snapshot: Map<string, Host> | null;
} {
  const upserted = new Map<string, Host>();
  const removed = new Set<string>();
  let snapshot: Map<string, Host> | null = null;
  for (const f of frames) {
    if (f.kind === "snapshot") {
      snapshot = new Map(f.frame.hosts.map((h) => [h.id, h]));
      upserted.clear();
      removed.clear();
      continue;
    }
    for (const h of f.frame.upserts) {
      upserted.set(h.id, h);
      removed.delete(h.id);
    }
    for (const id of f.frame.removed) {
      upserted.delete(id);
      removed.add(id);
    }
  }
  return { upserted, removed, snapshot };
}

export interface FeedFilter {
  host: string;
  type: string;
}

/** How many events a feed keeps in memory. */
export const FEED_LIMIT = 500;

/**
 * Merges new events into a newest-first feed: deduplicated by id, filtered, capped. `incoming`
 * is in arrival order (oldest first); events with the same timestamp keep arrival order, newest
 * first, because the sort is stable.
 */
export function mergeEvents(
  feed: FeedEvent[],
  incoming: FeedEvent[],
  filter: FeedFilter,
  limit = FEED_LIMIT,
): FeedEvent[] {
  const seen = new Set(feed.map((e) => e.id));
  const fresh = incoming.filter(
    (e) =>
      !seen.has(e.id) &&
      (filter.host === "" || e.hostId === filter.host) &&
      (filter.type === "" || e.type === filter.type),
  );
  if (fresh.length === 0) return feed;
  return [...fresh.reverse(), ...feed].sort(newestFirst).slice(0, limit);
}

/** A feed in arrival order (oldest first, as the server keeps it) → newest first. */
export function newestFirstFeed(events: FeedEvent[]): FeedEvent[] {
  return [...events].reverse().sort(newestFirst);
}

function newestFirst(a: FeedEvent, b: FeedEvent): number {
  return (Date.parse(b.time) || 0) - (Date.parse(a.time) || 0);
}

/**
 * Checks an SSE `id:` against the previous one. Ids are strictly increasing per connection
 * (API.md); anything but previous + 1 means frames were lost and the state must be refetched.
 */
export function checkSequence(previous: number | null, lastEventId: string): number | "gap" {
  const seq = Number(lastEventId);
  if (lastEventId === "" || !Number.isSafeInteger(seq)) return "gap";
  if (previous !== null && seq !== previous + 1) return "gap";
  return seq;
}
