import type { ReactNode } from "react";

/** A titled block of a page whose heading shows how many items it lists. */
export function CountedSection({
  headingId,
  title,
  count,
  className,
  children,
}: {
  headingId: string;
  title: string;
  count: number;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} className={className}>
      <h2 id={headingId} className="mb-2 text-sm font-semibold">
        {title} <span className="text-muted font-normal">({count})</span>
      </h2>
      {children}
    </section>
  );
}
