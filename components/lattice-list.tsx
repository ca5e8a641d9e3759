import Link from "next/link";
import type { LatticeSummary } from "@/lib/schemas/lattice";
import { StatusBadge } from "./status-badge";

/** The configured lattices, each a link to its overview. */
export function LatticeList({ lattices }: { lattices: LatticeSummary[] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {lattices.map((l) => (
        <li
          key={l.name}
          className="border-border bg-panel hover:border-accent rounded-md border p-4"
        >
          <div className="flex items-center justify-between gap-2">
            <Link
              href={`/lattices/${encodeURIComponent(l.name)}`}
              className="text-accent font-mono font-semibold hover:underline"
            >
              {l.name}
            </Link>
            <StatusBadge
              tone={
                l.connection === "connected"
                  ? "ok"
                  : l.connection === "connecting"
                    ? "progressing"
                    : "failed"
              }
            >
              {l.connection}
            </StatusBadge>
          </div>
          <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
            <div>
              <dt className="text-muted text-xs">Hosts</dt>
              <dd className="tabular-nums">{l.hostCount}</dd>
            </div>
            <div>
              <dt className="text-muted text-xs">Stale</dt>
              <dd className={`tabular-nums ${l.staleHostCount > 0 ? "text-warning" : ""}`}>
                {l.staleHostCount}
              </dd>
            </div>
            <div>
              <dt className="text-muted text-xs">Components</dt>
              <dd className="tabular-nums">{l.componentCount}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
