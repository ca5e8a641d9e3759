import { z } from "zod";
import { Host } from "./host";
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

export const DeltaFrame = z.object({
  /** Hosts that changed, whole (a host is small; whole-host replacement keeps clients simple). */
  upserts: z.array(Host),
  /** Ids of hosts that left the lattice (`host_stopped`, or forgotten after going stale). */
  removed: z.array(z.string()),
  events: z.array(FeedEvent),
  connection: ConnectionState.optional(),
  ready: z.boolean().optional(),
});
export type DeltaFrame = z.infer<typeof DeltaFrame>;

export const HeartbeatFrame = z.object({ time: z.string() });
export const ResyncFrame = z.object({ reason: z.string() });

export type StreamEventName = "snapshot" | "delta" | "heartbeat" | "resync";
