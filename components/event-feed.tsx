import Link from "next/link";
import { memo } from "react";
import { formatTimestamp, shortEventType, shortId } from "@/lib/format";
import type { FeedEvent } from "@/lib/schemas/stream";
import { eventTone } from "@/lib/host-view";
import { toneClasses } from "./status-badge";
import { StatusIcon } from "./status-icon";
import { TimeAgo } from "./ticking-time";

/** Newest-first lattice events; host names come from the caller's host list when known. */
export function EventFeed({
  events,
  hostName,
  hostHref,
}: {
  events: FeedEvent[];
  hostName: (hostId: string) => string | undefined;
  hostHref: (hostId: string) => string;
}) {
  return (
    <ol
      aria-label="Events, newest first"
      className="divide-border border-border bg-panel divide-y rounded-md border text-sm"
    >
      {events.map((e) => (
        <EventRow key={e.id} event={e} name={hostName(e.hostId)} href={hostHref(e.hostId)} />
      ))}
    </ol>
  );
}

/**
 * One event. Memoised on its props (an event never changes, names rarely do), so a feed
 * taking new events at the top re-renders only the new rows, not all 500.
 */
const EventRow = memo(function EventRow({
  event: e,
  name,
  href,
}: {
  event: FeedEvent;
  name: string | undefined;
  href: string;
}) {
  return (
    <li className="grid grid-cols-[6rem_12rem_12rem_1fr] items-baseline gap-3 px-3 py-2">
      <span className="text-muted text-xs" title={formatTimestamp(e.time)}>
        <TimeAgo iso={e.time} />
      </span>
      <span
        className={`flex min-w-0 items-center gap-1.5 font-mono text-xs font-medium ${toneClasses[eventTone(e.type)].text}`}
        title={e.type}
      >
        <StatusIcon tone={eventTone(e.type)} />
        <span className="truncate">{shortEventType(e.type)}</span>
      </span>
      <span className="truncate text-xs">
        {name ? (
          <Link href={href} className="text-accent hover:underline">
            {name}
          </Link>
        ) : (
          <span className="text-muted font-mono" title={e.hostId}>
            {shortId(e.hostId)}
          </span>
        )}
      </span>
      <span className="min-w-0 break-words">{e.summary}</span>
    </li>
  );
});
