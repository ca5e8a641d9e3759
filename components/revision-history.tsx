import Link from "next/link";
import { formatTimestamp } from "@/lib/format";
import { imageVersion } from "@/lib/image-ref";
import type { Revision } from "@/lib/schemas/rollout";
import { BUTTON } from "./button-styles";
import { type Column, RowHeading, TableHead, TablePanel } from "./data-table";
import { RolloutStateBadge } from "./rollout-state-badge";

const COLUMNS: readonly Column[] = [
  { label: "Revision" },
  { label: "When" },
  { label: "Who" },
  { label: "Why" },
  { label: "What" },
  { label: "Rollout" },
  { label: "Actions" },
];

function what(revision: Revision): string {
  return revision.target
    .map((c) => {
      switch (c.kind) {
        case "component":
        case "provider":
          return `${c.id} ${imageVersion(c.imageRef)}${"maxInstances" in c && c.maxInstances ? ` ×${c.maxInstances}` : ""}`;
        case "config":
          return `config ${c.name}`;
        case "link":
          return `link ${c.sourceId} → ${c.target}`;
      }
    })
    .join(", ");
}

/** A workload's revisions, newest first, each restorable through a previewed rollout. */
export function RevisionHistory({
  revisions,
  rolloutHref,
  onRollBack,
}: {
  revisions: Revision[];
  rolloutHref: (id: string) => string;
  onRollBack: (revision: Revision) => void;
}) {
  return (
    <TablePanel caption="Revision history, newest first">
      <TableHead columns={COLUMNS} />
      <tbody>
        {revisions.map((r) => (
          <tr key={r.revision} className="border-border border-t align-top">
            <RowHeading>
              <span className="font-semibold tabular-nums">Revision {r.revision}</span>
            </RowHeading>
            <td className="px-3 py-2 text-xs">{formatTimestamp(r.createdAt)}</td>
            <td className="px-3 py-2 text-xs">{r.createdBy}</td>
            <td className="max-w-64 px-3 py-2 text-xs">{r.reason ?? "—"}</td>
            <td className="px-3 py-2 font-mono text-xs">{what(r)}</td>
            <td className="px-3 py-2 text-xs">
              <Link href={rolloutHref(r.rolloutId)} className="text-accent hover:underline">
                {r.rolloutId.slice(-8)}
              </Link>{" "}
              <RolloutStateBadge state={r.state} />
            </td>
            <td className="px-3 py-2">
              <button type="button" className={BUTTON.small} onClick={() => onRollBack(r)}>
                Roll back to this revision
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </TablePanel>
  );
}
