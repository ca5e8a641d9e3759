import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { LoadingState } from "@/components/state-panel";
import { QueryErrorState } from "./query-error-state";

/**
 * A lattice page's query in its three states: a loading panel while pending, the
 * lattice-aware error with retry on failure, and `children` with the data once it is there.
 */
export function QueryGate<T>({
  query,
  what,
  lattice,
  loadingLabel,
  children,
}: {
  query: UseQueryResult<T, unknown>;
  /** What failed to load, as in "Could not load hosts". */
  what: string;
  lattice: string;
  loadingLabel: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingState label={loadingLabel} />;
  if (query.isError) {
    return (
      <QueryErrorState
        what={what}
        lattice={lattice}
        error={query.error}
        retry={() => query.refetch()}
      />
    );
  }
  return children(query.data);
}
