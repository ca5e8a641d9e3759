"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { BUTTON } from "@/components/button-styles";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { PageHeader } from "@/components/page-header";
import { RolloutLog } from "@/components/rollout-log";
import { RolloutStateBadge } from "@/components/rollout-state-badge";
import { RolloutWaves } from "@/components/rollout-waves";
import { EmptyState, ErrorState, LoadingState } from "@/components/state-panel";
import { VersionGrid } from "@/components/version-grid";
import { isNotFound } from "@/lib/api-client";
import { formatTimestamp, shortId } from "@/lib/format";
import { useHosts } from "@/lib/hooks/use-lattice-data";
import { useNow } from "@/lib/hooks/use-now";
import { useRollout, useRolloutAction, useRolloutLog } from "@/lib/hooks/use-rollouts";
import { actionsFor, rollbackNeedsPreview, type RolloutActionSpec } from "@/lib/rollout-actions";
import {
  currentGate,
  formatCountdown,
  gridCounts,
  rolloutTarget,
  waveEtas,
} from "@/lib/rollout-view";
import type { Rollout } from "@/lib/schemas/rollout";
import { newRolloutHref, revisionsHref, rolloutHref, rolloutsHref } from "../../hrefs";
import { QueryErrorState } from "../../query-error-state";

/** One rollout, live: state, waves, the version grid, its log and the actions that apply. */
export function RolloutView({ lattice, id }: { lattice: string; id: string }) {
  const rollout = useRollout(lattice, id);
  const back = (
    <Link href={rolloutsHref(lattice)} className="text-accent hover:underline">
      ← Rollouts
    </Link>
  );
  if (rollout.isPending) {
    return (
      <>
        <PageHeader kicker={back} title={`Rollout ${shortId(id)}`} />
        <LoadingState label="Loading the rollout…" />
      </>
    );
  }
  if (rollout.isError) {
    return (
      <>
        <PageHeader
          kicker={back}
          title={isNotFound(rollout.error) ? "Rollout not found" : `Rollout ${shortId(id)}`}
        />
        {isNotFound(rollout.error) ? (
          <EmptyState title={`No rollout ${id} in lattice ${lattice}`} />
        ) : (
          <QueryErrorState
            what="the rollout"
            lattice={lattice}
            error={rollout.error}
            retry={() => rollout.refetch()}
          />
        )}
      </>
    );
  }
  return <RolloutDetail lattice={lattice} rollout={rollout.data} back={back} />;
}

function RolloutDetail({
  lattice,
  rollout,
  back,
}: {
  lattice: string;
  rollout: Rollout;
  back: React.ReactNode;
}) {
  const router = useRouter();
  const now = useNow();
  const hosts = useHosts(lattice);
  const log = useRolloutLog(lattice, rollout.id);
  const act = useRolloutAction(lattice, rollout.id);
  const [pending, setPending] = useState<RolloutActionSpec | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const byId = useMemo(
    () => new Map((hosts.data?.hosts ?? []).map((h) => [h.id, h])),
    [hosts.data],
  );
  const hostName = useCallback(
    (hostId: string) => byId.get(hostId)?.friendlyName ?? shortId(hostId),
    [byId],
  );
  const workloads = rollout.spec.changes.flatMap((c) =>
    c.kind === "component" || c.kind === "provider" ? [{ kind: c.kind, id: c.id }] : [],
  );
  const runningRefs = useCallback(
    (hostId: string) => {
      const host = byId.get(hostId);
      if (!host) return [];
      return workloads.flatMap((w) =>
        (w.kind === "component" ? host.components : host.providers)
          .filter((x) => x.id === w.id)
          .map((x) => x.imageRef),
      );
    },
    [byId, workloads],
  );
  const gate = currentGate(rollout);
  const etas = waveEtas(rollout.waves, now);

  const run = (spec: RolloutActionSpec) => {
    setActionError(null);
    act.mutate(
      { action: spec.action, planHash: spec.action === "approve" ? rollout.planHash : undefined },
      {
        onSuccess: (outcome) => {
          setPending(null);
          if (outcome.kind === "ok" && outcome.created) {
            router.push(rolloutHref(lattice, outcome.rollout.id));
          } else if (outcome.kind === "refused") {
            setActionError(outcome.error);
          } else if (outcome.kind === "drift") {
            setActionError("The lattice changed: the restoring plan differs. Preview it again.");
          }
        },
        onError: (e) => {
          setPending(null);
          setActionError(e.message);
        },
      },
    );
  };
  const choose = (spec: RolloutActionSpec) => {
    if (spec.action === "rollback" && rollbackNeedsPreview(rollout.state)) {
      router.push(newRolloutHref(lattice, { restore: rollout.id }));
      return;
    }
    setPending(spec);
  };

  return (
    <>
      <PageHeader
        kicker={back}
        title={<>Rollout {rolloutTarget(rollout)}</>}
        description={
          <>
            Started by <strong>{rollout.createdBy}</strong> at {formatTimestamp(rollout.createdAt)}
            {rollout.reason && <> — “{rollout.reason}”</>} · revision {rollout.revision}
            {rollout.restores && (
              <>
                {" "}
                · restores{" "}
                <Link
                  href={rolloutHref(lattice, rollout.restores)}
                  className="text-accent hover:underline"
                >
                  {rollout.restores.slice(-8)}
                </Link>
              </>
            )}
          </>
        }
        aside={
          <div
            role="status"
            aria-live="polite"
            aria-label="Rollout state"
            className="flex items-center gap-2 text-sm"
          >
            <RolloutStateBadge state={rollout.state} />
          </div>
        }
      />
      {rollout.message && (
        <p
          aria-live="polite"
          className="border-border bg-panel mb-3 rounded-md border px-3 py-2 text-sm"
        >
          {rollout.message}
        </p>
      )}
      <div className="mb-4 flex flex-wrap items-center gap-2">
        {actionsFor(rollout.state).map((spec) => (
          <button
            key={spec.action}
            type="button"
            className={
              spec.isDestructive
                ? BUTTON.danger
                : spec.action === "approve"
                  ? BUTTON.primary
                  : BUTTON.secondary
            }
            disabled={act.isPending}
            onClick={() => choose(spec)}
          >
            {spec.label}
          </button>
        ))}
        {workloads.map((w) => (
          <Link
            key={`${w.kind}:${w.id}`}
            href={revisionsHref(lattice, w.kind, w.id)}
            className="text-accent ml-2 text-sm hover:underline"
          >
            Revision history of {w.id}
          </Link>
        ))}
        <p aria-live="polite" className="text-failed text-sm">
          {actionError}
        </p>
      </div>
      {gate && (
        <p className="border-progressing/30 bg-progressing-soft mb-4 rounded-md border px-3 py-2 text-sm">
          Waiting on <span className="font-mono">{gate.step}</span> on{" "}
          <span className="font-mono">{hostName(gate.hostId)}</span>: deadline in{" "}
          <span className="tabular-nums">{formatCountdown(gate.deadline - now)}</span>
        </p>
      )}
      {rollout.latticeSteps.length > 0 && (
        <section aria-labelledby="lattice-steps-heading" className="mb-4">
          <h2 id="lattice-steps-heading" className="mb-2 text-sm font-semibold">
            Lattice-wide steps
          </h2>
          <ul className="border-border bg-panel rounded-md border p-3 text-sm">
            {rollout.latticeSteps.map((s) => (
              <li key={`${s.kind}:${s.id}`}>
                <span className="font-mono">
                  {s.kind} {s.id}
                </span>{" "}
                <span className="text-muted">{s.state}</span>
                {s.error && <span className="text-failed"> — {s.error}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="grid gap-5 xl:grid-cols-2">
        <section aria-labelledby="waves-heading" className="min-w-0">
          <h2 id="waves-heading" className="mb-2 text-sm font-semibold">
            Waves
          </h2>
          <RolloutWaves rollout={rollout} etas={etas} now={now} hostName={hostName} />
        </section>
        <section aria-labelledby="grid-heading" className="min-w-0">
          <h2 id="grid-heading" className="mb-2 text-sm font-semibold">
            Versions by host
          </h2>
          <VersionGrid
            rollout={rollout}
            hostName={hostName}
            runningRefs={runningRefs}
            counts={gridCounts(rollout)}
          />
        </section>
      </div>
      <section aria-labelledby="log-heading" className="mt-5">
        <h2 id="log-heading" className="mb-2 text-sm font-semibold">
          Event log
        </h2>
        {log.isPending ? (
          <LoadingState label="Loading the log…" />
        ) : log.isError ? (
          <ErrorState
            title="Could not load the log"
            message={log.error instanceof Error ? log.error.message : "Unexpected error"}
          />
        ) : log.data.entries.length === 0 ? (
          <EmptyState title="Nothing logged yet" />
        ) : (
          <RolloutLog entries={log.data.entries} hostName={hostName} />
        )}
      </section>
      <ConfirmDialog
        open={pending !== null}
        title={pending ? `${pending.label}?` : ""}
        isDestructive={pending?.isDestructive}
        isPending={act.isPending}
        onConfirm={() => pending && run(pending)}
        onCancel={() => setPending(null)}
      >
        {pending?.confirm}
      </ConfirmDialog>
    </>
  );
}
