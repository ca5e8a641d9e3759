import { queryOptions } from "@tanstack/react-query";
import { api, isNotFound, rolloutApi, type EventFilter, type WorkloadKind } from "@/lib/api-client";
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

export const rolloutKeys = {
  all: (lattice: string) => ["lattices", lattice, "rollouts"] as const,
  list: (lattice: string) => ["lattices", lattice, "rollouts", "list"] as const,
  details: (lattice: string) => ["lattices", lattice, "rollouts", "id"] as const,
  rollout: (lattice: string, id: string) => ["lattices", lattice, "rollouts", "id", id] as const,
  log: (lattice: string, id: string) => ["lattices", lattice, "rollouts", "log", id] as const,
  restoreSpec: (lattice: string, id: string) =>
    ["lattices", lattice, "rollouts", "restore-spec", id] as const,
  revisions: (lattice: string, kind: WorkloadKind, id: string) =>
    ["lattices", lattice, "revisions", kind, id] as const,
  links: (lattice: string) => ["lattices", lattice, "links"] as const,
  configs: (lattice: string) => ["lattices", lattice, "configs"] as const,
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

/** Kept current by the rollout stream (lib/hooks/rollout-stream-client.ts). */
export const rolloutsQuery = (lattice: string) =>
  queryOptions({
    queryKey: rolloutKeys.list(lattice),
    queryFn: ({ signal }) => rolloutApi.list(lattice, signal),
    staleTime: Infinity,
    retry: retryUnlessNotFound,
  });

export const rolloutQuery = (lattice: string, id: string) =>
  queryOptions({
    queryKey: rolloutKeys.rollout(lattice, id),
    queryFn: ({ signal }) => rolloutApi.get(lattice, id, signal),
    staleTime: Infinity,
    retry: retryUnlessNotFound,
  });

/** Refetched by the rollout stream whenever its rollout changes. */
export const rolloutLogQuery = (lattice: string, id: string) =>
  queryOptions({
    queryKey: rolloutKeys.log(lattice, id),
    queryFn: ({ signal }) => rolloutApi.log(lattice, id, signal),
    retry: retryUnlessNotFound,
  });

export const restoreSpecQuery = (lattice: string, id: string) =>
  queryOptions({
    queryKey: rolloutKeys.restoreSpec(lattice, id),
    queryFn: ({ signal }) => rolloutApi.restoreSpec(lattice, id, signal),
    staleTime: 0,
    retry: retryUnlessNotFound,
  });

export const revisionsQuery = (lattice: string, kind: WorkloadKind, id: string) =>
  queryOptions({
    queryKey: rolloutKeys.revisions(lattice, kind, id),
    queryFn: ({ signal }) => rolloutApi.revisions(lattice, kind, id, signal),
    retry: retryUnlessNotFound,
  });

export const linksQuery = (lattice: string) =>
  queryOptions({
    queryKey: rolloutKeys.links(lattice),
    queryFn: ({ signal }) => rolloutApi.links(lattice, signal),
    retry: retryUnlessNotFound,
  });

export const configsQuery = (lattice: string) =>
  queryOptions({
    queryKey: rolloutKeys.configs(lattice),
    queryFn: ({ signal }) => rolloutApi.configs(lattice, signal),
    retry: retryUnlessNotFound,
  });
