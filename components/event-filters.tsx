import { memo } from "react";
import { shortEventType } from "@/lib/format";
import { LabelledField } from "./labelled-field";

export interface HostOption {
  id: string;
  name: string;
}

/**
 * Host and type selects of the event feed; "" means all. Memoised: with thousands of hosts
 * the host select is large, and the feed's live updates must not rebuild it.
 */
export const EventFilters = memo(function EventFilters({
  host,
  type,
  hosts,
  types,
  onChange,
}: {
  host: string;
  type: string;
  hosts: HostOption[];
  types: string[];
  onChange: (next: { host: string; type: string }) => void;
}) {
  const select =
    "h-8 w-64 rounded border border-border bg-panel px-2 text-sm focus:border-accent focus:outline-2 focus:outline-accent/30";
  return (
    <div role="search" aria-label="Filter events" className="mb-3 flex flex-wrap items-end gap-3">
      <LabelledField id="event-filter-host" label="Host">
        <select
          id="event-filter-host"
          className={select}
          value={host}
          onChange={(e) => onChange({ host: e.target.value, type })}
        >
          <option value="">All hosts</option>
          {hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </select>
      </LabelledField>
      <LabelledField id="event-filter-type" label="Event type">
        <select
          id="event-filter-type"
          className={`${select} font-mono`}
          value={type}
          onChange={(e) => onChange({ host, type: e.target.value })}
        >
          <option value="">All types</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {shortEventType(t)}
            </option>
          ))}
        </select>
      </LabelledField>
    </div>
  );
});
