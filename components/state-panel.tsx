import type { ReactNode } from "react";
import { StatusIcon } from "./status-icon";

/** Loading, empty and error placeholders shared by every page. */
export function LoadingState({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="border-border bg-panel rounded-md border p-6">
      <p className="text-muted flex items-center gap-2 text-sm">
        <span
          aria-hidden="true"
          className="border-border border-t-accent size-3 animate-spin rounded-full border-2"
        />
        {label}
      </p>
      <div aria-hidden="true" className="mt-4 space-y-2">
        {[0, 1, 2].map((i) => (
          <div key={i} className="bg-border/40 h-7 animate-pulse rounded" />
        ))}
      </div>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="border-border bg-panel rounded-md border border-dashed px-6 py-10 text-center">
      <p className="text-sm font-medium">{title}</p>
      {children && <div className="text-muted mt-1 text-sm">{children}</div>}
    </div>
  );
}

export function ErrorState({
  title,
  message,
  action,
}: {
  title: string;
  message: string;
  action?: ReactNode;
}) {
  return (
    <div
      role="alert"
      className="border-failed/30 bg-failed-soft rounded-md border px-4 py-3 text-sm"
    >
      <p className="text-failed flex items-center gap-2 font-medium">
        <StatusIcon tone="failed" />
        {title}
      </p>
      <p className="text-ink mt-1">{message}</p>
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
