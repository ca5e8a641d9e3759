"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { LatticeStreamClient } from "./lattice-stream-client";
import { initialStreamState, type LatticeStreamState } from "./stream-status";

/**
 * Keeps the TanStack cache of one lattice live: opens its SSE stream, folds snapshot and
 * delta frames into the host list, host details and event feeds, and reconnects on failure,
 * gaps and `resync`. Returns the connection state for the indicator. Disabled (e.g. for a
 * lattice the server does not know) it opens nothing and reports `disconnected`.
 */
export function useLatticeStream(lattice: string, enabled = true): LatticeStreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LatticeStreamState>(initialStreamState);
  useEffect(() => {
    if (!enabled) return;
    const client = new LatticeStreamClient(queryClient, lattice, initialStreamState, setState);
    client.start();
    return () => {
      client.stop();
      setState(initialStreamState);
    };
  }, [queryClient, lattice, enabled]);
  return enabled ? state : { ...initialStreamState, status: "disconnected" };
}
