import { ErrorState } from "@/components/state-panel";
import { isNotFound } from "@/lib/api-client";

/** A failed query of a lattice page: an unknown lattice is its own message, with retry otherwise. */
export function QueryErrorState({
  what,
  lattice,
  error,
  retry,
}: {
  what: string;
  lattice: string;
  error: unknown;
  retry: () => void;
}) {
  if (isNotFound(error)) {
    return (
      <ErrorState
        title={`Lattice ${lattice} is not configured`}
        message="This console does not watch a lattice of that name (see LATTICES)."
      />
    );
  }
  return (
    <ErrorState
      title={`Could not load ${what}`}
      message={error instanceof Error ? error.message : "Unexpected error"}
      action={
        <button
          type="button"
          onClick={retry}
          className="border-border bg-panel hover:border-accent focus-visible:outline-accent rounded border px-2.5 py-1 text-xs font-medium focus-visible:outline-2"
        >
          Try again
        </button>
      }
    />
  );
}
