import Link from "next/link";
import { memo, useState } from "react";
import { formatTimestamp, shortEventType, shortId } from "@/lib/format";
import type { FeedEvent } from "@/lib/schemas/stream";
import { eventTone } from "@/lib/host-view";
import { BUTTON } from "./button-styles";
import { toneClasses } from "./status-badge";
import { StatusIcon } from "./status-icon";
import { TimeAgo } from "./ticking-time";

/** Rows rendered at first and added per "Show more": a busy lattice keeps 500 events. */
export const FEED_PAGE = 100;

/**
 * Newest-first lattice events, a page at a time: the newest `FEED_PAGE` render, older ones
 * on request. Host names come from the caller's host list when known.
 */
export function EventFeed({
  events,
  hostName,
  hostHref,
}: {
  events: FeedEvent[];
  hostName: (hostId: string) => string | undefined;
  hostHref: (hostId: string) => string;
}) {
  const [shown, setShown] = useState(FEED_PAGE);
  const visible = events.length > shown ? events.slice(0, shown) : events;
  const older = events.length - visible.length;
  return (
    <>
      <ol
        aria-label="Events, newest first"
        className="divide-border border-border bg-panel divide-y rounded-md border text-sm"
      >
        {visible.map((e) => (
          <EventRow key={e.id} event={e} name={hostName(e.hostId)} href={hostHref(e.hostId)} />
        ))}
      </ol>
      {older > 0 && (
        <div className="text-muted mt-2 flex items-center gap-3 text-xs">
          <span>
            Showing the newest {visible.length} of {events.length}
          </span>
          <button
            type="button"
            className={BUTTON.small}
            onClick={() => setShown((n) => n + FEED_PAGE)}
          >
            Show {Math.min(FEED_PAGE, older)} older
          </button>
        </div>
      )}
    </>
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
