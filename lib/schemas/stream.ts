import { z } from "zod";
import { ComponentStatus, Host, ProviderStatus } from "./host";
import { ConnectionState } from "./lattice";

/**
 * One entry of the live event feed: a lattice event as the console understood it. `hostId` is
 * the CloudEvent `source` (the only trustworthy host identity, protocol §3.2).
 */
export const FeedEvent = z.object({
  id: z.string(),
  type: z.string(),
  hostId: z.string(),
  time: z.string(),
  summary: z.string(),
});
export type FeedEvent = z.infer<typeof FeedEvent>;

/** `GET /api/lattices/{lattice}/events`: recent feed events, oldest first. */
export const EventList = z.object({ events: z.array(FeedEvent) });
export type EventList = z.infer<typeof EventList>;

/**
 * SSE frames of `GET /api/lattices/{lattice}/stream` (API.md). Every frame's SSE `id:` is a
 * sequence number, strictly increasing per lattice and connection; a gap or a `resync` makes
 * the client refetch the snapshot.
 */
export const SnapshotFrame = z.object({
  connection: ConnectionState,
  ready: z.boolean(),
  hosts: z.array(Host),
  events: z.array(FeedEvent),
});
export type SnapshotFrame = z.infer<typeof SnapshotFrame>;

/**
 * Indexes into the snapshot's workload tables. Only the array is checked here: the decoder
 * looks every index up anyway and refuses one that is not an entry of its table, which at
 * 220,000 indexes per 10,000-host snapshot is much cheaper than validating each twice.
 */
const WorkloadIndexes = z.custom<number[]>(Array.isArray, { message: "expected an array" });

/**
 * The `snapshot` frame on the wire: every distinct component and provider once, each host
 * naming its workloads by index into those tables (`lib/stream-snapshot.ts` encodes and
 * decodes). Hosts of a large lattice run the same few dozen workloads, so a 10,000-host
 * snapshot shrinks from ~27 MB of repeated entries to a few MB, and the decoded hosts share
 * their workload objects.
 */
export const SnapshotWire = SnapshotFrame.omit({ hosts: true }).extend({
  components: z.array(ComponentStatus),
  providers: z.array(ProviderStatus),
  hosts: z.array(
    Host.omit({ components: true, providers: true }).extend({
      components: WorkloadIndexes,
      providers: WorkloadIndexes,
    }),
  ),
});
export type SnapshotWire = z.infer<typeof SnapshotWire>;

/**
 * What a lattice observer emits after a batch of changes: the changed hosts whole (they are
 * shared, cached views, so this costs no copying). The stream sends it as a `StreamDelta`.
 */
export const DeltaFrame = z.object({
  upserts: z.array(Host),
  /** Ids of hosts that left the lattice (`host_stopped`, or forgotten after going stale). */
  removed: z.array(z.string()),
  events: z.array(FeedEvent),
  connection: ConnectionState.optional(),
  ready: z.boolean().optional(),
});
export type DeltaFrame = z.infer<typeof DeltaFrame>;

/** One kind of workload on a host that changed: entries added or replaced whole, ids gone. */
const workloadChanges = <T extends z.ZodType>(entry: T) =>
  z.object({ set: z.array(entry), removed: z.array(z.string()) });

/**
 * What changed on a host the client already has: only the fields that differ, and only the
 * components and providers that were added, replaced or removed. A host of 20 components
 * rescaling one sends that one.
 */
export const HostPatch = Host.pick({
  friendlyName: true,
  version: true,
  labels: true,
  stale: true,
  lastSeen: true,
  uptimeSeconds: true,
  uptimeReportedAt: true,
})
  .partial()
  .extend({
    id: z.string(),
    components: workloadChanges(ComponentStatus).optional(),
    providers: workloadChanges(ProviderStatus).optional(),
  });
export type HostPatch = z.infer<typeof HostPatch>;

/**
 * The `delta` frame on the wire. Relative to the state the connection's snapshot and earlier
 * deltas built: `upserts` are hosts new to it (whole), `patches` changes to hosts it has.
 */
export const StreamDelta = z.object({
  upserts: z.array(Host),
  patches: z.array(HostPatch),
  removed: z.array(z.string()),
  events: z.array(FeedEvent),
  connection: ConnectionState.optional(),
  ready: z.boolean().optional(),
});
export type StreamDelta = z.infer<typeof StreamDelta>;

export const HeartbeatFrame = z.object({ time: z.string() });
export const ResyncFrame = z.object({ reason: z.string() });

export type StreamEventName = "snapshot" | "delta" | "heartbeat" | "resync";
