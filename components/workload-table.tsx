import Link from "next/link";
import type { ReactNode } from "react";
import { plural } from "@/lib/format";
import { providerTone } from "@/lib/host-view";
import type { WorkloadSummary } from "@/lib/workload-summary";
import { CountedSection } from "./counted-section";
import { type Column, RowHeading, TableHead, TablePanel } from "./data-table";
import { StatusBadge } from "./status-badge";

const COLUMNS: readonly Column[] = [
  { label: "Id" },
  { label: "Versions" },
  { label: "Hosts", isNumeric: true },
  { label: "Instances", isNumeric: true },
  { label: "Placement" },
];

/**
 * Components or providers of a lattice: where each runs, at which version, how many
 * instances. More than one live version is flagged, with the host count per version.
 */
export function WorkloadTable({
  title,
  workloads,
  hostHref,
  rowActions,
}: {
  title: string;
  workloads: WorkloadSummary[];
  hostHref: (hostId: string) => string;
  /** Per-row actions (New rollout, history), in a last column. */
  rowActions?: (workload: WorkloadSummary) => ReactNode;
}) {
  return (
    <CountedSection
      headingId={`${title}-heading`}
      title={title}
      count={workloads.length}
      className="mb-6"
    >
      <TablePanel>
        <TableHead columns={rowActions ? [...COLUMNS, { label: "Actions" }] : COLUMNS} />
        <tbody>
          {workloads.map((w) => (
            <WorkloadRow key={w.id} workload={w} hostHref={hostHref} actions={rowActions?.(w)} />
          ))}
        </tbody>
      </TablePanel>
    </CountedSection>
  );
}

function WorkloadRow({
  workload: w,
  hostHref,
  actions,
}: {
  workload: WorkloadSummary;
  hostHref: (id: string) => string;
  actions?: ReactNode;
}) {
  const skewed = w.versions.length > 1;
  return (
    <tr className="border-border border-t align-top">
      <RowHeading>
        <div className="font-mono font-medium whitespace-nowrap">{w.id}</div>
        {w.isWadmManaged && <div className="text-muted text-xs">managed by wadm</div>}
      </RowHeading>
      <td className="px-3 py-2">
        <div className="flex flex-wrap items-center gap-1.5">
          {skewed && (
            <StatusBadge tone="warning" title="More than one image version is running">
              {w.versions.length} versions
            </StatusBadge>
          )}
          <ul className="flex flex-wrap gap-1" aria-label={`Versions of ${w.id}`}>
            {w.versions.map((v) => (
              <li
                key={v.version}
                title={v.imageRefs.join("\n")}
                className="border-border bg-surface rounded border px-1.5 font-mono text-xs leading-5 whitespace-nowrap"
              >
                {v.version}
                <span className="text-muted"> · {plural(v.hosts, "host")}</span>
              </li>
            ))}
          </ul>
        </div>
      </td>
      <td className="px-3 py-2 text-right tabular-nums">{w.placements.length}</td>
      <td className="px-3 py-2 text-right tabular-nums">{w.totalInstances}</td>
      <td className="px-3 py-2">
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label={`Hosts running ${w.id}`}>
          {w.placements.map((p) => (
            <li key={p.hostId} className="flex items-center gap-1">
              <Link href={hostHref(p.hostId)} className="text-accent hover:underline">
                {p.friendlyName}
              </Link>
              <span className="text-muted font-mono">
                {p.version}
                {w.kind === "component" ? ` ×${p.instances}` : ""}
              </span>
              {p.health && p.health !== "healthy" && (
                <StatusBadge tone={providerTone(p.health)}>{p.health}</StatusBadge>
              )}
              {p.stale && <StatusBadge tone="warning">stale</StatusBadge>}
            </li>
          ))}
        </ul>
      </td>
      {actions !== undefined && <td className="px-3 py-2">{actions}</td>}
    </tr>
  );
}
