"use client";

import Link from "next/link";
import { CountedSection } from "@/components/counted-section";
import { ComponentList, ProviderList } from "@/components/host-workloads";
import { HostSummary } from "@/components/host-summary";
import { PageHeader } from "@/components/page-header";
import { EmptyState, LoadingState } from "@/components/state-panel";
import { StatusBadge } from "@/components/status-badge";
import { isNotFound } from "@/lib/api-client";
import { shortId } from "@/lib/format";
import { useHost } from "@/lib/hooks/use-lattice-data";
import { hostHealth } from "@/lib/host-view";
import { latticeHref } from "../../hrefs";
import { QueryErrorState } from "../../query-error-state";
import { HostLinksAndConfigs } from "./host-links-configs";

export function HostDetailView({ lattice, hostId }: { lattice: string; hostId: string }) {
  const host = useHost(lattice, hostId);
  const back = (
    <Link href={latticeHref(lattice)} className="text-accent hover:underline">
      ← All hosts
    </Link>
  );

  if (host.isPending) {
    return (
      <>
        <PageHeader kicker={back} title={`Host ${shortId(hostId)}`} />
        <LoadingState label="Loading host…" />
      </>
    );
  }
  if (host.isError) {
    return (
      <>
        <PageHeader
          kicker={back}
          title={isNotFound(host.error) ? "Host not found" : `Host ${shortId(hostId)}`}
        />
        {isNotFound(host.error) ? (
          <EmptyState title={`No host ${shortId(hostId)} in lattice ${lattice}`}>
            It stopped, was forgotten after going silent, or never existed.{" "}
            <Link href={latticeHref(lattice)} className="text-accent hover:underline">
              Back to the overview
            </Link>
          </EmptyState>
        ) : (
          <QueryErrorState
            what="the host"
            lattice={lattice}
            error={host.error}
            retry={() => host.refetch()}
          />
        )}
      </>
    );
  }

  const h = host.data;
  const health = hostHealth(h);
  return (
    <>
      <PageHeader
        kicker={back}
        title={h.friendlyName}
        description={<span className="font-mono text-xs">{h.id}</span>}
        aside={
          <div className="flex gap-1.5">
            {h.stale && <StatusBadge tone="warning">Stale</StatusBadge>}
            <StatusBadge tone={health.tone}>{health.label}</StatusBadge>
          </div>
        }
      />
      <div className="grid gap-5 lg:grid-cols-[20rem_1fr]">
        <aside aria-label="Host facts">
          <HostSummary host={h} />
        </aside>
        <div className="min-w-0 space-y-5">
          <CountedSection
            headingId="components-heading"
            title="Components"
            count={h.components.length}
          >
            <ComponentList components={h.components} />
          </CountedSection>
          <CountedSection
            headingId="providers-heading"
            title="Providers"
            count={h.providers.length}
          >
            <ProviderList providers={h.providers} />
          </CountedSection>
          <HostLinksAndConfigs lattice={lattice} host={h} />
        </div>
      </div>
    </>
  );
}
