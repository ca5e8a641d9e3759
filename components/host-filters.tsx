import type { HostFilter } from "@/lib/host-view";
import { LabelledField } from "./labelled-field";

/** Label (key=value) and free-text filters of the overview; the parent owns the values. */
export function HostFilters({
  value,
  onChange,
}: {
  value: HostFilter;
  onChange: (next: HostFilter) => void;
}) {
  const input =
    "h-8 w-full rounded border border-border bg-panel px-2 text-sm placeholder:text-muted focus:border-accent focus:outline-2 focus:outline-accent/30";
  return (
    <div role="search" aria-label="Filter hosts" className="mb-3 flex flex-wrap items-end gap-3">
      <LabelledField id="host-filter-label" label="Label filter" className="w-64">
        <input
          id="host-filter-label"
          type="search"
          className={`${input} font-mono`}
          placeholder="zone=a"
          aria-describedby="host-filter-label-hint"
          value={value.labels}
          onChange={(e) => onChange({ ...value, labels: e.target.value })}
        />
        <span id="host-filter-label-hint" className="sr-only">
          key=value pairs separated by spaces or commas; a key alone matches any value
        </span>
      </LabelledField>
      <LabelledField id="host-filter-text" label="Search hosts" className="w-72">
        <input
          id="host-filter-text"
          type="search"
          className={input}
          placeholder="Name, id, version, component…"
          value={value.text}
          onChange={(e) => onChange({ ...value, text: e.target.value })}
        />
      </LabelledField>
    </div>
  );
}
