import Link from "next/link";
import { plural } from "@/lib/format";
import { providerTone } from "@/lib/host-view";
import type { WorkloadSummary } from "@/lib/workload-summary";
import { StatusBadge } from "./status-badge";

/**
 * Components or providers of a lattice: where each runs, at which version, how many
 * instances. More than one live version is flagged, with the host count per version.
 */
export function WorkloadTable({
  title,
  workloads,
  hostHref,
}: {
  title: string;
  workloads: WorkloadSummary[];
  hostHref: (hostId: string) => string;
}) {
  const th = "px-3 py-2 font-medium";
  return (
    <section aria-labelledby={`${title}-heading`} className="mb-6">
      <h2 id={`${title}-heading`} className="mb-2 text-sm font-semibold">
        {title} <span className="text-muted font-normal">({workloads.length})</span>
      </h2>
      <div className="border-border bg-panel overflow-x-auto rounded-md border">
        <table className="w-full text-sm">
          <thead className="text-muted text-left text-xs">
            <tr>
              <th scope="col" className={th}>
                Id
              </th>
              <th scope="col" className={th}>
                Versions
              </th>
              <th scope="col" className={`${th} text-right`}>
                Hosts
              </th>
              <th scope="col" className={`${th} text-right`}>
                Instances
              </th>
              <th scope="col" className={th}>
                Placement
              </th>
            </tr>
          </thead>
          <tbody>
            {workloads.map((w) => (
              <WorkloadRow key={w.id} workload={w} hostHref={hostHref} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function WorkloadRow({
  workload: w,
  hostHref,
}: {
  workload: WorkloadSummary;
  hostHref: (id: string) => string;
}) {
  const skewed = w.versions.length > 1;
  return (
    <tr className="border-border border-t align-top">
      <th scope="row" className="px-3 py-2 text-left font-normal">
        <div className="font-mono font-medium whitespace-nowrap">{w.id}</div>
        {w.isWadmManaged && <div className="text-muted text-xs">managed by wadm</div>}
      </th>
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
    </tr>
  );
}
