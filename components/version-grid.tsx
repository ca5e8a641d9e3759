import { imageVersion } from "@/lib/image-ref";
import {
  GRID_CELLS,
  GRID_CELL_LABEL,
  GRID_CELL_TONE,
  gridCell,
  type GridCell,
} from "@/lib/rollout-view";
import type { Rollout } from "@/lib/schemas/rollout";
import { type Column, RowHeading, TableHead, TablePanel } from "./data-table";
import { StatusBadge } from "./status-badge";

const COLUMNS: readonly Column[] = [
  { label: "Host" },
  { label: "Wave", isNumeric: true },
  { label: "Running now" },
  { label: "State" },
];

/**
 * The host × version grid: every host of the rollout, grouped by wave, with the version it
 * runs now (from the live lattice) and where it stands — before, in progress, after, failed —
 * so the lattice's version skew is visible as the rollout moves.
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
      <TablePanel caption="Host × version grid">
        <TableHead columns={COLUMNS} />
        <tbody>
          {rollout.waves.flatMap((wave, i) =>
            wave.hosts.map((h) => {
              const cell = gridCell(h.state);
              return (
                <tr key={h.hostId} className="border-border border-t">
                  <RowHeading>
                    <span className="font-mono text-xs">{hostName(h.hostId)}</span>
                  </RowHeading>
                  <td className="px-3 py-1.5 text-right tabular-nums">{i + 1}</td>
                  <td className="px-3 py-1.5 font-mono text-xs">
                    {runningRefs(h.hostId).map(imageVersion).join(", ") || "—"}
                  </td>
                  <td className="px-3 py-1.5">
                    <StatusBadge tone={GRID_CELL_TONE[cell]}>{GRID_CELL_LABEL[cell]}</StatusBadge>
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </TablePanel>
    </div>
  );
}
