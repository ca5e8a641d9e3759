/** Host labels as compact `key=value` chips; `max` keeps table rows one line high. */
export function LabelChips({ labels, max }: { labels: Record<string, string>; max?: number }) {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <span className="text-muted">none</span>;
  const shown = max === undefined ? entries : entries.slice(0, max);
  const hidden = entries.length - shown.length;
  return (
    <ul
      className={`flex min-w-0 gap-1 ${max === undefined ? "flex-wrap" : "flex-nowrap overflow-hidden"}`}
      aria-label="Labels"
    >
      {shown.map(([k, v]) => (
        <li
          key={k}
          className="border-border bg-surface text-ink max-w-48 truncate rounded border px-1.5 font-mono text-[11px] leading-5"
          title={`${k}=${v}`}
        >
          <span className="text-muted">{k}=</span>
          {v}
        </li>
      ))}
      {hidden > 0 && (
        <li
          className="text-muted px-1 text-[11px] leading-5 whitespace-nowrap"
          title={entries
            .slice(shown.length)
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")}
        >
          +{hidden} more
        </li>
      )}
    </ul>
  );
}
