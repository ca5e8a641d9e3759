"use client";

import { useCallback, useMemo } from "react";
import { PageHeader } from "@/components/page-header";
import { Stat, StatStrip } from "@/components/stat";
import { EmptyState } from "@/components/state-panel";
import { WorkloadTable } from "@/components/workload-table";
import { useHosts } from "@/lib/hooks/use-lattice-data";
import { summarizeWorkloads } from "@/lib/workload-summary";
import Link from "next/link";
import type { WorkloadSummary } from "@/lib/workload-summary";
import { hostHref, newRolloutHref, revisionsHref } from "../hrefs";
import { NewRolloutButton } from "../new-rollout-button";
import { QueryGate } from "../query-gate";

/** Components and providers across hosts, with version skew flagged. */
export function ComponentsView({ lattice }: { lattice: string }) {
  const hosts = useHosts(lattice);
  const all = hosts.data?.hosts;
  const workloads = useMemo(() => summarizeWorkloads(all ?? []), [all]);
  const components = workloads.filter((w) => w.kind === "component");
  const providers = workloads.filter((w) => w.kind === "provider");
  const skewed = workloads.filter((w) => w.versions.length > 1).length;
  const href = useCallback((id: string) => hostHref(lattice, id), [lattice]);
  const rowActions = useCallback(
    (w: WorkloadSummary) => (
      <div className="flex items-center gap-2">
        <NewRolloutButton href={newRolloutHref(lattice, { kind: w.kind, id: w.id })} isSmall />
        <Link
          href={revisionsHref(lattice, w.kind, w.id)}
          className="text-accent text-xs whitespace-nowrap hover:underline"
        >
          History
        </Link>
      </div>
    ),
    [lattice],
  );

  return (
    <>
      <PageHeader
        kicker={<span className="font-mono">{lattice}</span>}
        title="Components and providers"
        description="What runs where, at which image version."
        aside={<NewRolloutButton href={newRolloutHref(lattice)} />}
      />
      <QueryGate query={hosts} what="hosts" lattice={lattice} loadingLabel="Loading workloads…">
        {() =>
          workloads.length === 0 ? (
            <EmptyState title="Nothing is running in this lattice">
              No host reports a component or a provider.
            </EmptyState>
          ) : (
            <>
              <StatStrip>
                <Stat label="Components" value={components.length} />
                <Stat label="Providers" value={providers.length} />
                <Stat
                  label="With version skew"
                  value={skewed}
                  tone={skewed > 0 ? "warning" : undefined}
                />
              </StatStrip>
              <WorkloadTable
                title="Components"
                workloads={components}
                hostHref={href}
                rowActions={rowActions}
              />
              <WorkloadTable
                title="Providers"
                workloads={providers}
                hostHref={href}
                rowActions={rowActions}
              />
            </>
          )
        }
      </QueryGate>
    </>
  );
}
