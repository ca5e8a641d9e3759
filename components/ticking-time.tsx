"use client";

import { currentUptime, formatAgo, formatTimestamp, formatUptime } from "@/lib/format";
import { useNow } from "@/lib/hooks/use-now";

/** Uptime that keeps counting between reports (uptimeSeconds + time since it was reported). */
export function Uptime({ seconds, reportedAt }: { seconds: number; reportedAt: string }) {
  const now = useNow();
  return (
    <span className="tabular-nums">{formatUptime(currentUptime(seconds, reportedAt, now))}</span>
  );
}

/** "12s ago", with the exact UTC time on hover and for assistive technology. */
export function TimeAgo({ iso }: { iso: string }) {
  const now = useNow();
  return (
    <time dateTime={iso} title={formatTimestamp(iso)} className="tabular-nums">
      {formatAgo(iso, now)}
    </time>
  );
}
