"use client";

import { useMemo } from "react";
import { CountedSection } from "@/components/counted-section";
import { PageHeader } from "@/components/page-header";
import { Stat, StatStrip } from "@/components/stat";
import { EmptyState, LoadingState } from "@/components/state-panel";
import { TopologyGraph } from "@/components/topology-graph";
import { TopologyTable } from "@/components/topology-table";
import { useHosts } from "@/lib/hooks/use-lattice-data";
import { useLinks } from "@/lib/hooks/use-rollouts";
import { buildTopology } from "@/lib/topology";
import { QueryErrorState } from "../query-error-state";

/** Components and providers as nodes, links as edges, with each node's version skew. */
export function TopologyView({ lattice }: { lattice: string }) {
  const hosts = useHosts(lattice);
  const links = useLinks(lattice);
  const topology = useMemo(
    () => buildTopology(hosts.data?.hosts ?? [], links.data?.links ?? []),
    [hosts.data, links.data],
  );
  const header = (
    <PageHeader
      kicker={<span className="font-mono">{lattice}</span>}
      title="Topology"
      description="Components and providers, the links between them, and the versions each runs."
    />
  );
  if (hosts.isPending || links.isPending)
    return (
      <>
        {header}
        <LoadingState label="Loading topology…" />
      </>
    );
  if (hosts.isError || links.isError)
    return (
      <>
        {header}
        <QueryErrorState
          what={hosts.isError ? "hosts" : "links"}
          lattice={lattice}
          error={hosts.error ?? links.error}
          retry={() => void (hosts.isError ? hosts.refetch() : links.refetch())}
        />
      </>
    );
  if (topology.nodes.length === 0)
    return (
      <>
        {header}
        <EmptyState title="Nothing to draw">
          No host runs a component or a provider, and no link is stored.
        </EmptyState>
      </>
    );
  const skewed = topology.nodes.filter((n) => n.versions.length > 1).length;
  const missing = topology.nodes.filter((n) => n.kind === "missing").length;
  return (
    <>
      {header}
      <StatStrip>
        <Stat label="Workloads" value={topology.nodes.length - missing} />
        <Stat label="Links" value={topology.edges.length} />
        <Stat label="With version skew" value={skewed} tone={skewed > 0 ? "warning" : undefined} />
        {missing > 0 && <Stat label="Linked, not running" value={missing} tone="failed" />}
      </StatStrip>
      <TopologyGraph topology={topology} />
      <CountedSection
        headingId="topology-table-heading"
        title="Workloads and links"
        count={topology.nodes.length}
        className="mt-6"
      >
        <TopologyTable topology={topology} />
      </CountedSection>
    </>
  );
}
