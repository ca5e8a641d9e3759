"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { EventFilter } from "@/lib/api-client";
import { eventsQuery, hostQuery, hostsQuery, latticesQuery } from "@/lib/queries";

export function useLattices() {
  return useQuery(latticesQuery());
}

/** The lattice's hosts; kept live by `useLatticeStream` in the lattice shell. */
export function useHosts(lattice: string) {
  return useQuery(hostsQuery(lattice));
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
