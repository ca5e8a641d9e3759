import { linkKey } from "@/lib/link-view";
import type { ApiLink } from "@/lib/schemas/lattice-data";
import {
  emptyLinkRow,
  LINK_FIELDS,
  type LinkField,
  type LinkRow,
  type SpecField,
} from "@/lib/spec-form";
import { BUTTON } from "./button-styles";
import { INPUT, TextField } from "./form-field";

const LABELS: Record<LinkField, string> = {
  sourceId: "source",
  target: "target",
  witNamespace: "namespace",
  witPackage: "package",
  interfaces: "interfaces",
  name: "name",
};

const PLACEHOLDERS: Record<LinkField, string> = {
  sourceId: "http-api",
  target: "kv-redis",
  witNamespace: "wasi",
  witPackage: "keyvalue",
  interfaces: "store, atomics",
  name: "default",
};

/** An existing link as an editable row, so it can be changed or deleted by its key. */
function rowOf(link: ApiLink, isDelete: boolean): LinkRow {
  return {
    sourceId: link.sourceId,
    target: link.target,
    witNamespace: link.witNamespace,
    witPackage: link.witPackage,
    interfaces: link.interfaces.join(", "),
    name: link.name,
    isDelete,
    sourceConfig: link.sourceConfig,
    targetConfig: link.targetConfig,
  };
}

/**
 * Link edits of a rollout: each row puts a link (or removes the one with its key). Links are
 * lattice-wide (protocol §6.1), which the preview shows apart from the per-host steps.
 */
export function LinkEditRows({
  rows,
  onChange,
  errors,
  workloadIds,
  existingLinks,
}: {
  rows: LinkRow[];
  onChange: (rows: LinkRow[]) => void;
  errors: Partial<Record<SpecField, string[]>>;
  /** Offered as sources and targets (any id can be typed). */
  workloadIds: string[];
  existingLinks: ApiLink[];
}) {
  const setRow = (i: number, row: LinkRow) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <div className="sm:col-span-2 lg:col-span-4">
      <datalist id="link-workload-ids">
        {workloadIds.map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
      {rows.length === 0 ? (
        <p className="text-muted text-xs">No link edits.</p>
      ) : (
        <ul aria-label="Link edits" className="space-y-2">
          {rows.map((row, i) => {
            const n = i + 1;
            const rowErrors = errors[`link-${i}-row`];
            return (
              <li key={i} className="border-border rounded border p-2">
                <fieldset>
                  <legend className="sr-only">Link {n}</legend>
                  <div className="grid gap-2 sm:grid-cols-3">
                    {LINK_FIELDS.map((field) => (
                      <TextField
                        key={field}
                        id={`link-${i}-${field}`}
                        errors={errors[`link-${i}-${field}`]}
                        label={
                          <>
                            <span className="sr-only">Link {n} </span>
                            {LABELS[field]}
                          </>
                        }
                        mono
                        placeholder={PLACEHOLDERS[field]}
                        list={
                          field === "sourceId" || field === "target"
                            ? "link-workload-ids"
                            : undefined
                        }
                        value={row[field]}
                        onChange={(v) => setRow(i, { ...row, [field]: v })}
                      />
                    ))}
                  </div>
                  <div className="mt-2 flex items-center gap-3">
                    <label className="flex items-center gap-1.5 text-xs">
                      <input
                        type="checkbox"
                        checked={row.isDelete}
                        onChange={(e) => setRow(i, { ...row, isDelete: e.target.checked })}
                      />
                      <span className="sr-only">Link {n} </span>delete
                    </label>
                    <button
                      type="button"
                      className={BUTTON.small}
                      aria-label={`Remove link ${n}`}
                      onClick={() => onChange(rows.filter((_, j) => j !== i))}
                    >
                      Remove
                    </button>
                    <p aria-live="polite" className="text-failed text-xs empty:hidden">
                      {rowErrors?.join("; ")}
                    </p>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ul>
      )}
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <button
          type="button"
          className={BUTTON.small}
          onClick={() => onChange([...rows, emptyLinkRow()])}
        >
          Add link
        </button>
        {existingLinks.length > 0 && (
          <label className="text-muted flex items-center gap-1.5 text-xs">
            Edit an existing link
            <select
              className={`${INPUT} h-6 w-auto font-mono text-xs`}
              value=""
              onChange={(e) => {
                const link = existingLinks.find((l) => linkKey(l) === e.target.value);
                if (link) onChange([...rows, rowOf(link, false)]);
              }}
            >
              <option value="">choose…</option>
              {existingLinks.map((l) => (
                <option key={linkKey(l)} value={linkKey(l)}>
                  {linkKey(l)} → {l.target}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
    </div>
  );
}
