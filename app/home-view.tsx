"use client";

import { AppHeader } from "@/components/app-header";
import { LatticeList } from "@/components/lattice-list";
import { PageHeader } from "@/components/page-header";
import { EmptyState, ErrorState, LoadingState } from "@/components/state-panel";
import { useLattices } from "@/lib/hooks/use-lattice-data";

/** The start page when several lattices are configured: a list of them. */
export function HomeView() {
  const lattices = useLattices();
  return (
    <>
      <AppHeader />
      <main id="main" className="mx-auto max-w-screen-2xl px-4 py-5">
        <PageHeader title="Lattices" description="The lattices this console watches." />
        {lattices.isPending ? (
          <LoadingState label="Loading lattices…" />
        ) : lattices.isError ? (
          <ErrorState
            title="Could not load lattices"
            message={lattices.error instanceof Error ? lattices.error.message : "Unexpected error"}
          />
        ) : lattices.data.lattices.length === 0 ? (
          <EmptyState title="No lattice configured">
            Set LATTICES when starting the console.
          </EmptyState>
        ) : (
          <LatticeList lattices={lattices.data.lattices} />
        )}
      </main>
    </>
  );
}
