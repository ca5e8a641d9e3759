import { plural } from "@/lib/format";
import type { ApiLink } from "@/lib/schemas/lattice-data";
import type { ConfigRow, SpecField, SpecForm } from "@/lib/spec-form";
import { BUTTON } from "./button-styles";
import { Field, INPUT, a11y } from "./form-field";
import { LinkEditRows } from "./link-edit-rows";

export interface TargetOption {
  value: string;
  label: string;
}

/**
 * The New rollout form, controlled: the parent holds `value` and the server's field issues.
 * With `targets` the target is chosen here ("Target"); otherwise the caller fixed it.
 */
export function RolloutForm({
  value,
  onChange,
  errors,
  targets,
  imageOptions,
  configNames,
  currentConfig,
  matchingHostCount,
  workloadIds,
  existingLinks,
  isPending,
  onSubmit,
}: {
  value: SpecForm;
  onChange: (next: SpecForm) => void;
  errors: Partial<Record<SpecField, string[]>>;
  targets?: TargetOption[];
  imageOptions: string[];
  configNames: string[];
  /** The chosen config's current values (CONFIGDATA), shown above the edit rows. */
  currentConfig: Record<string, string> | null;
  matchingHostCount: number;
  /** Ids offered as link sources and targets. */
  workloadIds: string[];
  /** The lattice's links, to start a link edit from. */
  existingLinks: ApiLink[];
  isPending: boolean;
  onSubmit: () => void;
}) {
  const set = <K extends keyof SpecForm>(key: K, v: SpecForm[K]) =>
    onChange({ ...value, [key]: v });
  const setRow = (i: number, row: ConfigRow) =>
    set(
      "configRows",
      value.configRows.map((r, j) => (j === i ? row : r)),
    );
  const isComponent = value.target.startsWith("component:");
  return (
    <form
      aria-label="New rollout"
      // The server validates (and names each field); the browser's own checks would hide that.
      noValidate
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <p aria-live="polite" className="text-failed text-sm empty:hidden">
        {errors.form?.join("; ")}
      </p>
      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold">What changes</legend>
        {targets && (
          <Field
            id="rollout-target"
            label="Target"
            errors={errors.target}
            className="sm:col-span-2"
          >
            <select
              {...a11y("rollout-target", errors.target)}
              className={INPUT}
              value={value.target}
              onChange={(e) => onChange({ ...value, target: e.target.value, image: "" })}
            >
              <option value="">Choose a component or provider</option>
              {targets.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field
          id="rollout-image"
          label="Image"
          errors={errors.image}
          className="sm:col-span-2"
          hint="A version seen in the lattice, or any image reference"
        >
          <input
            {...a11y("rollout-image", errors.image, true)}
            className={`${INPUT} font-mono`}
            list="rollout-image-options"
            placeholder="ghcr.io/acme/app:1.2.3"
            value={value.image}
            onChange={(e) => set("image", e.target.value)}
          />
          <datalist id="rollout-image-options">
            {imageOptions.map((ref) => (
              <option key={ref} value={ref} />
            ))}
          </datalist>
        </Field>
        {isComponent && (
          <>
            <Field
              id="rollout-instances"
              label="Instances"
              errors={errors.instances}
              hint="Optional: also rescale"
            >
              <input
                {...a11y("rollout-instances", errors.instances, true)}
                className={INPUT}
                type="number"
                min={1}
                value={value.instances}
                onChange={(e) => set("instances", e.target.value)}
              />
            </Field>
            <Field id="rollout-method" label="Method">
              <select
                id="rollout-method"
                className={INPUT}
                value={value.method}
                onChange={(e) => set("method", e.target.value === "replace" ? "replace" : "update")}
              >
                <option value="update">Hot swap (update)</option>
                <option value="replace">Replace (scale to 0, then up)</option>
              </select>
            </Field>
          </>
        )}
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold">Config</legend>
        <Field id="rollout-config" label="Config to edit" errors={errors.config}>
          <select
            {...a11y("rollout-config", errors.config)}
            className={INPUT}
            value={value.configName}
            onChange={(e) => onChange({ ...value, configName: e.target.value, configRows: [] })}
          >
            <option value="">No config edit</option>
            {configNames.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        {value.configName !== "" && (
          <>
            <Field id="rollout-config-mode" label="Config change">
              <select
                id="rollout-config-mode"
                className={INPUT}
                value={value.configMode}
                onChange={(e) =>
                  set("configMode", e.target.value === "staged" ? "staged" : "in-place")
                }
              >
                <option value="in-place">In place, all hosts at once</option>
                {isComponent && <option value="staged">Staged, under a new name</option>}
              </select>
            </Field>
            {value.configMode === "staged" && (
              <Field id="rollout-config-staged" label="New config name">
                <input
                  id="rollout-config-staged"
                  className={`${INPUT} font-mono`}
                  value={value.stagedName}
                  onChange={(e) => set("stagedName", e.target.value)}
                />
              </Field>
            )}
            <div className="sm:col-span-2 lg:col-span-4">
              {currentConfig && (
                <p className="text-muted mb-1 font-mono text-xs">
                  Now:{" "}
                  {Object.entries(currentConfig)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(", ") || "(empty)"}
                </p>
              )}
              <ul aria-label="New config values" className="space-y-1">
                {value.configRows.map((row, i) => (
                  <li key={i} className="flex gap-2">
                    <input
                      aria-label={`Key ${i + 1}`}
                      className={`${INPUT} w-48 font-mono`}
                      value={row.key}
                      onChange={(e) => setRow(i, { ...row, key: e.target.value })}
                    />
                    <input
                      aria-label={`Value ${i + 1}`}
                      className={`${INPUT} w-72 font-mono`}
                      value={row.value}
                      onChange={(e) => setRow(i, { ...row, value: e.target.value })}
                    />
                    <button
                      type="button"
                      className={BUTTON.small}
                      onClick={() =>
                        set(
                          "configRows",
                          value.configRows.filter((_, j) => j !== i),
                        )
                      }
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
              <div className="mt-1 flex gap-2">
                <button
                  type="button"
                  className={BUTTON.small}
                  onClick={() => set("configRows", [...value.configRows, { key: "", value: "" }])}
                >
                  Add value
                </button>
                {currentConfig && (
                  <button
                    type="button"
                    className={BUTTON.small}
                    onClick={() =>
                      set(
                        "configRows",
                        Object.entries(currentConfig).map(([key, v]) => ({ key, value: v })),
                      )
                    }
                  >
                    Start from current values
                  </button>
                )}
              </div>
            </div>
          </>
        )}
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold">Links</legend>
        <LinkEditRows
          rows={value.linkRows}
          onChange={(rows) => set("linkRows", rows)}
          errors={errors}
          workloadIds={workloadIds}
          existingLinks={existingLinks}
        />
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold">Where and how</legend>
        <Field
          id="rollout-host-labels"
          label="Host labels"
          errors={errors.hostLabels}
          hint={
            <span aria-live="polite">
              {plural(matchingHostCount, "matching host")} run this target
            </span>
          }
        >
          <input
            {...a11y("rollout-host-labels", errors.hostLabels, true)}
            className={`${INPUT} font-mono`}
            placeholder="zone=a (empty: every host)"
            value={value.hostLabels}
            onChange={(e) => set("hostLabels", e.target.value)}
          />
        </Field>
        <Field id="rollout-strategy" label="Strategy" errors={errors.strategy}>
          <select
            {...a11y("rollout-strategy", errors.strategy)}
            className={INPUT}
            value={value.strategy}
            onChange={(e) => {
              const v = e.target.value;
              const strategy = v === "canary" || v === "all-at-once" ? v : "rolling";
              onChange({
                ...value,
                strategy,
                approval:
                  strategy !== "canary" && value.approval === "after-canary"
                    ? "none"
                    : value.approval,
              });
            }}
          >
            <option value="rolling">Rolling</option>
            <option value="canary">Canary</option>
            <option value="all-at-once">All at once</option>
          </select>
        </Field>
        <Field id="rollout-max-unavailable" label="Max unavailable" errors={errors.maxUnavailable}>
          <input
            {...a11y("rollout-max-unavailable", errors.maxUnavailable)}
            className={INPUT}
            type="number"
            min={1}
            value={value.maxUnavailable}
            onChange={(e) => set("maxUnavailable", e.target.value)}
          />
        </Field>
        {value.strategy === "canary" && (
          <Field id="rollout-canary-hosts" label="Canary hosts" errors={errors.canaryHosts}>
            <input
              {...a11y("rollout-canary-hosts", errors.canaryHosts)}
              className={INPUT}
              type="number"
              min={1}
              value={value.canaryHosts}
              onChange={(e) => set("canaryHosts", e.target.value)}
            />
          </Field>
        )}
        <Field
          id="rollout-order"
          label="Wave order by label"
          errors={errors.order}
          hint="Label keys, e.g. zone"
        >
          <input
            {...a11y("rollout-order", errors.order, true)}
            className={`${INPUT} font-mono`}
            value={value.order}
            onChange={(e) => set("order", e.target.value)}
          />
        </Field>
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold">Gates and safety</legend>
        <Field
          id="rollout-deadline"
          label="Progress deadline (seconds)"
          errors={errors.progressDeadline}
        >
          <input
            {...a11y("rollout-deadline", errors.progressDeadline)}
            className={INPUT}
            type="number"
            min={1}
            value={value.progressDeadline}
            onChange={(e) => set("progressDeadline", e.target.value)}
          />
        </Field>
        <Field id="rollout-bake" label="Bake time (seconds)" errors={errors.bake}>
          <input
            {...a11y("rollout-bake", errors.bake)}
            className={INPUT}
            type="number"
            min={0}
            value={value.bake}
            onChange={(e) => set("bake", e.target.value)}
          />
        </Field>
        <Field id="rollout-approval" label="Approval" errors={errors.approval}>
          <select
            {...a11y("rollout-approval", errors.approval)}
            className={INPUT}
            value={value.approval}
            onChange={(e) => {
              const v = e.target.value;
              set("approval", v === "after-canary" || v === "every-wave" ? v : "none");
            }}
          >
            <option value="none">None</option>
            <option value="after-canary">After canary</option>
            <option value="every-wave">Every wave</option>
          </select>
        </Field>
        <Field id="rollout-on-failure" label="On failure" errors={errors.onFailure}>
          <select
            {...a11y("rollout-on-failure", errors.onFailure)}
            className={INPUT}
            value={value.onFailure}
            onChange={(e) => set("onFailure", e.target.value === "pause" ? "pause" : "rollback")}
          >
            <option value="rollback">Roll back</option>
            <option value="pause">Pause</option>
          </select>
        </Field>
        <Field
          id="rollout-reason"
          label="Reason"
          errors={errors.reason}
          className="sm:col-span-2 lg:col-span-4"
        >
          <input
            {...a11y("rollout-reason", errors.reason)}
            className={INPUT}
            maxLength={500}
            placeholder="Why this change"
            value={value.reason}
            onChange={(e) => set("reason", e.target.value)}
          />
        </Field>
      </fieldset>
      <button type="submit" className={BUTTON.primary} disabled={isPending}>
        {isPending ? "Planning…" : "Preview plan"}
      </button>
    </form>
  );
}
