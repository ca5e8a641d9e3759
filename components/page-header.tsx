import type { ReactNode } from "react";

/** The page's single h1, an optional kicker above it and a line of context below. */
export function PageHeader({
  title,
  kicker,
  description,
  aside,
}: {
  title: ReactNode;
  kicker?: ReactNode;
  description?: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        {kicker && <div className="text-muted mb-1 text-xs">{kicker}</div>}
        <h1 className="truncate text-xl font-semibold tracking-tight">{title}</h1>
        {description && <p className="text-muted mt-0.5 text-sm">{description}</p>}
      </div>
      {aside}
    </div>
  );
}
