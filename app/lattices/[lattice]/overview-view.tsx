"use client";

import { useCallback, useDeferredValue, useMemo, useState } from "react";
import { HostFilters } from "@/components/host-filters";
import { HostTable } from "@/components/host-table";
import { PageHeader } from "@/components/page-header";
import { Stat, StatStrip } from "@/components/stat";
import { EmptyState } from "@/components/state-panel";
import { plural } from "@/lib/format";
import { useStreamStatus } from "@/lib/hooks/stream-status";
import { useHostsByName } from "@/lib/hooks/use-hosts-by-name";
import { useHosts } from "@/lib/hooks/use-lattice-data";
import { filterHosts, hostHealth, type HostFilter } from "@/lib/host-view";
import { hostHref, newRolloutHref } from "./hrefs";
import { NewRolloutButton } from "./new-rollout-button";
import { QueryGate } from "./query-gate";

/** Every host of the lattice, live, with label and text filters. */
export function OverviewView({ lattice }: { lattice: string }) {
  const hosts = useHosts(lattice);
  const { ready } = useStreamStatus();
  const [filter, setFilter] = useState<HostFilter>({ labels: "", text: "" });
  const deferredFilter = useDeferredValue(filter);
  const { sorted } = useHostsByName(hosts.data?.hosts);
  const shown = useMemo(() => filterHosts(sorted, deferredFilter), [sorted, deferredFilter]);
  const counts = useMemo(
    () => ({
      stale: sorted.filter((h) => h.stale).length,
      unhealthy: sorted.filter((h) => hostHealth(h).unhealthy > 0).length,
    }),
    [sorted],
  );
  const href = useCallback((id: string) => hostHref(lattice, id), [lattice]);
  const isFiltered = filter.labels.trim() !== "" || filter.text.trim() !== "";

  return (
    <>
      <PageHeader
        kicker={<span className="font-mono">{lattice}</span>}
        title="Overview"
        description="Every host in the lattice, updated live."
        aside={<NewRolloutButton href={newRolloutHref(lattice)} />}
      />
      <QueryGate query={hosts} what="hosts" lattice={lattice} loadingLabel="Loading hosts…">
        {() => (
          <>
            <StatStrip>
              <Stat label="Hosts" value={sorted.length} />
              <Stat
                label="Stale"
                value={counts.stale}
                tone={counts.stale > 0 ? "warning" : undefined}
              />
              <Stat
                label="With unhealthy providers"
                value={counts.unhealthy}
                tone={counts.unhealthy > 0 ? "failed" : undefined}
              />
            </StatStrip>
            <HostFilters value={filter} onChange={setFilter} />
            <p role="status" aria-live="polite" className="text-muted mb-2 text-xs">
              {isFiltered
                ? `Showing ${shown.length} of ${plural(sorted.length, "host")}`
                : plural(sorted.length, "host")}
            </p>
            {sorted.length === 0 ? (
              <EmptyState title="No hosts in this lattice yet">
                {ready
                  ? "No host answered the ping or sent an event."
                  : "Discovery is in progress."}
              </EmptyState>
            ) : shown.length === 0 ? (
              <EmptyState title="No host matches the filters">
                Clear or change the filters above.
              </EmptyState>
            ) : (
              <HostTable hosts={shown} hostHref={href} caption={`Hosts of lattice ${lattice}`} />
            )}
          </>
        )}
      </QueryGate>
    </>
  );
}
