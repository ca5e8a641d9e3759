import { plural } from "@/lib/format";
import type { ApiLink } from "@/lib/schemas/lattice-data";
import type { ConfigRow, SpecField, SpecForm } from "@/lib/spec-form";
import { BUTTON } from "./button-styles";
import { INPUT, NumberField, SelectField, TextField, type SelectOption } from "./form-field";
import { LinkEditRows } from "./link-edit-rows";

export type TargetOption = SelectOption<string>;

const METHODS: readonly SelectOption<SpecForm["method"]>[] = [
  { value: "update", label: "Hot swap (update)" },
  { value: "replace", label: "Replace (scale to 0, then up)" },
];

const STRATEGIES: readonly SelectOption<SpecForm["strategy"]>[] = [
  { value: "rolling", label: "Rolling" },
  { value: "canary", label: "Canary" },
  { value: "all-at-once", label: "All at once" },
];

const APPROVALS: readonly SelectOption<SpecForm["approval"]>[] = [
  { value: "none", label: "None" },
  { value: "after-canary", label: "After canary" },
  { value: "every-wave", label: "Every wave" },
];

const ON_FAILURE: readonly SelectOption<SpecForm["onFailure"]>[] = [
  { value: "rollback", label: "Roll back" },
  { value: "pause", label: "Pause" },
];

const IN_PLACE: SelectOption<SpecForm["configMode"]> = {
  value: "in-place",
  label: "In place, all hosts at once",
};
const STAGED: SelectOption<SpecForm["configMode"]> = {
  value: "staged",
  label: "Staged, under a new name",
};

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
  /** A field's value and setter, for a field that changes only itself. */
  const bind = <K extends keyof SpecForm>(key: K) => ({
    value: value[key],
    onChange: (v: SpecForm[K]) => set(key, v),
  });
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
          <SelectField
            id="rollout-target"
            label="Target"
            errors={errors.target}
            className="sm:col-span-2"
            options={[{ value: "", label: "Choose a component or provider" }, ...targets]}
            value={value.target}
            onChange={(target) => onChange({ ...value, target, image: "" })}
          />
        )}
        <TextField
          id="rollout-image"
          label="Image"
          errors={errors.image}
          className="sm:col-span-2"
          hint="A version seen in the lattice, or any image reference"
          mono
          suggestions={imageOptions}
          placeholder="ghcr.io/acme/app:1.2.3"
          {...bind("image")}
        />
        {isComponent && (
          <>
            <NumberField
              id="rollout-instances"
              label="Instances"
              errors={errors.instances}
              hint="Optional: also rescale"
              min={1}
              {...bind("instances")}
            />
            <SelectField
              id="rollout-method"
              label="Method"
              className="sm:col-span-2"
              unchecked
              options={METHODS}
              {...bind("method")}
            />
          </>
        )}
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold">Config</legend>
        <SelectField
          id="rollout-config"
          label="Config to edit"
          className="sm:col-span-2"
          errors={errors.config}
          options={[
            { value: "", label: "No config edit" },
            ...configNames.map((n) => ({ value: n, label: n })),
          ]}
          value={value.configName}
          onChange={(configName) => onChange({ ...value, configName, configRows: [] })}
        />
        {value.configName !== "" && (
          <>
            <SelectField
              id="rollout-config-mode"
              label="Config change"
              className="sm:col-span-2"
              unchecked
              options={isComponent ? [IN_PLACE, STAGED] : [IN_PLACE]}
              {...bind("configMode")}
            />
            {value.configMode === "staged" && (
              <TextField
                id="rollout-config-staged"
                label="New config name"
                className="sm:col-span-2"
                unchecked
                mono
                {...bind("stagedName")}
              />
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
        <TextField
          id="rollout-host-labels"
          label="Host labels"
          className="sm:col-span-2"
          errors={errors.hostLabels}
          hint={
            <span aria-live="polite">
              {plural(matchingHostCount, "matching host")} run this target
            </span>
          }
          mono
          placeholder="zone=a (empty: every host)"
          {...bind("hostLabels")}
        />
        <SelectField
          id="rollout-strategy"
          label="Strategy"
          errors={errors.strategy}
          options={STRATEGIES}
          value={value.strategy}
          onChange={(strategy) =>
            onChange({
              ...value,
              strategy,
              // "After canary" means nothing without a canary wave.
              approval:
                strategy !== "canary" && value.approval === "after-canary"
                  ? "none"
                  : value.approval,
            })
          }
        />
        <NumberField
          id="rollout-max-unavailable"
          label="Max unavailable"
          errors={errors.maxUnavailable}
          min={1}
          {...bind("maxUnavailable")}
        />
        {value.strategy === "canary" && (
          <NumberField
            id="rollout-canary-hosts"
            label="Canary hosts"
            errors={errors.canaryHosts}
            min={1}
            {...bind("canaryHosts")}
          />
        )}
        <TextField
          id="rollout-order"
          label="Wave order by label"
          errors={errors.order}
          hint="Label keys, e.g. zone"
          mono
          {...bind("order")}
        />
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold">Gates and safety</legend>
        <NumberField
          id="rollout-deadline"
          label="Progress deadline (seconds)"
          errors={errors.progressDeadline}
          min={1}
          {...bind("progressDeadline")}
        />
        <NumberField
          id="rollout-bake"
          label="Bake time (seconds)"
          errors={errors.bake}
          min={0}
          {...bind("bake")}
        />
        <SelectField
          id="rollout-approval"
          label="Approval"
          errors={errors.approval}
          options={APPROVALS}
          {...bind("approval")}
        />
        <SelectField
          id="rollout-on-failure"
          label="On failure"
          errors={errors.onFailure}
          options={ON_FAILURE}
          {...bind("onFailure")}
        />
        <TextField
          id="rollout-reason"
          label="Reason"
          errors={errors.reason}
          className="sm:col-span-2 lg:col-span-4"
          maxLength={500}
          placeholder="Why this change"
          {...bind("reason")}
        />
      </fieldset>
      <button type="submit" className={BUTTON.primary} disabled={isPending}>
        {isPending ? "Planning…" : "Preview plan"}
      </button>
    </form>
  );
}
