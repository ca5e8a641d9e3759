import type { ReactNode } from "react";

export const INPUT =
  "h-8 w-full rounded border border-border bg-panel px-2 text-sm placeholder:text-muted focus:border-accent focus:outline-2 focus:outline-accent/30 aria-invalid:border-failed";

/** A labelled control with its field errors in a live region right under it. */
export function Field({
  id,
  label,
  errors,
  hint,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  errors?: string[];
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="text-muted mb-1 block text-xs font-medium">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-muted mt-0.5 text-xs">
          {hint}
        </p>
      )}
      <p id={`${id}-error`} aria-live="polite" className="text-failed mt-0.5 text-xs empty:hidden">
        {errors?.join("; ")}
      </p>
    </div>
  );
}

export function a11y(id: string, errors?: string[], hasHint = false) {
  return {
    id,
    "aria-invalid": errors && errors.length > 0 ? true : undefined,
    "aria-describedby": `${hasHint ? `${id}-hint ` : ""}${id}-error`,
  };
}

/** What every field piece takes besides its value: the `Field` around the control. */
interface FieldProps {
  id: string;
  label: ReactNode;
  /** The server's issues for this field; the control is described by them (and the hint). */
  errors?: string[];
  hint?: ReactNode;
  className?: string;
  /**
   * For a field the server never names in an issue (not a `SpecField`): the control carries
   * only its id, not tied to the error region that stays empty.
   */
  unchecked?: boolean;
}

/** The `Field` props apart, and the control's id and aria wiring. */
function split({ unchecked, ...shell }: FieldProps) {
  const control = unchecked
    ? { id: shell.id }
    : a11y(shell.id, shell.errors, shell.hint !== undefined);
  return { shell, control };
}

/** A one-line text field; `suggestions` become its datalist, `list` names a shared one. */
export function TextField({
  value,
  onChange,
  mono = false,
  placeholder,
  maxLength,
  list,
  suggestions,
  ...field
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  /** For ids, image references, labels: what is typed is code, not prose. */
  mono?: boolean;
  placeholder?: string;
  maxLength?: number;
  list?: string;
  suggestions?: readonly string[];
}) {
  const { shell, control } = split(field);
  const listId = suggestions ? `${field.id}-options` : list;
  return (
    <Field {...shell}>
      <input
        {...control}
        className={mono ? `${INPUT} font-mono` : INPUT}
        list={listId}
        placeholder={placeholder}
        maxLength={maxLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {suggestions && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </Field>
  );
}

/** A number field, kept as the typed text so the server can name what is wrong with it. */
export function NumberField({
  value,
  onChange,
  min,
  ...field
}: FieldProps & { value: string; onChange: (value: string) => void; min: number }) {
  const { shell, control } = split(field);
  return (
    <Field {...shell}>
      <input
        {...control}
        className={INPUT}
        type="number"
        min={min}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

/** A select over `options`; `onChange` gets one of their values, never another string. */
export function SelectField<V extends string>({
  value,
  onChange,
  options,
  ...field
}: FieldProps & {
  value: V;
  onChange: (value: V) => void;
  options: readonly SelectOption<V>[];
}) {
  const { shell, control } = split(field);
  return (
    <Field {...shell}>
      <select
        {...control}
        className={INPUT}
        value={value}
        onChange={(e) => {
          const picked = options.find((o) => o.value === e.target.value);
          if (picked) onChange(picked.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
