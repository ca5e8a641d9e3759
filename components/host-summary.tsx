import { formatTimestamp } from "@/lib/format";
import type { Host } from "@/lib/schemas/host";
import { LabelChips } from "./label-chips";
import { StatusBadge } from "./status-badge";
import { TimeAgo, Uptime } from "./ticking-time";

/** The facts panel of the host detail page. */
export function HostSummary({ host }: { host: Host }) {
  const row = "flex flex-col gap-0.5 border-b border-border px-3 py-2 last:border-b-0";
  return (
    <dl className="border-border bg-panel rounded-md border text-sm">
      <div className={row}>
        <dt className="text-muted text-xs">State</dt>
        <dd>
          {host.stale ? (
            <StatusBadge tone="warning" title="No heartbeat or event for 3 heartbeat intervals">
              Stale
            </StatusBadge>
          ) : (
            <StatusBadge tone="ok">Reporting</StatusBadge>
          )}
        </dd>
      </div>
      <div className={row}>
        <dt className="text-muted text-xs">Host id</dt>
        <dd className="font-mono text-xs break-all">{host.id}</dd>
      </div>
      <div className={row}>
        <dt className="text-muted text-xs">Version</dt>
        <dd className="font-mono">{host.version}</dd>
      </div>
      <div className={row}>
        <dt className="text-muted text-xs">Uptime</dt>
        <dd>
          <Uptime seconds={host.uptimeSeconds} reportedAt={host.uptimeReportedAt} />
        </dd>
      </div>
      <div className={row}>
        <dt className="text-muted text-xs">Last seen</dt>
        <dd>
          <TimeAgo iso={host.lastSeen} />
          <span className="text-muted ml-2 text-xs">{formatTimestamp(host.lastSeen)}</span>
        </dd>
      </div>
      <div className={row}>
        <dt className="text-muted text-xs">Labels</dt>
        <dd>
          <LabelChips labels={host.labels} />
        </dd>
      </div>
    </dl>
  );
}
