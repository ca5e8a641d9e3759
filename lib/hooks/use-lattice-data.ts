"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { EventFilter } from "@/lib/api-client";
import { eventsQuery, hostQuery, hostsQuery, latticesQuery } from "@/lib/queries";
import { useStreamStatus } from "./stream-status";

export function useLattices() {
  return useQuery(latticesQuery());
}

/**
 * The lattice's hosts, filled and kept live by the stream `useLatticeStream` opens in the
 * lattice shell: its snapshot is the list. A request of its own would fetch the whole lattice
 * a second time while the snapshot is on its way (27 MB at 10,000 hosts), so the list is
 * requested only when the stream cannot deliver (disconnected, or disabled for a lattice the
 * server does not know, which then shows the server's 404).
 */
export function useHosts(lattice: string) {
  const { status } = useStreamStatus();
  return useQuery({ ...hostsQuery(lattice), enabled: status === "disconnected" });
}

/**
 * One host. Seeded from the host list when it is cached (no request when coming from the
 * overview); the stream keeps it current and refetches it when the host leaves, so a gone
 * host turns into the server's 404.
 */
export function useHost(lattice: string, hostId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    ...hostQuery(lattice, hostId),
    initialData: () =>
      queryClient.getQueryData(hostsQuery(lattice).queryKey)?.hosts.find((h) => h.id === hostId),
    initialDataUpdatedAt: () =>
      queryClient.getQueryState(hostsQuery(lattice).queryKey)?.dataUpdatedAt,
  });
}

export function useEvents(lattice: string, filter: EventFilter) {
  return useQuery(eventsQuery(lattice, filter));
}
