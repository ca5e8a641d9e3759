import { plural } from "@/lib/format";
import {
  groupHostChanges,
  hostNamer,
  latticeStepLines,
  type FieldDiff,
  type PlanDrift,
} from "@/lib/plan-view";
import type { Plan } from "@/lib/schemas/rollout";
import { StatusBadge } from "./status-badge";
import { StatusIcon } from "./status-icon";

const CHANGED = "ring-2 ring-warning bg-warning-soft";

function Diff({ diff }: { diff: FieldDiff }) {
  return (
    <span className="font-mono text-xs">
      <span className="text-muted">{diff.field} </span>
      <del className="text-failed decoration-failed/50">{diff.before ?? "—"}</del>
      <span aria-hidden="true" className="text-muted">
        {" → "}
      </span>
      <span className="sr-only"> to </span>
      <ins className="text-ok no-underline">{diff.after ?? "—"}</ins>
    </span>
  );
}

/** Marks what differs from the plan reviewed before a drift: in words, not colour alone. */
function ChangedTag() {
  return <StatusBadge tone="warning">Changed since your review</StatusBadge>;
}

function Section({
  id,
  title,
  isChanged = false,
  children,
}: {
  id: string;
  title: string;
  isChanged?: boolean;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="border-border bg-panel rounded-md border p-3">
      <h3 id={id} className="mb-2 flex items-center gap-2 text-sm font-semibold">
        {title}
        {isChanged && <ChangedTag />}
      </h3>
      {children}
    </section>
  );
}

/**
 * The plan before anything runs: grouped per-host diffs, lattice-wide steps, waves, skipped
 * hosts, warnings and errors, and the blast radius. `drift` marks what changed since the
 * plan the operator reviewed before (a 409 on start).
 */
export function PlanPreview({
  plan,
  drift,
  hostNames,
}: {
  plan: Plan;
  drift?: PlanDrift | null;
  /** Friendly names of the lattice's hosts, for hosts the plan does not name (skipped ones). */
  hostNames?: ReadonlyMap<string, string>;
}) {
  const groups = groupHostChanges(plan);
  const name = hostNamer(plan, hostNames);
  const mark = (changed: boolean) => (drift && changed ? CHANGED : "");
  return (
    <div className="space-y-3">
      <p className="text-sm" aria-live="polite">
        <strong>{plural(plan.summary.hosts, "host")}</strong> in{" "}
        <strong>{plural(plan.summary.waves, "wave")}</strong>
        {plan.summary.skipped > 0 && <>, {plural(plan.summary.skipped, "host")} skipped</>}
        {plan.lattice.length > 0 && <>, {plural(plan.lattice.length, "lattice-wide step")}</>}
        <span className="text-muted font-mono text-xs"> · plan {plan.hash.slice(0, 12)}</span>
      </p>
      {plan.errors.length > 0 && (
        <div role="alert" className="border-failed/30 bg-failed-soft rounded-md border p-3 text-sm">
          <p className="text-failed flex items-center gap-1.5 font-medium">
            <StatusIcon tone="failed" /> This plan cannot start
          </p>
          <ul className="mt-1 list-disc pl-5">
            {plan.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {plan.warnings.length > 0 && (
        <Section id="plan-warnings" title="Warnings">
          <ul className="space-y-1 text-sm">
            {plan.warnings.map((w) => (
              <li key={w} className="flex gap-1.5">
                <StatusIcon tone="warning" className="text-warning mt-0.5" />
                {w}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {plan.lattice.length > 0 && (
        <Section
          id="plan-lattice"
          title="Lattice-wide steps"
          isChanged={Boolean(drift?.latticeChanged)}
        >
          <ul className={`space-y-2 rounded text-sm ${mark(drift?.latticeChanged ?? false)}`}>
            {plan.lattice.map((step) => (
              <li key={`${step.kind}:${step.id}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-mono font-medium">
                    {step.kind} {step.id}
                  </span>
                  {step.kind === "config" && (
                    <span className="text-muted text-xs">{step.mode}</span>
                  )}
                  <span className="bg-warning-soft text-warning rounded px-1.5 text-xs font-medium">
                    takes effect on every host at once
                  </span>
                </div>
                <ul className="mt-1 pl-3">
                  {latticeStepLines(step).map((d, i) => (
                    <li key={i}>
                      <Diff diff={d} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section id="plan-hosts" title="Changes per host">
        {groups.length === 0 ? (
          <p className="text-muted text-sm">No host changes.</p>
        ) : (
          <ul aria-label="Host changes, grouped" className="divide-border divide-y text-sm">
            {groups.map((g) => (
              <li key={g.key} className={`rounded py-2 ${mark(drift?.groups.has(g.key) ?? false)}`}>
                <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
                  {drift?.groups.has(g.key) && <ChangedTag />}
                  <span className="bg-surface border-border rounded border px-1.5 text-xs font-semibold tabular-nums">
                    {plural(g.hostIds.length, "host")}
                  </span>
                  {g.lines.map((line) => (
                    <span key={`${line.kind}:${line.id}`} className="flex flex-wrap gap-x-3">
                      <span className="font-mono font-medium">
                        {line.kind} {line.id}
                        <span className="text-muted font-normal"> ({line.method})</span>
                      </span>
                      {line.fields.map((f) => (
                        <Diff key={f.field} diff={f} />
                      ))}
                    </span>
                  ))}
                </div>
                <details className="mt-1">
                  <summary className="text-accent cursor-pointer text-xs">
                    Show the {plural(g.hostIds.length, "host")}
                  </summary>
                  <ul className="text-muted mt-1 flex flex-wrap gap-x-3 font-mono text-xs">
                    {g.hostIds.map((id) => (
                      <li
                        key={id}
                        className={drift?.hosts.has(id) ? "text-warning font-semibold" : ""}
                      >
                        {name(id)}
                        {drift?.hosts.has(id) && <span className="sr-only"> (changed)</span>}
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="plan-waves" title="Waves" isChanged={Boolean(drift?.wavesChanged)}>
        {plan.waves.length === 0 ? (
          <p className="text-muted text-sm">No waves: no host changes.</p>
        ) : (
          <ol
            aria-label="Waves in order"
            className={`space-y-1 rounded text-sm ${mark(drift?.wavesChanged ?? false)}`}
          >
            {plan.waves.map((wave, i) => (
              <li key={i} className="flex gap-2">
                <span className="w-16 shrink-0 font-medium">Wave {i + 1}</span>
                <span className="font-mono text-xs leading-5">
                  {wave.map((id) => (
                    <span
                      key={id}
                      className={`mr-2 inline-block ${drift?.hosts.has(id) ? "text-warning font-semibold" : ""}`}
                    >
                      {name(id)}
                      {drift?.hosts.has(id) && <span className="sr-only"> (changed)</span>}
                    </span>
                  ))}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Section>
      {plan.skipped.length > 0 && (
        <Section id="plan-skipped" title="Skipped hosts" isChanged={Boolean(drift?.skippedChanged)}>
          <ul className={`space-y-1 rounded text-sm ${mark(drift?.skippedChanged ?? false)}`}>
            {plan.skipped.map((s) => (
              <li key={s.hostId}>
                <span className="font-mono text-xs">{name(s.hostId)}</span>
                <span className="text-muted"> — {s.reason}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section id="plan-blast" title="Blast radius">
        {plan.blastRadius.length === 0 ? (
          <p className="text-muted text-sm">Nothing else is linked to what changes.</p>
        ) : (
          <ul aria-label="Blast radius" className="space-y-1 text-sm">
            {plan.blastRadius.map((b) => (
              <li key={`${b.kind}:${b.id}`} className="flex flex-wrap gap-x-2">
                <span className="font-mono font-medium">
                  {b.kind} {b.id}
                </span>
                <span className="text-muted">on {plural(b.hostIds.length, "host")}</span>
                <span className="text-muted font-mono text-xs">via {b.via.join("; ")}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
