"use client";

import { useCallback, useMemo, useState } from "react";
import { LabelledField } from "@/components/labelled-field";
import { PageHeader } from "@/components/page-header";
import { RolloutList } from "@/components/rollout-list";
import { EmptyState } from "@/components/state-panel";
import { plural } from "@/lib/format";
import { useRollouts } from "@/lib/hooks/use-rollouts";
import { rolloutStateLabel, rolloutTarget } from "@/lib/rollout-view";
import { RolloutState } from "@/lib/schemas/rollout";
import { newRolloutHref, rolloutHref } from "../hrefs";
import { NewRolloutButton } from "../new-rollout-button";
import { QueryGate } from "../query-gate";

const SELECT =
  "h-8 w-56 rounded border border-border bg-panel px-2 text-sm focus:border-accent focus:outline-2 focus:outline-accent/30";

/** Every rollout of the lattice, newest first, live, filtered by state and target. */
export function RolloutsView({ lattice }: { lattice: string }) {
  const rollouts = useRollouts(lattice);
  const [state, setState] = useState("");
  const [target, setTarget] = useState("");
  const all = rollouts.data?.rollouts;
  const shown = useMemo(
    () =>
      (all ?? []).filter(
        (r) =>
          (state === "" || r.state === state) &&
          (target.trim() === "" ||
            rolloutTarget(r).toLowerCase().includes(target.trim().toLowerCase())),
      ),
    [all, state, target],
  );
  const href = useCallback((id: string) => rolloutHref(lattice, id), [lattice]);
  return (
    <>
      <PageHeader
        kicker={<span className="font-mono">{lattice}</span>}
        title="Rollouts"
        description="Staged changes to the lattice, newest first, updated live."
        aside={<NewRolloutButton href={newRolloutHref(lattice)} />}
      />
      <QueryGate
        query={rollouts}
        what="rollouts"
        lattice={lattice}
        loadingLabel="Loading rollouts…"
      >
        {(data) => (
          <>
            <div
              role="search"
              aria-label="Filter rollouts"
              className="mb-3 flex flex-wrap items-end gap-3"
            >
              <LabelledField id="rollout-filter-state" label="State">
                <select
                  id="rollout-filter-state"
                  className={SELECT}
                  value={state}
                  onChange={(e) => setState(e.target.value)}
                >
                  <option value="">All states</option>
                  {RolloutState.options.map((s) => (
                    <option key={s} value={s}>
                      {rolloutStateLabel(s)}
                    </option>
                  ))}
                </select>
              </LabelledField>
              <LabelledField id="rollout-filter-target" label="Filter by target">
                <input
                  id="rollout-filter-target"
                  type="search"
                  className={SELECT}
                  placeholder="http-api"
                  value={target}
                  onChange={(e) => setTarget(e.target.value)}
                />
              </LabelledField>
            </div>
            <p role="status" aria-live="polite" className="text-muted mb-2 text-xs">
              Showing {shown.length} of {plural(data.rollouts.length, "rollout")}
            </p>
            {data.rollouts.length === 0 ? (
              <EmptyState title="No rollouts yet">
                Start one with New rollout, or from a component&apos;s row.
              </EmptyState>
            ) : shown.length === 0 ? (
              <EmptyState title="No rollout matches the filters" />
            ) : (
              <RolloutList rollouts={shown} rolloutHref={href} />
            )}
          </>
        )}
      </QueryGate>
    </>
  );
}
