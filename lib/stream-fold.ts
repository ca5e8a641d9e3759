import type { Host, HostList } from "@/lib/schemas/host";
import type { FeedEvent, HostPatch, SnapshotFrame, StreamDelta } from "@/lib/schemas/stream";
import { byWorkloadId } from "@/lib/workload-order";

/** A parsed frame of the lattice stream that carries state (heartbeats and resyncs do not). */
export type StateFrame =
  { kind: "snapshot"; frame: SnapshotFrame } | { kind: "delta"; frame: StreamDelta };

/**
 * Applies stream frames, in order, to the cached host list. A snapshot replaces the list; a
 * delta patches changed hosts in place, appends new ones and drops removed ones. Hosts the
 * frames do not mention keep their identity (and a patched host its untouched workloads), so
 * memoised rows skip re-rendering, and when nothing changes the input object itself is
 * returned. A delta with no list to apply to (it cannot happen after a snapshot) leaves the
 * cache empty so the caller refetches.
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

function applyDelta(hosts: Host[], delta: StreamDelta): Host[] {
  if (delta.upserts.length + delta.patches.length + delta.removed.length === 0) return hosts;
  const upserts = new Map(delta.upserts.map((h) => [h.id, h]));
  const patches = new Map(delta.patches.map((p) => [p.id, p]));
  const removed = new Set(delta.removed);
  const next: Host[] = [];
  for (const host of hosts) {
    if (removed.has(host.id)) continue;
    const updated = upserts.get(host.id);
    const patch = patches.get(host.id);
    next.push(updated ?? (patch ? applyPatch(host, patch) : host));
    upserts.delete(host.id);
  }
  for (const added of upserts.values()) if (!removed.has(added.id)) next.push(added);
  return next;
}

/** Replaces, adds (in id order, as the server sorts them) and drops workloads by id. */
function applyWorkloads<T extends { id: string }>(
  list: T[],
  changes: { set: T[]; removed: string[] } | undefined,
): T[] {
  if (!changes) return list;
  const set = new Map(changes.set.map((w) => [w.id, w]));
  const removed = new Set(changes.removed);
  const next: T[] = [];
  for (const w of list) {
    if (removed.has(w.id)) continue;
    next.push(set.get(w.id) ?? w);
    set.delete(w.id);
  }
  return set.size === 0 ? next : [...next, ...set.values()].sort(byWorkloadId);
}

/** A host with a stream patch applied: the patch's fields win, workloads merge by id. */
export function applyPatch(host: Host, patch: HostPatch): Host {
  return {
    ...host,
    friendlyName: patch.friendlyName ?? host.friendlyName,
    version: patch.version ?? host.version,
    labels: patch.labels ?? host.labels,
    stale: patch.stale ?? host.stale,
    lastSeen: patch.lastSeen ?? host.lastSeen,
    uptimeSeconds: patch.uptimeSeconds ?? host.uptimeSeconds,
    uptimeReportedAt: patch.uptimeReportedAt ?? host.uptimeReportedAt,
    components: applyWorkloads(host.components, patch.components),
    providers: applyWorkloads(host.providers, patch.providers),
  };
}

/**
 * Which hosts a batch touches, for views that cache hosts one by one (host detail pages):
 * their new state is read from the folded list. After a snapshot every host may have changed.
 */
export function hostChanges(frames: StateFrame[]): {
  changed: Set<string>;
  removed: Set<string>;
  hasSnapshot: boolean;
} {
  const changed = new Set<string>();
  const removed = new Set<string>();
  let hasSnapshot = false;
  for (const f of frames) {
    if (f.kind === "snapshot") {
      hasSnapshot = true;
      changed.clear();
      removed.clear();
      continue;
    }
    for (const { id } of [...f.frame.upserts, ...f.frame.patches]) {
      changed.add(id);
      removed.delete(id);
    }
    for (const id of f.frame.removed) {
      changed.delete(id);
      removed.add(id);
    }
  }
  return { changed, removed, hasSnapshot };
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
