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
