import Link from "next/link";
import { memo } from "react";
import { shortId } from "@/lib/format";
import { hostHealth } from "@/lib/host-view";
import type { Host } from "@/lib/schemas/host";
import { LabelChips } from "./label-chips";
import { StatusBadge } from "./status-badge";
import { TimeAgo, Uptime } from "./ticking-time";

export const HOST_ROW_HEIGHT = 48;

/** Labels worth a glance in a row: not the zone (own column), not the host's built-in facts. */
function operatorLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(labels).filter(([k]) => k !== "zone" && !k.startsWith("hostcore.")),
  );
}

/**
 * One host of the overview. Memoised on the host object: the stream fold and TanStack's
 * structural sharing keep unchanged hosts identical, so only changed rows re-render.
 */
export const HostRow = memo(function HostRow({
  host,
  href,
  rowIndex,
}: {
  host: Host;
  href: string;
  /** Set only when rows are windowed, so assistive tech knows where a row sits. */
  rowIndex?: number;
}) {
  const health = hostHealth(host);
  return (
    <tr
      aria-rowindex={rowIndex}
      className={`border-border h-12 border-t ${host.stale ? "bg-warning-soft/40" : "hover:bg-surface"}`}
    >
      <th scope="row" className="max-w-64 px-3 text-left font-normal">
        <Link
          href={href}
          className="text-accent focus-visible:outline-accent block truncate font-medium hover:underline focus-visible:outline-2"
        >
          {host.friendlyName}
        </Link>
        <span className="text-muted block truncate font-mono text-[11px]" title={host.id}>
          {shortId(host.id)}
        </span>
      </th>
      <td className="px-3">
        <div className="flex flex-wrap items-center gap-1">
          {host.stale ? (
            <StatusBadge tone="warning" title="No heartbeat or event for 3 heartbeat intervals">
              Stale
            </StatusBadge>
          ) : null}
          <StatusBadge tone={health.tone}>{health.label}</StatusBadge>
        </div>
      </td>
      <td className="px-3 font-mono text-xs">
        {host.labels.zone ?? <span className="text-muted">—</span>}
      </td>
      <td className="max-w-80 px-3">
        <LabelChips labels={operatorLabels(host.labels)} max={2} />
      </td>
      <td className="px-3 font-mono text-xs">{host.version}</td>
      <td className="px-3 text-right">
        <Uptime seconds={host.uptimeSeconds} reportedAt={host.uptimeReportedAt} />
      </td>
      <td className="px-3 text-right tabular-nums">{host.components.length}</td>
      <td className="px-3 text-right tabular-nums">{host.providers.length}</td>
      <td className="text-muted px-3 text-right">
        <TimeAgo iso={host.lastSeen} />
      </td>
    </tr>
  );
});
