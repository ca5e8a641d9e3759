"use client";

import { memo, useMemo, useRef } from "react";
import { useWindowRows, WINDOW_THRESHOLD } from "@/lib/hooks/use-window-rows";
import { imageVersion } from "@/lib/image-ref";
import {
  GRID_CELLS,
  GRID_CELL_LABEL,
  GRID_CELL_TONE,
  gridCell,
  type GridCell,
} from "@/lib/rollout-view";
import type { Rollout } from "@/lib/schemas/rollout";
import { type Column, SpacerRow, TableHead, TablePanel } from "./data-table";
import { StatusBadge } from "./status-badge";

const COLUMNS: readonly Column[] = [
  { label: "Host" },
  { label: "Wave", isNumeric: true },
  { label: "Running now" },
  { label: "State" },
];

/** Every row is this tall (its cells never wrap), so long grids can render only a window. */
const GRID_ROW_HEIGHT = 40;

/**
 * The host × version grid: every host of the rollout, grouped by wave, with the version it
 * runs now (from the live lattice) and where it stands — before, in progress, after, failed —
 * so the lattice's version skew is visible as the rollout moves. A rollout over thousands of
 * hosts renders the rows near the viewport; spacer rows keep the scroll height.
 */
export function VersionGrid({
  rollout,
  hostName,
  runningRefs,
  counts,
}: {
  rollout: Rollout;
  hostName: (hostId: string) => string;
  /** Host id → the image refs of the rollout's targets running there now. */
  runningRefs: (hostId: string) => string[];
  counts: Record<GridCell, number>;
}) {
  const rows = useMemo(
    () =>
      rollout.waves.flatMap((wave, i) =>
        wave.hosts.map((h) => ({ hostId: h.hostId, wave: i + 1, cell: gridCell(h.state) })),
      ),
    [rollout.waves],
  );
  const anchor = useRef<HTMLTableSectionElement>(null);
  const { start, end } = useWindowRows(anchor, rows.length, GRID_ROW_HEIGHT);
  const isWindowed = rows.length > WINDOW_THRESHOLD;
  return (
    <div className="space-y-2">
      <ul aria-label="Hosts per state" className="flex flex-wrap gap-2 text-xs">
        {GRID_CELLS.map((cell) => (
          <li key={cell}>
            <StatusBadge tone={GRID_CELL_TONE[cell]}>
              {GRID_CELL_LABEL[cell]}: {counts[cell]}
            </StatusBadge>
          </li>
        ))}
      </ul>
      <TablePanel caption="Host × version grid" rowCount={isWindowed ? rows.length + 1 : undefined}>
        <TableHead columns={COLUMNS} />
        <tbody ref={anchor}>
          {start > 0 && <SpacerRow colSpan={COLUMNS.length} height={start * GRID_ROW_HEIGHT} />}
          {rows.slice(start, end).map((row, i) => (
            <GridRow
              key={row.hostId}
              name={hostName(row.hostId)}
              wave={row.wave}
              // A string, so an unchanged host's memoised row is skipped.
              versions={runningRefs(row.hostId).map(imageVersion).join(", ")}
              cell={row.cell}
              // +2: aria-rowindex is 1-based and the header row is 1.
              rowIndex={isWindowed ? start + i + 2 : undefined}
            />
          ))}
          {end < rows.length && (
            <SpacerRow colSpan={COLUMNS.length} height={(rows.length - end) * GRID_ROW_HEIGHT} />
          )}
        </tbody>
      </TablePanel>
    </div>
  );
}

const GridRow = memo(function GridRow({
  name,
  wave,
  versions,
  cell,
  rowIndex,
}: {
  name: string;
  wave: number;
  versions: string;
  cell: GridCell;
  rowIndex: number | undefined;
}) {
  return (
    <tr
      className="border-border border-t whitespace-nowrap"
      style={{ height: GRID_ROW_HEIGHT }}
      aria-rowindex={rowIndex}
    >
      <th scope="row" className="px-3 text-left font-mono text-xs font-normal">
        {name}
      </th>
      <td className="px-3 text-right tabular-nums">{wave}</td>
      <td className="px-3 font-mono text-xs">{versions || "—"}</td>
      <td className="px-3">
        <StatusBadge tone={GRID_CELL_TONE[cell]}>{GRID_CELL_LABEL[cell]}</StatusBadge>
      </td>
    </tr>
  );
});
