import Link from "next/link";
import { rolloutStateLabel, rolloutTarget } from "@/lib/rollout-view";
import type { Rollout } from "@/lib/schemas/rollout";
import { StatusIcon } from "./status-icon";

/** Shown on top of every lattice page while rollouts are under way, linking to each. */
export function RolloutBanner({
  rollouts,
  rolloutHref,
}: {
  rollouts: Rollout[];
  rolloutHref: (id: string) => string;
}) {
  if (rollouts.length === 0) return null;
  return (
    <div
      role="region"
      aria-label="Rollouts in progress"
      className="border-progressing/30 bg-progressing-soft mb-4 rounded-md border px-3 py-2 text-sm"
    >
      <ul className="space-y-1">
        {rollouts.map((r) => (
          <li key={r.id} className="text-progressing flex flex-wrap items-center gap-2">
            <StatusIcon tone="progressing" />
            <span className="text-ink">
              Rollout <span className="font-mono">{rolloutTarget(r)}</span> is{" "}
              <strong>{rolloutStateLabel(r.state).toLowerCase()}</strong> on this lattice.
            </span>
            <Link href={rolloutHref(r.id)} className="text-accent font-medium hover:underline">
              Open the rollout
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
