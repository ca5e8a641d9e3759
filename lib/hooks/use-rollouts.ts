"use client";

import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { rolloutApi, type WorkloadKind } from "@/lib/api-client";
import {
  configsQuery,
  linksQuery,
  restoreSpecQuery,
  revisionsQuery,
  rolloutLogQuery,
  rolloutQuery,
  rolloutsQuery,
} from "@/lib/queries";
import { isNewer } from "@/lib/rollout-fold";
import type { Rollout, RolloutAction, RolloutSpecInput } from "@/lib/schemas/rollout";
import { RolloutStreamClient } from "./rollout-stream-client";

/** Keeps the lattice's rollouts live in the cache while mounted (the lattice shell mounts it). */
export function useRolloutStream(lattice: string, enabled = true): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const client = new RolloutStreamClient(queryClient, lattice);
    client.start();
    return () => client.stop();
  }, [queryClient, lattice, enabled]);
}

export function useRollouts(lattice: string) {
  return useQuery(rolloutsQuery(lattice));
}

/** One rollout, seeded from the list when it is cached; the stream keeps it current. */
export function useRollout(lattice: string, id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    ...rolloutQuery(lattice, id),
    initialData: () =>
      queryClient.getQueryData(rolloutsQuery(lattice).queryKey)?.rollouts.find((r) => r.id === id),
    initialDataUpdatedAt: () =>
      queryClient.getQueryState(rolloutsQuery(lattice).queryKey)?.dataUpdatedAt,
  });
}

export function useRolloutLog(lattice: string, id: string) {
  return useQuery(rolloutLogQuery(lattice, id));
}

export function useRestoreSpec(lattice: string, id: string | null) {
  return useQuery({ ...restoreSpecQuery(lattice, id ?? ""), enabled: id !== null });
}

/** Disabled (no request) while `id` is empty. */
export function useRevisions(lattice: string, kind: WorkloadKind, id: string) {
  return useQuery({ ...revisionsQuery(lattice, kind, id), enabled: id !== "" });
}

export function useLinks(lattice: string) {
  return useQuery(linksQuery(lattice));
}

export function useConfigs(lattice: string) {
  return useQuery(configsQuery(lattice));
}

/** `POST …/plans`: the plan of a spec on the live lattice, or the field issues of a 400. */
export function usePlanMutation(lattice: string) {
  return useMutation({
    mutationFn: (spec: RolloutSpecInput) => rolloutApi.plan(lattice, spec),
  });
}

/** `POST …/rollouts` with the reviewed plan's hash; a created rollout is cached at once. */
export function useStartRollout(lattice: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ spec, planHash }: { spec: RolloutSpecInput; planHash: string }) =>
      rolloutApi.start(lattice, spec, planHash),
    onSuccess: (outcome) => {
      if (outcome.kind !== "created") return;
      keepNewest(queryClient, lattice, outcome.rollout);
      void queryClient.invalidateQueries({ queryKey: rolloutsQuery(lattice).queryKey });
    },
  });
}

/** An operator action; the answer is written to the cache before the stream repeats it. */
export function useRolloutAction(lattice: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, planHash }: { action: RolloutAction; planHash?: string }) =>
      rolloutApi.act(lattice, id, action, planHash),
    onSuccess: (outcome) => {
      if (outcome.kind !== "ok") return;
      keepNewest(queryClient, lattice, outcome.rollout);
      void queryClient.invalidateQueries({ queryKey: rolloutLogQuery(lattice, id).queryKey });
    },
  });
}

/**
 * Caches a rollout an answer carried, unless the stream already delivered a newer state of it:
 * a fast rollout can move on before the answer that created it is processed.
 */
function keepNewest(queryClient: QueryClient, lattice: string, rollout: Rollout): void {
  queryClient.setQueryData(rolloutQuery(lattice, rollout.id).queryKey, (known) =>
    known && !isNewer(rollout, known) ? known : rollout,
  );
}
