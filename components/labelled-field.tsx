import type { ReactNode } from "react";

/** A form control under its visible label; `id` is the control's, so the label names it. */
export function LabelledField({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="text-muted mb-1 block text-xs font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}
