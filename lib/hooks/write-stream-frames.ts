import type { QueryClient } from "@tanstack/react-query";
import { z } from "zod";
import type { Host } from "@/lib/schemas/host";
import { eventsQuery, hostsQuery, latticeKeys } from "@/lib/queries";
import { foldHosts, hostChanges, mergeEvents, type StateFrame } from "@/lib/stream-fold";

const FeedFilterKey = z.object({ host: z.string(), type: z.string() });

/**
 * Writes one batch of stream frames into the cache: the host list (one write), every open
 * host page and every open event feed. `isReconnect` marks a snapshot on a later connection:
 * events emitted while disconnected are only in the server's history, so feeds refetch.
 */
export function writeStreamFrames(
  queryClient: QueryClient,
  lattice: string,
  frames: StateFrame[],
  isReconnect: boolean,
): void {
  const hostsKey = hostsQuery(lattice).queryKey;
  // A snapshot is newer than any list request still in flight: that answer must not win.
  if (frames.some((f) => f.kind === "snapshot"))
    void queryClient.cancelQueries({ queryKey: hostsKey });
  queryClient.setQueryData(hostsKey, (old) => foldHosts(old, frames));
  writeHostDetails(queryClient, lattice, frames);
  writeFeeds(queryClient, lattice, frames);
  if (isReconnect) void queryClient.invalidateQueries({ queryKey: latticeKeys.events(lattice) });
}

function writeHostDetails(queryClient: QueryClient, lattice: string, frames: StateFrame[]): void {
  const { changed, removed, hasSnapshot } = hostChanges(frames);
  if (changed.size + removed.size === 0 && !hasSnapshot) return;
  const open = queryClient.getQueryCache().findAll({ queryKey: latticeKeys.hostDetails(lattice) });
  if (open.length === 0) return;
  const touched = new Set<string>();
  for (const query of open) {
    const hostId = query.queryKey[3];
    if (typeof hostId !== "string") continue;
    if (hasSnapshot || changed.has(hostId) || removed.has(hostId)) touched.add(hostId);
  }
  if (touched.size === 0) return;
  // The folded list is what the stream built; a detail's own fetch may be older or newer.
  // One pass for the few open pages, not a map of 10,000 hosts per batch.
  const list = queryClient.getQueryData(hostsQuery(lattice).queryKey);
  const byId = new Map<string, Host>();
  for (const h of list?.hosts ?? []) {
    if (!touched.has(h.id)) continue;
    byId.set(h.id, h);
    if (byId.size === touched.size) break;
  }
  for (const hostId of touched) {
    const key = latticeKeys.host(lattice, hostId);
    const host = removed.has(hostId) ? undefined : byId.get(hostId);
    // A host that left is refetched, so its page shows the server's 404.
    if (host) queryClient.setQueryData(key, host);
    else void queryClient.invalidateQueries({ queryKey: key });
  }
}

function writeFeeds(queryClient: QueryClient, lattice: string, frames: StateFrame[]): void {
  const incoming = frames.flatMap((f) => f.frame.events);
  if (incoming.length === 0) return;
  const open = queryClient.getQueryCache().findAll({ queryKey: latticeKeys.events(lattice) });
  for (const query of open) {
    const filter = FeedFilterKey.safeParse(query.queryKey[3]);
    if (!filter.success) continue;
    const key = eventsQuery(lattice, filter.data).queryKey;
    queryClient.setQueryData(key, (old) => old && mergeEvents(old, incoming, filter.data));
  }
}
