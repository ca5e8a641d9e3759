"use client";

import { createContext, useContext } from "react";
import type { ConnectionState } from "@/lib/schemas/lattice";

/**
 * What the browser knows about its live feed: `live` once a snapshot arrived on an open
 * stream, `reconnecting` while retrying, `disconnected` after repeated failures or offline.
 */
export type StreamStatus = "connecting" | "live" | "reconnecting" | "disconnected";

export interface LatticeStreamState {
  status: StreamStatus;
  /** The console server's own NATS connection to the lattice, as last reported by the stream. */
  serverConnection: ConnectionState | null;
  /** Whether the server finished its first discovery (ping + inventories). */
  ready: boolean;
}

export const initialStreamState: LatticeStreamState = {
  status: "connecting",
  serverConnection: null,
  ready: false,
};

export const StreamStatusContext = createContext<LatticeStreamState>(initialStreamState);

export function useStreamStatus(): LatticeStreamState {
  return useContext(StreamStatusContext);
}
