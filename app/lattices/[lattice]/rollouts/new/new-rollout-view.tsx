"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { BUTTON } from "@/components/button-styles";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { PageHeader } from "@/components/page-header";
import { PlanPreview } from "@/components/plan-preview";
import { RolloutForm } from "@/components/rollout-form";
import { ErrorState, LoadingState } from "@/components/state-panel";
import type { WorkloadKind } from "@/lib/api-client";
import { plural } from "@/lib/format";
import { useHosts } from "@/lib/hooks/use-lattice-data";
import {
  useConfigs,
  useLinks,
  usePlanMutation,
  useRestoreSpec,
  useRevisions,
  useRolloutAction,
  useStartRollout,
} from "@/lib/hooks/use-rollouts";
import { planDrift, type PlanDrift } from "@/lib/plan-view";
import type { Plan, RolloutSpecInput } from "@/lib/schemas/rollout";
import {
  changeLayout,
  emptyForm,
  type ChangeLayout,
  formToSpec,
  issuesByField,
  matchingHosts,
  parseHostLabels,
  parseTarget,
  targetValue,
  type SpecField,
} from "@/lib/spec-form";
import { summarizeWorkloads } from "@/lib/workload-summary";
import { revisionsHref, rolloutHref, rolloutsHref } from "../../hrefs";

export type NewRolloutSource =
  | { kind: "form"; target: { kind: WorkloadKind; id: string } | null }
  /** "Roll back to this revision": that revision's target with the default strategy. */
  | { kind: "revision"; target: { kind: WorkloadKind; id: string }; revision: number }
  /** Rolling back a succeeded rollout: its restore-spec, started by its `rollback` action. */
  | { kind: "restore"; rolloutId: string };

interface Preview {
  spec: RolloutSpecInput;
  plan: Plan;
  /** Set when the plan replaced one the operator had reviewed (409 on start). */
  drift: PlanDrift | null;
}

/** New rollout: the form (or a restoring spec), the plan preview, and the start with its confirm. */
export function NewRolloutView({ lattice, source }: { lattice: string; source: NewRolloutSource }) {
  const router = useRouter();
  const hosts = useHosts(lattice);
  const configs = useConfigs(lattice);
  const links = useLinks(lattice);
  const planner = usePlanMutation(lattice);
  const starter = useStartRollout(lattice);
  const restorer = useRolloutAction(lattice, source.kind === "restore" ? source.rolloutId : "");
  const fixed = source.kind === "form" ? source.target : null;
  const [form, setForm] = useState(() => emptyForm(fixed ? targetValue(fixed.kind, fixed.id) : ""));
  const [errors, setErrors] = useState<Partial<Record<SpecField, string[]>>>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  const workloads = useMemo(() => summarizeWorkloads(hosts.data?.hosts ?? []), [hosts.data]);
  const hostNames = useMemo(
    () => new Map((hosts.data?.hosts ?? []).map((h) => [h.id, h.friendlyName])),
    [hosts.data],
  );
  const target = parseTarget(form.target);
  const imageOptions = useMemo(() => {
    const w = workloads.find((x) => x.kind === target?.kind && x.id === target?.id);
    return w ? w.versions.flatMap((v) => v.imageRefs) : [];
  }, [workloads, target?.kind, target?.id]);
  const matching = matchingHosts(hosts.data?.hosts ?? [], target, parseHostLabels(form.hostLabels));
  const plainConfigs = (configs.data?.configs ?? []).flatMap((c) => ("values" in c ? [c] : []));
  const currentConfig = plainConfigs.find((c) => c.name === form.configName)?.values ?? null;

  const plan = (spec: RolloutSpecInput, layout: ChangeLayout) => {
    setStartError(null);
    planner.mutate(spec, {
      onSuccess: (outcome) => {
        if (outcome.kind === "invalid") {
          setErrors(issuesByField(outcome.issues, layout));
          return;
        }
        setErrors({});
        setPreview({ spec, plan: outcome.plan, drift: null });
      },
    });
  };

  // A revision or a restore is previewed at once: there is nothing to fill in.
  const revisions = useRevisions(
    lattice,
    source.kind === "revision" ? source.target.kind : "component",
    source.kind === "revision" ? source.target.id : "",
  );
  const restoreSpec = useRestoreSpec(lattice, source.kind === "restore" ? source.rolloutId : null);
  const autoSpec: RolloutSpecInput | null | undefined = useMemo(() => {
    if (source.kind === "restore") return restoreSpec.data;
    if (source.kind !== "revision") return null;
    const revision = revisions.data?.revisions.find((r) => r.revision === source.revision);
    if (!revision) return undefined;
    return {
      changes: revision.target,
      reason: `roll back ${source.target.id} to revision ${source.revision}`,
    };
  }, [source, restoreSpec.data, revisions.data]);
  const planned = useRef(false);
  const planAuto = planner.mutate;
  useEffect(() => {
    if (!autoSpec || planned.current) return;
    planned.current = true;
    planAuto(autoSpec, {
      onSuccess: (outcome) => {
        if (outcome.kind === "plan")
          setPreview({ spec: autoSpec, plan: outcome.plan, drift: null });
        else setErrors(issuesByField(outcome.issues));
      },
    });
  }, [autoSpec, planAuto]);

  const onDrift = (next: Plan) => {
    setPreview((p) => p && { spec: p.spec, plan: next, drift: planDrift(p.plan, next) });
  };

  const start = () => {
    if (!preview) return;
    setStartError(null);
    const done = () => setConfirming(false);
    if (source.kind === "restore") {
      restorer.mutate(
        { action: "rollback" },
        {
          onSuccess: (outcome) => {
            done();
            if (outcome.kind === "ok") router.push(rolloutHref(lattice, outcome.rollout.id));
            else if (outcome.kind === "drift") onDrift(outcome.plan);
            else setStartError(outcome.error);
          },
          onError: (e) => {
            done();
            setStartError(e.message);
          },
        },
      );
      return;
    }
    starter.mutate(
      { spec: preview.spec, planHash: preview.plan.hash },
      {
        onSuccess: (outcome) => {
          done();
          if (outcome.kind === "created") router.push(rolloutHref(lattice, outcome.rollout.id));
          else if (outcome.kind === "drift") onDrift(outcome.plan);
          else setPreview((p) => p && { ...p, plan: outcome.plan });
        },
        onError: (e) => {
          done();
          setStartError(e.message);
        },
      },
    );
  };

  const title =
    source.kind === "revision"
      ? `Roll back ${source.target.id} to revision ${source.revision}`
      : source.kind === "restore"
        ? `Roll back rollout ${source.rolloutId.slice(-8)}`
        : fixed
          ? `New rollout of ${fixed.id}`
          : "New rollout";
  const back =
    source.kind === "revision" ? (
      <Link
        href={revisionsHref(lattice, source.target.kind, source.target.id)}
        className="text-accent hover:underline"
      >
        ← Revision history
      </Link>
    ) : source.kind === "restore" ? (
      <Link href={rolloutHref(lattice, source.rolloutId)} className="text-accent hover:underline">
        ← The rollout
      </Link>
    ) : (
      <Link href={rolloutsHref(lattice)} className="text-accent hover:underline">
        ← Rollouts
      </Link>
    );
  const isStarting = starter.isPending || restorer.isPending;
  const autoError = source.kind === "restore" ? restoreSpec.error : revisions.error;
  const isAutoMissing = source.kind === "revision" && revisions.isSuccess && autoSpec === undefined;

  return (
    <>
      <PageHeader
        kicker={back}
        title={title}
        description="Nothing runs until you start it: preview the plan first."
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,34rem)_1fr]">
        <section aria-labelledby="spec-heading" className="min-w-0">
          <h2 id="spec-heading" className="sr-only">
            The change
          </h2>
          {source.kind === "form" ? (
            <RolloutForm
              value={form}
              onChange={setForm}
              errors={errors}
              targets={
                fixed
                  ? undefined
                  : workloads.map((w) => ({
                      value: targetValue(w.kind, w.id),
                      label: `${w.kind} ${w.id}`,
                    }))
              }
              imageOptions={imageOptions}
              configNames={plainConfigs.map((c) => c.name)}
              currentConfig={currentConfig}
              matchingHostCount={matching.length}
              workloadIds={[...new Set(workloads.map((w) => w.id))]}
              existingLinks={links.data?.links ?? []}
              isPending={planner.isPending}
              onSubmit={() => plan(formToSpec(form), changeLayout(form))}
            />
          ) : autoError ? (
            <ErrorState
              title="Could not load what to restore"
              message={autoError instanceof Error ? autoError.message : "Unexpected error"}
            />
          ) : isAutoMissing ? (
            <ErrorState title="No such revision" message="It is not in this workload's history." />
          ) : (
            <pre className="border-border bg-panel overflow-x-auto rounded-md border p-3 font-mono text-xs">
              {autoSpec ? JSON.stringify(autoSpec, null, 2) : "Loading the restoring spec…"}
            </pre>
          )}
        </section>
        <section aria-labelledby="preview-heading" className="min-w-0">
          <h2 id="preview-heading" className="mb-2 text-base font-semibold">
            Plan preview
          </h2>
          {planner.isError && <ErrorState title="Could not plan" message={planner.error.message} />}
          {preview === null ? (
            planner.isPending ? (
              <LoadingState label="Planning on the live lattice…" />
            ) : (
              <p className="border-border text-muted rounded-md border border-dashed p-6 text-sm">
                Fill in the change and press Preview plan to see what happens on every host.
              </p>
            )
          ) : (
            <div className="space-y-3">
              {preview.drift && (
                <div
                  role="alert"
                  className="border-warning/40 bg-warning-soft rounded-md border p-3 text-sm"
                >
                  The lattice changed since you reviewed the plan. This is the plan it would run
                  now; what differs is highlighted. Review it, then start again.
                </div>
              )}
              <div className="flex items-center gap-3">
                <button
                  type="button"
                  className={BUTTON.primary}
                  disabled={preview.plan.errors.length > 0 || isStarting}
                  onClick={() => setConfirming(true)}
                >
                  Start rollout
                </button>
                <p aria-live="polite" className="text-failed text-sm">
                  {startError}
                </p>
              </div>
              <PlanPreview plan={preview.plan} drift={preview.drift} hostNames={hostNames} />
            </div>
          )}
        </section>
      </div>
      <ConfirmDialog
        open={isConfirming && preview !== null}
        title="Start this rollout?"
        isPending={isStarting}
        onConfirm={start}
        onCancel={() => setConfirming(false)}
      >
        {preview && (
          <p>
            It changes {plural(preview.plan.summary.hosts, "host")} in{" "}
            {plural(preview.plan.summary.waves, "wave")}
            {preview.plan.lattice.length > 0 &&
              `, after ${plural(preview.plan.lattice.length, "lattice-wide step")} that take effect on every host at once`}
            .
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
