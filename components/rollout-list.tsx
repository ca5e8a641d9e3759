import Link from "next/link";
import { formatTimestamp } from "@/lib/format";
import { rolloutTarget } from "@/lib/rollout-view";
import type { Rollout } from "@/lib/schemas/rollout";
import { type Column, RowHeading, TableHead, TablePanel } from "./data-table";
import { RolloutStateBadge } from "./rollout-state-badge";
import { TimeAgo } from "./ticking-time";

const COLUMNS: readonly Column[] = [
  { label: "Rollout" },
  { label: "State" },
  { label: "Target" },
  { label: "Hosts", isNumeric: true },
  { label: "Started by" },
  { label: "Reason" },
  { label: "Started", isNumeric: true },
];

/** Rollouts of a lattice, newest first, each linking to its own page. */
export function RolloutList({
  rollouts,
  rolloutHref,
}: {
  rollouts: Rollout[];
  rolloutHref: (id: string) => string;
}) {
  return (
    <TablePanel caption="Rollouts, newest first">
      <TableHead columns={COLUMNS} />
      <tbody>
        {rollouts.map((r) => (
          <tr key={r.id} className="border-border hover:bg-surface border-t">
            <RowHeading>
              <Link
                href={rolloutHref(r.id)}
                className="text-accent font-mono text-xs hover:underline"
              >
                {r.id}
              </Link>
              {r.restores && <div className="text-muted text-xs">restores {r.restores}</div>}
            </RowHeading>
            <td className="px-3 py-2">
              <RolloutStateBadge state={r.state} />
            </td>
            <td className="px-3 py-2 font-mono text-xs">{rolloutTarget(r)}</td>
            <td className="px-3 py-2 text-right tabular-nums">
              {r.waves.reduce((n, w) => n + w.hosts.length, 0)}
            </td>
            <td className="px-3 py-2 text-xs">{r.createdBy}</td>
            <td className="max-w-64 truncate px-3 py-2 text-xs">{r.reason ?? "—"}</td>
            <td
              className="text-muted px-3 py-2 text-right text-xs"
              title={formatTimestamp(r.createdAt)}
            >
              <TimeAgo iso={r.createdAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </TablePanel>
  );
}
