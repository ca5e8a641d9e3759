"use client";

import { useRef } from "react";
import { useWindowRows, WINDOW_THRESHOLD } from "@/lib/hooks/use-window-rows";
import type { Host } from "@/lib/schemas/host";
import { type Column, SpacerRow, TableHead } from "./data-table";
import { HOST_ROW_HEIGHT, HostRow } from "./host-row";

const COLUMNS: readonly Column[] = [
  { label: "Host" },
  { label: "Status" },
  { label: "Zone" },
  { label: "Labels" },
  { label: "Version" },
  { label: "Uptime", isNumeric: true },
  { label: "Components", isNumeric: true },
  { label: "Providers", isNumeric: true },
  { label: "Last seen", isNumeric: true },
];

/**
 * Every host of a lattice, one memoised row each, keyed by host id. Long lists render only
 * the rows near the viewport; spacer rows keep the scroll height right.
 */
export function HostTable({
  hosts,
  hostHref,
  caption,
}: {
  hosts: Host[];
  hostHref: (hostId: string) => string;
  caption: string;
}) {
  const anchor = useRef<HTMLTableSectionElement>(null);
  const { start, end } = useWindowRows(anchor, hosts.length, HOST_ROW_HEIGHT);
  const isWindowed = hosts.length > WINDOW_THRESHOLD;
  return (
    <div className="border-border bg-panel rounded-md border">
      <table className="w-full text-sm" aria-rowcount={isWindowed ? hosts.length + 1 : undefined}>
        <caption className="sr-only">{caption}</caption>
        <TableHead columns={COLUMNS} isSticky />
        <tbody ref={anchor}>
          {start > 0 && <SpacerRow colSpan={COLUMNS.length} height={start * HOST_ROW_HEIGHT} />}
          {hosts.slice(start, end).map((host, i) => (
            <HostRow
              key={host.id}
              host={host}
              href={hostHref(host.id)}
              // +2: aria-rowindex is 1-based and the header row is 1.
              rowIndex={isWindowed ? start + i + 2 : undefined}
            />
          ))}
          {end < hosts.length && (
            <SpacerRow colSpan={COLUMNS.length} height={(hosts.length - end) * HOST_ROW_HEIGHT} />
          )}
        </tbody>
      </table>
    </div>
  );
}
