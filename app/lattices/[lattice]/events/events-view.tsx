"use client";

import { useCallback, useMemo, useState } from "react";
import { EventFeed } from "@/components/event-feed";
import { EventFilters } from "@/components/event-filters";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/state-panel";
import { useHostsByName } from "@/lib/hooks/use-hosts-by-name";
import { useEvents, useHosts } from "@/lib/hooks/use-lattice-data";
import { EVENT_NAMES } from "@/lib/protocol";
import { hostHref } from "../hrefs";
import { QueryGate } from "../query-gate";

/** Heartbeats and periodic health statuses never reach the feed, so they are not offered. */
const FEED_TYPES = [...EVENT_NAMES]
  .filter((t) => t !== "host_heartbeat" && t !== "health_check_status")
  .sort();

export function EventsView({ lattice }: { lattice: string }) {
  const [filter, setFilter] = useState({ host: "", type: "" });
  const events = useEvents(lattice, filter);
  const hosts = useHosts(lattice);
  // Rebuilt only when an id or a name changes, not with every live batch.
  const { names: hostOptions } = useHostsByName(hosts.data?.hosts);
  const names = useMemo(() => new Map(hostOptions.map((h) => [h.id, h.name])), [hostOptions]);
  const hostName = useCallback((id: string) => names.get(id), [names]);
  const href = useCallback((id: string) => hostHref(lattice, id), [lattice]);

  return (
    <>
      <PageHeader
        kicker={<span className="font-mono">{lattice}</span>}
        title="Events"
        description="Lattice events as they arrive, newest first."
      />
      <EventFilters
        host={filter.host}
        type={filter.type}
        hosts={hostOptions}
        types={FEED_TYPES}
        onChange={setFilter}
      />
      <QueryGate query={events} what="events" lattice={lattice} loadingLabel="Loading events…">
        {(feed) =>
          feed.length === 0 ? (
            <EmptyState title="No events yet">
              {filter.host || filter.type
                ? "None match the filters."
                : "Events appear here as hosts report them."}
            </EmptyState>
          ) : (
            <>
              <p role="status" aria-live="polite" className="text-muted mb-2 text-xs">
                {feed.length} events
              </p>
              <EventFeed events={feed} hostName={hostName} hostHref={href} />
            </>
          )
        }
      </QueryGate>
    </>
  );
}
