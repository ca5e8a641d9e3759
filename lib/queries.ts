import { queryOptions } from "@tanstack/react-query";
import { api, isNotFound, type EventFilter } from "@/lib/api-client";
import { newestFirstFeed } from "@/lib/stream-fold";

/**
 * Every query key of the UI. Components, hooks, the stream fold and invalidation all go
 * through these factories, so a key is spelled in exactly one place.
 */
export const latticeKeys = {
  all: ["lattices"] as const,
  lattice: (lattice: string) => ["lattices", lattice] as const,
  hosts: (lattice: string) => ["lattices", lattice, "hosts"] as const,
  hostDetails: (lattice: string) => ["lattices", lattice, "host"] as const,
  host: (lattice: string, hostId: string) => ["lattices", lattice, "host", hostId] as const,
  events: (lattice: string) => ["lattices", lattice, "events"] as const,
  eventsFiltered: (lattice: string, filter: EventFilter) =>
    ["lattices", lattice, "events", { host: filter.host ?? "", type: filter.type ?? "" }] as const,
};

/** 404s are answers, not outages: do not retry them. */
function retryUnlessNotFound(failureCount: number, error: unknown): boolean {
  return !isNotFound(error) && failureCount < 2;
}

export const healthQuery = () =>
  queryOptions({ queryKey: ["health"], queryFn: ({ signal }) => api.health(signal) });

export const latticesQuery = () =>
  queryOptions({ queryKey: latticeKeys.all, queryFn: ({ signal }) => api.lattices(signal) });

/** Kept current by the lattice stream, so it never goes stale by time. */
export const hostsQuery = (lattice: string) =>
  queryOptions({
    queryKey: latticeKeys.hosts(lattice),
    queryFn: ({ signal }) => api.hosts(lattice, signal),
    staleTime: Infinity,
    retry: retryUnlessNotFound,
  });

export const hostQuery = (lattice: string, hostId: string) =>
  queryOptions({
    queryKey: latticeKeys.host(lattice, hostId),
    queryFn: ({ signal }) => api.host(lattice, hostId, signal),
    staleTime: Infinity,
    retry: retryUnlessNotFound,
  });

export const eventsQuery = (lattice: string, filter: EventFilter = {}) =>
  queryOptions({
    queryKey: latticeKeys.eventsFiltered(lattice, filter),
    queryFn: ({ signal }) =>
      api.events(lattice, filter, signal).then((r) => newestFirstFeed(r.events)),
    staleTime: Infinity,
    retry: retryUnlessNotFound,
  });
