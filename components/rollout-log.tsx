import { formatTimestamp } from "@/lib/format";
import type { StatusTone } from "@/lib/host-view";
import type { RolloutLogEntry } from "@/lib/schemas/rollout";
import { toneClasses } from "./status-badge";
import { StatusIcon } from "./status-icon";

function entryTone(kind: RolloutLogEntry["kind"]): StatusTone {
  switch (kind) {
    case "error":
      return "failed";
    case "gate":
      return "ok";
    case "action":
      return "warning";
    case "transition":
    case "request":
      return "progressing";
    case "info":
      return "unknown";
  }
}

/** This rollout's own event log, newest first. */
export function RolloutLog({
  entries,
  hostName,
}: {
  entries: RolloutLogEntry[];
  hostName: (hostId: string) => string;
}) {
  const newestFirst = [...entries].sort((a, b) => b.seq - a.seq);
  return (
    <ol
      aria-label="Rollout log, newest first"
      className="divide-border border-border bg-panel max-h-96 divide-y overflow-y-auto rounded-md border text-xs"
    >
      {newestFirst.map((e) => (
        <li key={e.seq} className="grid grid-cols-[10rem_6rem_10rem_1fr] gap-2 px-3 py-1.5">
          <time dateTime={e.time} className="text-muted tabular-nums">
            {formatTimestamp(e.time).slice(11)}
          </time>
          <span
            className={`flex items-center gap-1 font-medium ${toneClasses[entryTone(e.kind)].text}`}
          >
            <StatusIcon tone={entryTone(e.kind)} />
            {e.kind}
          </span>
          <span className="truncate font-mono">{e.hostId ? hostName(e.hostId) : "—"}</span>
          <span className="break-words">{e.message}</span>
        </li>
      ))}
    </ol>
  );
}
