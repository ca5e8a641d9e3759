"use client";

import { useMemo } from "react";
import { ConfigList } from "@/components/config-list";
import { CountedSection } from "@/components/counted-section";
import { HostLinkList } from "@/components/host-links";
import { LoadingState } from "@/components/state-panel";
import { useConfigs, useLinks } from "@/lib/hooks/use-rollouts";
import { configUses, hostLinks } from "@/lib/link-view";
import type { Host } from "@/lib/schemas/host";
import { QueryErrorState } from "../../query-error-state";

/** The links touching this host's workloads and the lattice's named configs. */
export function HostLinksAndConfigs({ lattice, host }: { lattice: string; host: Host }) {
  const links = useLinks(lattice);
  const configs = useConfigs(lattice);
  const mine = useMemo(() => hostLinks(host, links.data?.links ?? []), [host, links.data]);
  const uses = useMemo(() => configUses(configs.data?.configs ?? [], mine), [configs.data, mine]);

  return (
    <>
      <CountedSection headingId="links-heading" title="Links" count={mine.length}>
        {links.isPending ? (
          <LoadingState label="Loading links…" />
        ) : links.isError ? (
          <QueryErrorState
            what="links"
            lattice={lattice}
            error={links.error}
            retry={() => links.refetch()}
          />
        ) : (
          <HostLinkList links={mine} />
        )}
      </CountedSection>
      <CountedSection headingId="configs-heading" title="Named configs" count={uses.length}>
        <p className="text-muted mb-2 text-xs">
          Configs are lattice-wide: a change reaches every host at once. Those named by this
          host&apos;s links come first.
        </p>
        {configs.isPending ? (
          <LoadingState label="Loading configs…" />
        ) : configs.isError ? (
          <QueryErrorState
            what="configs"
            lattice={lattice}
            error={configs.error}
            retry={() => configs.refetch()}
          />
        ) : (
          <ConfigList uses={uses} />
        )}
      </CountedSection>
    </>
  );
}
