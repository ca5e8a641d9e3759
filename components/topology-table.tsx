import type { Topology } from "@/lib/topology";
import { type Column, RowHeading, TableHead, TablePanel } from "./data-table";
import { StatusBadge } from "./status-badge";
import { WorkloadKindIcon } from "./workload-kind-icon";

const COLUMNS: readonly Column[] = [
  { label: "Workload" },
  { label: "Versions (hosts)" },
  { label: "Calls" },
  { label: "Called by" },
];

/** The graph as a table: the same nodes and links, readable without the drawing. */
export function TopologyTable({ topology }: { topology: Topology }) {
  return (
    <TablePanel caption="Workloads and their links">
      <TableHead columns={COLUMNS} />
      <tbody>
        {topology.nodes.map((n) => {
          const calls = topology.edges.filter((e) => e.source === n.id);
          const calledBy = topology.edges.filter((e) => e.target === n.id);
          return (
            <tr key={n.id} className="border-border border-t align-top">
              <RowHeading>
                <span className="flex items-center gap-1.5">
                  <WorkloadKindIcon kind={n.kind} />
                  <span className="font-mono font-medium">{n.id}</span>
                  <span className="text-muted text-xs">
                    {n.kind === "missing" ? "not running" : n.kind}
                  </span>
                </span>
              </RowHeading>
              <td className="px-3 py-2 text-xs">
                <span className="flex flex-wrap items-center gap-2">
                  {n.versions.length > 1 && (
                    <StatusBadge tone="warning">{n.versions.length} versions</StatusBadge>
                  )}
                  <span className="font-mono">
                    {n.versions.map((v) => `${v.version} (${v.hosts})`).join(", ") || "—"}
                  </span>
                </span>
              </td>
              <td className="px-3 py-2 font-mono text-xs">
                {calls.map((e) => (
                  <div key={e.id}>
                    {e.target} <span className="text-muted">{e.label}</span>
                  </div>
                ))}
              </td>
              <td className="px-3 py-2 font-mono text-xs">
                {calledBy.map((e) => (
                  <div key={e.id}>
                    {e.source} <span className="text-muted">{e.label}</span>
                  </div>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </TablePanel>
  );
}
